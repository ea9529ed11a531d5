/// A topic found in a document before it is stored: a quoted term or a short section heading.
public struct TopicCandidate: Sendable, Hashable {
    /// The name as first written.
    public let name: String
    /// How it was found: `quoted`, `heading`, `lexicon` or `keyphrase`.
    public let origin: String
    /// Other written forms (from a lexicon).
    public let aliases: [String]

    /// A candidate from its parts.
    public init(name: String, origin: String, aliases: [String] = []) {
        self.name = name
        self.origin = origin
        self.aliases = aliases
    }
}

/// Finds the topics a document names by itself: terms in 「」, 『』 or “” quotes, and short headings.
enum TopicCandidates {
    /// Quoted terms of 2 to 12 characters with no punctuation inside: 「卡脖子」, “开源”. Longer quotes
    /// are speech, not names of things.
    static let quotedLength = 2...12
    /// Headings short enough to name a subject (开场, 服务器与内存) rather than ask a question.
    static let headingLength = 2...16

    static func find(
        in document: ParsedDocument, turnTexts: [ArraySlice<Unicode.Scalar>], foldedTurns: [[Unicode.Scalar]],
        fold: FoldTable
    ) -> [TopicCandidate] {
        var seen = Set<String>()
        var found: [TopicCandidate] = []
        func add(_ name: String, _ origin: String) {
            if seen.insert(name).inserted { found.append(TopicCandidate(name: name, origin: origin)) }
        }
        // A term counts as a topic when the document quotes it in at least a third of its uses:
        // 「卡脖子」 is a name for something; a 「我們」 quoted once among hundreds of 我們 is not.
        var quoted: [String: (written: String, count: Int)] = [:]
        var spoken: [Unicode.Scalar] = []
        for ((turn, text), folded) in zip(zip(document.turns, turnTexts), foldedTurns) where turn.speaker != nil {
            spoken.append(contentsOf: folded)
            spoken.append("\n")
            for term in quotedTerms(in: text) { quoted[fold.fold(term), default: (term, 0)].count += 1 }
        }
        for (key, term) in quoted.sorted(by: { $0.key < $1.key })
        where term.count * 3 >= occurrences(of: key, in: spoken) {
            add(term.written, "quoted")
        }
        for section in document.sections {
            let heading = section.heading.trimming("#*_：: ").trimmingWhitespace()
            for term in quotedTerms(in: heading) { add(term, "quoted") }
            let bare = stripNumbering(heading)
            if headingLength.contains(bare.unicodeScalars.count), !bare.unicodeScalars.contains(where: isPunctuation),
                !LabelVocabulary.isStructureWord(fold.fold(bare))
            {
                add(bare, "heading")
            }
        }
        return found
    }

    /// How many times `term` occurs in `text`, without overlaps. Compared scalar by scalar: Foundation's
    /// `range(of:)` folds grapheme clusters and is an order of magnitude slower here.
    static func occurrences(of term: String, in text: [Unicode.Scalar]) -> Int {
        let needle = Array(term.unicodeScalars)
        guard let first = needle.first, needle.count <= text.count else { return 0 }
        var count = 0
        var index = 0
        while index <= text.count - needle.count {
            if text[index] == first, text[index..<(index + needle.count)].elementsEqual(needle) {
                count += 1
                index += needle.count
            } else {
                index += 1
            }
        }
        return count
    }

    /// The terms between matching quotation marks in `text`.
    static func quotedTerms(in text: String) -> [String] {
        quotedTerms(in: Array(text.unicodeScalars)[...])
    }

    /// The terms between matching quotation marks in `text`, a turn's scalars.
    static func quotedTerms(in text: ArraySlice<Unicode.Scalar>) -> [String] {
        // Most turns quote nothing: one pass to find out, before any term is cut out.
        guard text.contains(where: { closingQuote(for: $0) != nil }) else { return [] }
        var terms: [String] = []
        let scalars = Array(text)
        var index = 0
        while index < scalars.count {
            guard let close = closingQuote(for: scalars[index]) else {
                index += 1
                continue
            }
            let start = index + 1
            var end = start
            while end < scalars.count, scalars[end] != close, end - start <= quotedLength.upperBound { end += 1 }
            if end < scalars.count, scalars[end] == close, quotedLength.contains(end - start) {
                let term = scalars[start..<end]
                if !term.contains(where: isPunctuation), term.contains(where: { $0.properties.isAlphabetic }) {
                    terms.append(String(utf8Encoding: term).trimmingWhitespace())
                }
            }
            index = max(end, index + 1)
        }
        return terms.filter { !$0.isEmpty }
    }

    /// The mark that closes a quotation opened by `scalar`, if it opens one: 「」 『』 “” 《》.
    @inline(__always)
    private static func closingQuote(for scalar: Unicode.Scalar) -> Unicode.Scalar? {
        switch scalar {
        case "「": return "」"
        case "『": return "』"
        case "“": return "”"
        case "《": return "》"
        default: return nil
        }
    }

    /// `一、開場` → `開場`, `2. 服務器` → `服務器`.
    private static func stripNumbering(_ heading: String) -> String {
        let scalars = Array(heading.unicodeScalars)
        var index = 0
        while index < scalars.count, "一二三四五六七八九十0123456789".unicodeScalars.contains(scalars[index]) { index += 1 }
        guard index > 0, index < scalars.count, "、.．)）".unicodeScalars.contains(scalars[index]) else { return heading }
        return String(utf8Encoding: scalars[(index + 1)...]).trimmingWhitespace()
    }

    private static func isPunctuation(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
            .finalPunctuation, .otherPunctuation:
            return scalar != "·" && scalar != "・" && scalar != "-" && scalar != "&"
        default:
            return false
        }
    }
}
