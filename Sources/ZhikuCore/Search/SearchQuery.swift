/// A user's search text, turned into an FTS5 expression over the search form.
///
/// The user's text is never FTS5 syntax: it is split into terms at white space, each term is
/// folded and tokenised like the indexed text (see ``SearchForm``) and becomes a quoted phrase, and
/// the terms must all match (AND). Each term is expanded with OpenCC's regional vocabulary
/// (芯片 ↔ 晶片, 服务器 ↔ 伺服器, 内存 ↔ 記憶體), the variants joined with OR.
///
/// Example: `晶片 28nm` → `("晶 片" OR "芯 片") AND ("28nm")`.
public struct SearchQuery: Sendable {
    /// One term of the query: the token sequences any of which satisfies it.
    public struct Term: Sendable, Equatable {
        /// The term as the user typed it.
        public let text: String
        /// The folded token texts of each variant, first the term's own.
        public let variants: [[String]]
    }

    /// The text the user typed.
    public let text: String
    /// The terms, all of which must match.
    public let terms: [Term]

    /// Parses `text`, folding with `fold` and expanding regional vocabulary with `opencc`.
    ///
    /// Throws ``ZhikuError/emptyQuery(_:)`` when nothing searchable is left (an empty string, `*`, `"`).
    public init(_ text: String, fold: FoldTable, opencc: OpenCC?) throws {
        var terms: [Term] = []
        for piece in text.split(whereSeparator: { $0.isWhitespace }) {
            let own = Self.tokens(of: piece, fold: fold)
            guard !own.isEmpty else { continue }
            var variants = [own]
            if let opencc {
                for spelling in try Self.regionalSpellings(of: String(piece), fold: fold, opencc: opencc) {
                    let tokens = Self.tokens(of: spelling, fold: fold)
                    if !tokens.isEmpty && !variants.contains(tokens) { variants.append(tokens) }
                }
            }
            let term = Term(text: String(piece), variants: variants)
            if !terms.contains(term) { terms.append(term) }
        }
        guard !terms.isEmpty else { throw ZhikuError.emptyQuery(text) }
        self.text = text
        self.terms = terms
    }

    /// The FTS5 MATCH expression. Every token is inside a double-quoted string, with any double quote
    /// doubled, so no user input is ever read as an FTS5 operator.
    public var matchExpression: String {
        terms.map { term in
            "("
                + term.variants.map {
                    "\"" + $0.joined(separator: " ").replacingOccurrences(of: "\"", with: "\"\"") + "\""
                }
                .joined(separator: " OR ") + ")"
        }.joined(separator: " AND ")
    }

    /// How many phrases each term contributes to ``matchExpression``, in order, comma-separated
    /// (`"2,1"`): what ``SearchRanking`` needs to count a term's spellings together.
    var phrasesPerTerm: String {
        terms.map { String($0.variants.count) }.joined(separator: ",")
    }

    /// The token texts of `piece`, without boundaries at either end: a query that ends in
    /// punctuation (`芯片。`) still finds `芯片的`.
    static func tokens(of piece: some StringProtocol, fold: FoldTable) -> [String] {
        var tokens = SearchForm(piece, fold: fold).tokens[...]
        while tokens.first?.kind == .boundary { tokens.removeFirst() }
        while tokens.last?.kind == .boundary { tokens.removeLast() }
        return tokens.map(\.text)
    }

    /// The spellings of `piece` in the other regions' vocabulary (see ``RegionalConversion``), to
    /// be folded by the caller.
    static func regionalSpellings(of piece: String, fold: FoldTable, opencc: OpenCC) throws -> [String] {
        try RegionalConversion.spellings(of: piece, fold: fold, opencc: opencc)
    }
}
