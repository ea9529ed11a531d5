/// The title, date and source of a transcript, read from its head (and its file name when the text
/// has none).
struct DocumentHead {
    /// The title: a top-level heading, the line before a date line, or the file name.
    var title: String
    /// ISO 8601, as precise as the source.
    var date: String?
    /// A publisher or address named in front matter or a `來源：` line.
    var source: String?
    /// The index of the line the title was taken from, if any.
    var titleLine: Int?
    /// The index of a line that holds only the date, if any.
    var dateLine: Int?

    /// How far into a document its head may reach.
    static let headLines = 40

    init(lines: [TranscriptLine], kinds: [LineKind], fold: FoldTable, fileName: String) {
        let firstLabel = kinds.firstIndex { if case .label = $0 { return true } else { return false } } ?? lines.count
        let top = 0..<min(lines.count, Self.headLines)
        let head = 0..<min(lines.count, firstLabel, Self.headLines)

        source = Self.source(lines: lines, kinds: kinds, head: top, fold: fold)
        dateLine = top.first { index in
            if case .text = kinds[index] { return DateRecognizer.isDateLine(fold.fold(lines[index].text)) }
            return false
        }

        let stem = Self.stem(of: fileName)
        if let heading = head.first(where: { index in
            if case .heading(let level, _) = kinds[index] { return level == 1 }
            return false
        }), case .heading(_, let text) = kinds[heading] {
            title = text
            titleLine = heading
        } else if let dateLine, let before = (0..<dateLine).last(where: { !lines[$0].isBlank }),
            Self.isTitleLike(lines[before], kinds[before], allowLabel: true)
        {
            // The line just before a date line is the title, even with a colon in it (晶片之後:台灣…).
            title = lines[before].text.trimmingWhitespace()
            titleLine = before
        } else if let first = head.first(where: { !lines[$0].isBlank }), Self.isTitleLike(lines[first], kinds[first]) {
            title = lines[first].text.trimmingWhitespace()
            titleLine = first
        } else {
            title = stem
        }

        date =
            dateLine.flatMap { DateRecognizer.firstDate(in: fold.fold(lines[$0].text)) }
            ?? DateRecognizer.firstDate(in: fold.fold(title))
            ?? DateRecognizer.firstDate(in: stem)
    }

    /// A short line that does not read as a sentence.
    private static func isTitleLike(_ line: TranscriptLine, _ kind: LineKind, allowLabel: Bool = false) -> Bool {
        switch kind {
        case .text: break
        case .label where allowLabel: break
        default: return false
        }
        let text = line.text.trimmingWhitespace()
        guard (2...80).contains(text.unicodeScalars.count), !text.contains("://") else { return false }
        guard let last = text.unicodeScalars.last else { return false }
        return !"。，、；：:,;".unicodeScalars.contains(last)
    }

    private static func source(lines: [TranscriptLine], kinds: [LineKind], head: Range<Int>, fold: FoldTable) -> String?
    {
        var found: [String: String] = [:]
        let keys = ["via", "url", "source", "来源", "出处", "原文", "原文链接", "原文网址"]
        let tail = max(head.upperBound, lines.count - 10)..<lines.count
        for index in Array(head) + Array(tail) {
            var text = lines[index].text.trimmingWhitespace()
            // LCTT front matter: `[#]: via: (https://…)`.
            if text.hasPrefix("[#]:") { text = String(text.dropFirst(4)).trimmingWhitespace() }
            guard let colon = text.firstIndex(where: { $0 == ":" || $0 == "：" }) else { continue }
            let key = fold.fold(text[..<colon]).trimmingWhitespace()
            guard keys.contains(key) else { continue }
            let value = text[text.index(after: colon)...].trimmingWhitespace().trimming("()（）").trimmingWhitespace()
            if !value.isEmpty, found[key] == nil { found[key] = value }
        }
        return keys.lazy.compactMap { found[$0] }.first
    }

    private static func stem(of fileName: String) -> String {
        let name = fileName.split(separator: "/").last.map(String.init) ?? fileName
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
        return String(name[..<dot])
    }
}
