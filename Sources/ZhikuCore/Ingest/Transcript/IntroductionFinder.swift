/// A line that introduces a speaker: `王智 韋豪創芯投資合夥`, `朱恆源(左二) 清華大學經濟管理學院教授`.
struct Introduction {
    /// The speaker's name, as the document's labels write it.
    var name: String
    /// What follows the name: organisation and title.
    var affiliation: String
}

/// Finds introduction lines and the plain-text section headings of a transcript, which both stand
/// alone between blank lines just before a speaker's turn.
struct IntroductionFinder {
    private let kinds: [LineKind]
    private let lines: [TranscriptLine]
    private let fold: FoldTable
    /// Folded label names of the document, longest first, with the name as labels write it.
    private let names: [(folded: String, written: String)]

    init(labels: LabelRecognizer, kinds: [LineKind], lines: [TranscriptLine], fold: FoldTable) {
        self.kinds = kinds
        self.lines = lines
        self.fold = fold
        var seen: [String: String] = [:]
        for case .label(let label) in kinds where !label.isContinuation && label.name.unicodeScalars.count >= 2 {
            seen[fold.fold(label.name)] = seen[fold.fold(label.name)] ?? label.name
        }
        names = seen.map { ($0.key, $0.value) }.sorted { $0.folded.count > $1.folded.count }
    }

    /// The introduction on line `index`, if it is one: a short line standing alone, starting with the
    /// name of a speaker of this document, then a photo position or a space, then who they are.
    func introduction(at index: Int) -> Introduction? {
        guard standsAlone(index) else { return nil }
        let text = lines[index].text.trimmingWhitespace()
        guard text.unicodeScalars.count <= 60, !text.unicodeScalars.contains(where: Self.endsSentence) else {
            return nil
        }
        let folded = fold.fold(text)
        guard let match = names.first(where: { folded.hasPrefix($0.folded) }) else { return nil }
        var rest = Substring(String(Substring(text.unicodeScalars.dropFirst(match.folded.unicodeScalars.count))))
        var separated = false
        if let first = rest.unicodeScalars.first, first == "(" || first == "（",
            let close = rest.firstIndex(where: { $0 == ")" || $0 == "）" }),
            PhotoPosition.matches(String(rest[rest.index(after: rest.startIndex)..<close]))
        {
            rest = rest[rest.index(after: close)...]
            separated = true
        }
        if let first = rest.first, first.isWhitespace { separated = true }
        let affiliation = rest.trimmingWhitespace()
        guard separated, !affiliation.isEmpty, let first = affiliation.unicodeScalars.first,
            !LabelRecognizer.isColon(first)
        else { return nil }
        return Introduction(name: match.written, affiliation: affiliation)
    }

    /// Whether line `index` is a section heading written as plain text: a short line standing alone,
    /// ending in a question mark or in no punctuation, right before a speaker's turn or introduction.
    func isPlainHeading(at index: Int, blankBefore: Int) -> Bool {
        guard blankBefore >= 1, standsAlone(index) else { return false }
        let text = lines[index].text.trimmingWhitespace()
        let scalars = Array(text.unicodeScalars)
        guard (4...40).contains(scalars.count), let last = scalars.last else { return false }
        if scalars.dropLast().contains(where: Self.endsSentence) { return false }
        if Self.endsSentence(last) && last != "?" && last != "？" { return false }
        if "，、；：:,;".unicodeScalars.contains(last) { return false }
        // Speech right after a label with nothing on its line belongs to that label.
        if let previous = (0..<index).last(where: { !lines[$0].isBlank }), case .label(let label) = kinds[previous],
            label.contentStart >= lines[previous].length
        {
            return false
        }
        guard let next = ((index + 1)..<lines.count).first(where: { !lines[$0].isBlank }) else { return false }
        if case .label(let label) = kinds[next], !label.isContinuation { return true }
        return introduction(at: next) != nil
    }

    /// A line with a blank line (or the document's edge) before and after it.
    private func standsAlone(_ index: Int) -> Bool {
        guard case .text = kinds[index] else { return false }
        let before = index == 0 || lines[index - 1].isBlank
        let after = index + 1 == lines.count || lines[index + 1].isBlank
        return before && after
    }

    private static func endsSentence(_ scalar: Unicode.Scalar) -> Bool {
        "。！？!?；;".unicodeScalars.contains(scalar)
    }
}
