/// Parses transcript text and Markdown into who said what.
///
/// A label (`姓名：`, `姓名(主持人):`, `### 姓名：`, `**Name**：`) starts a turn; the paragraphs after it
/// continue the turn until the next label, a heading, a speaker's introduction line, or a layout break
/// (more blank lines than the document puts between paragraphs, then text that is not labelled).
/// Text outside every turn (ads, captions, boilerplate) is kept as unattributed stretches.
public struct TranscriptParser {
    private let fold: FoldTable
    private let labels: LabelRecognizer

    /// A parser that compares names with `fold`.
    public init(fold: FoldTable) {
        self.fold = fold
        self.labels = LabelRecognizer(fold: fold)
    }

    /// Parses `text` (line ends already `\n`). `fileName` supplies a title or date when the text has none.
    public func parse(
        _ text: String, fileName: String, origin: String, sha256: String, encoding: String
    ) -> ParsedDocument {
        let lines = TranscriptLine.split(text)
        var kinds = LineClassifier(labels: labels).classify(lines)
        let head = DocumentHead(lines: lines, kinds: kinds, fold: fold, fileName: fileName)
        if let titleLine = head.titleLine, case .label = kinds[titleLine] { kinds[titleLine] = .text }
        rejectDoubtfulLabels(&kinds)
        let isMarkdown =
            fileName.lowercased().hasSuffix(".md") || fileName.lowercased().hasSuffix(".markdown")
            || kinds.contains { if case .heading = $0 { return true } else { return false } }

        var builder = TurnBuilder(
            document: ParsedDocument(
                origin: origin, contentSHA256: sha256, title: head.title, date: head.date, source: head.source,
                format: isMarkdown ? "markdown" : "text", encoding: encoding, text: text))
        let introductions = IntroductionFinder(labels: labels, kinds: kinds, lines: lines, fold: fold)
        let breakGap = Self.layoutBreakGap(lines: lines, kinds: kinds)

        var blankRun = 0
        for (index, line) in lines.enumerated() {
            let kind = kinds[index]
            if case .blank = kind {
                blankRun += 1
                continue
            }
            defer { blankRun = 0 }
            if index == head.titleLine || index == head.dateLine {
                builder.closeTurn()
                builder.addUnattributed(line, alone: true)
                continue
            }
            switch kind {
            case .blank:
                break
            case .label(let label):
                builder.startTurn(label: label, line: line, fold: fold)
            case .heading(let level, let heading):
                builder.closeTurn()
                builder.addSection(heading: heading, level: level, line: line)
                builder.addUnattributed(line, alone: true)
            case .boldLine(let heading):
                builder.closeTurn()
                builder.addSection(heading: heading, level: 3, line: line)
                builder.addUnattributed(line, alone: true)
            case .aside:
                builder.interrupt()
                builder.addUnattributed(line)
            case .text:
                if let introduction = introductions.introduction(at: index) {
                    builder.closeTurn()
                    builder.introduce(introduction, fold: fold)
                    builder.addUnattributed(line, alone: true)
                } else if introductions.isPlainHeading(at: index, blankBefore: blankRun) {
                    builder.closeTurn()
                    builder.addSection(heading: line.text.trimmingWhitespace(), level: 2, line: line)
                    builder.addUnattributed(line, alone: true)
                } else if builder.hasOpenTurn, blankRun >= breakGap {
                    builder.closeTurn()
                    builder.addUnattributed(line)
                } else {
                    builder.continueText(line)
                }
            }
        }
        builder.closeTurn()
        return builder.finish()
    }

    /// Undressed labels are taken on trust only when short, seen more than once, or a name with its
    /// title (行政院王智政委): a long prefix before a colon that occurs once is the start of a sentence.
    private func rejectDoubtfulLabels(_ kinds: inout [LineKind]) {
        var counts: [String: Int] = [:]
        for case .label(let label) in kinds { counts[fold.fold(label.name), default: 0] += 1 }
        for index in kinds.indices {
            guard case .label(let label) = kinds[index], label.dress == .plain, !label.isContinuation else { continue }
            let count = counts[fold.fold(label.name), default: 0]
            // Han names are counted in characters, Latin names in words (Tim Cook is two).
            let isLatin = label.name.unicodeScalars.allSatisfy(\.isASCII)
            let size = isLatin ? label.name.split(separator: " ").count : label.name.unicodeScalars.count
            if size > (isLatin ? 3 : 4), count < 2, label.role == nil, TitledName.split(label.name, fold: fold) == nil {
                kinds[index] = .text
            }
        }
    }

    /// How many blank lines in a row end a turn: more than the document usually leaves between
    /// paragraphs, and at least two.
    static func layoutBreakGap(lines: [TranscriptLine], kinds: [LineKind]) -> Int {
        var gaps: [Int: Int] = [:]
        var run = 0
        var seenText = false
        for kind in kinds {
            if case .blank = kind {
                run += 1
                continue
            }
            if seenText { gaps[run, default: 0] += 1 }
            seenText = true
            run = 0
        }
        let usual = gaps.max { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }?.key ?? 1
        return max(2, usual + 1)
    }
}
