/// What one line of a transcript is, judged on its own.
enum LineKind {
    case blank
    /// A speaker label, possibly followed by speech on the same line.
    case label(SpeakerLabel)
    /// A Markdown heading (`## 議程`, or a line underlined with `===`), not a label.
    case heading(level: Int, text: String)
    /// A paragraph that is wholly bold (`**問題？**`): in interviews, a question heading a section.
    case boldLine(text: String)
    /// Metadata: front matter (`[#]: url: (…)`, YAML between `---`), a rule, an image, a quote (`> …`).
    case aside
    /// Anything else.
    case text
}

/// Classifies lines, using the Markdown conventions real transcripts are dressed in.
struct LineClassifier {
    let labels: LabelRecognizer

    /// The kind of each line of `lines`.
    func classify(_ lines: [TranscriptLine]) -> [LineKind] {
        var kinds: [LineKind] = []
        kinds.reserveCapacity(lines.count)
        var inFrontMatter = false
        for (index, line) in lines.enumerated() {
            if line.isBlank {
                kinds.append(.blank)
                continue
            }
            // Every mark of Markdown structure tested below starts the line's content: a line that
            // starts otherwise (nearly all of them) is a label or text, and is not copied to be trimmed.
            if let first = line.text.unicodeScalars.first(where: { !$0.properties.isWhitespace }),
                !Self.structureMarks.contains(first)
            {
                if inFrontMatter {
                    kinds.append(.aside)
                } else if let label = labels.label(in: line.text) {
                    kinds.append(.label(label))
                } else {
                    kinds.append(.text)
                }
                continue
            }
            let trimmed = line.text.trimmingWhitespace()
            // YAML front matter: a `---` block at the very top.
            if trimmed == "---", index == 0 || inFrontMatter {
                inFrontMatter.toggle()
                kinds.append(.aside)
                continue
            }
            if inFrontMatter {
                kinds.append(.aside)
                continue
            }
            // Setext headings: the underline turns the line above into a heading.
            if Self.isRule(trimmed, of: "="), let previous = kinds.indices.last, case .text = kinds[previous] {
                kinds[previous] = .heading(level: 1, text: lines[previous].text.trimmingWhitespace())
                kinds.append(.aside)
                continue
            }
            if Self.isRule(trimmed, of: "-") || Self.isRule(trimmed, of: "*") || Self.isRule(trimmed, of: "=")
                || trimmed.hasPrefix(">") || trimmed.hasPrefix("![") || trimmed.hasPrefix("[#]:")
                || trimmed.hasPrefix("<!--")
            {
                kinds.append(.aside)
                continue
            }
            if let label = labels.label(in: line.text) {
                kinds.append(.label(label))
                continue
            }
            if let heading = Self.atxHeading(trimmed) {
                kinds.append(.heading(level: heading.level, text: heading.text))
                continue
            }
            if let bold = Self.wholeBold(trimmed) {
                kinds.append(.boldLine(text: bold))
                continue
            }
            kinds.append(.text)
        }
        return kinds
    }

    /// The first characters of every Markdown mark that ``classify(_:)`` looks for: rules (`---`, `***`,
    /// `===`), quotes, images, front matter, comments, headings and bold lines.
    private static let structureMarks: Set<Unicode.Scalar> = ["-", "*", "=", ">", "!", "[", "<", "#", "_"]

    /// `## Heading` → (2, "Heading").
    static func atxHeading(_ line: String) -> (level: Int, text: String)? {
        let level = line.prefix(while: { $0 == "#" }).count
        guard (1...6).contains(level), line.dropFirst(level).first == " " else { return nil }
        let text = line.dropFirst(level).trimmingWhitespace()
        // `### 業務報告：` is an agenda heading written like a label: the colon is not part of its name.
        return text.isEmpty ? nil : (level, text.trimming("#").trimmingWhitespace().trimming("：:").trimmingWhitespace())
    }

    /// `**text**` with nothing after it → "text".
    static func wholeBold(_ line: String) -> String? {
        for mark in ["**", "__"] where line.hasPrefix(mark) && line.hasSuffix(mark) && line.count > 4 {
            let inner = line.dropFirst(2).dropLast(2)
            if !inner.contains(mark) { return inner.trimmingWhitespace() }
        }
        return nil
    }

    /// `---`, `* * *`, `===`: three or more of one mark and nothing else but spaces.
    private static func isRule(_ line: String, of mark: Unicode.Scalar) -> Bool {
        var count = 0
        for scalar in line.unicodeScalars where scalar != " " {
            guard scalar == mark else { return false }
            count += 1
        }
        return count >= 3
    }
}

extension StringProtocol {
    /// The text without the given characters at either end.
    func trimming(_ set: String) -> String {
        var slice = Substring(self)
        while let first = slice.first, set.contains(first) { slice = slice.dropFirst() }
        while let last = slice.last, set.contains(last) { slice = slice.dropLast() }
        return String(slice)
    }
}
