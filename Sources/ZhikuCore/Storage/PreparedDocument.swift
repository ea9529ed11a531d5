/// A parsed document with the texts and search forms of its turns and claims worked out, ready to be
/// written. Preparing is the CPU-heavy part of storing, so it can run on another thread than the
/// writer.
public struct PreparedDocument: Sendable {
    /// The parsed document.
    public let document: ParsedDocument
    /// Each turn's original text, in turn order.
    let turnTexts: [String]
    /// Each turn's search form, in turn order.
    let turnForms: [String]
    /// Each claim's original text, search form and line, turn by turn.
    let claims: [[(text: String, form: String, line: Int)]]
    /// Each turn's folded text, for finding topic mentions.
    let foldedTurns: [[Unicode.Scalar]]
    /// The topics the document names by itself: quoted terms, short headings.
    let topics: [TopicCandidate]

    /// Slices and folds `document` with `fold`.
    public init(_ document: ParsedDocument, fold: FoldTable) {
        self.document = document
        let scalars = Array(document.text.unicodeScalars)
        var turnTexts: [String] = []
        var turnForms: [String] = []
        var claims: [[(text: String, form: String, line: Int)]] = []
        var foldedTurns: [[Unicode.Scalar]] = []
        for turn in document.turns {
            let text = Self.slice(scalars, turn.start..<turn.end)
            turnTexts.append(text)
            turnForms.append(SearchForm(text, fold: fold).indexText)
            foldedTurns.append(scalars[turn.start..<turn.end].map(fold.fold))
            var line = turn.line
            var position = turn.start
            claims.append(
                turn.claims.map { claim in
                    // Lines are counted forward from the turn's start, claim after claim.
                    let upTo = max(position, min(claim.lowerBound, scalars.count))
                    line += scalars[position..<upTo].count(where: { $0 == "\n" })
                    position = upTo
                    let text = Self.slice(scalars, claim)
                    return (text, SearchForm(text, fold: fold).indexText, line)
                })
        }
        self.turnTexts = turnTexts
        self.turnForms = turnForms
        self.claims = claims
        self.foldedTurns = foldedTurns
        self.topics = TopicCandidates.find(in: document, turnTexts: turnTexts, fold: fold)
    }

    private static func slice(_ scalars: [Unicode.Scalar], _ range: Range<Int>) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[range.clamped(to: 0..<scalars.count)])
        return String(view)
    }
}
