/// A parsed document with the texts and search forms of its turns and claims worked out, ready to be
/// written. Preparing is the CPU-heavy part of storing, so it can run on another thread than the
/// writer.
public struct PreparedDocument: Sendable {
    /// The parsed document.
    public let document: ParsedDocument
    /// Each turn's search form, in turn order.
    let turnForms: [String]
    /// Each claim's line, turn by turn.
    let claimLines: [[Int]]
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
        var claimLines: [[Int]] = []
        var foldedTurns: [[Unicode.Scalar]] = []
        for turn in document.turns {
            let range = (turn.start..<turn.end).clamped(to: 0..<scalars.count)
            turnTexts.append(Self.slice(scalars, range))
            // Folded once, for both the index and the topic matcher.
            let folded = scalars[range].map(fold.fold)
            turnForms.append(SearchForm.indexText(folded: folded))
            foldedTurns.append(folded)
            var line = turn.line
            var position = turn.start
            claimLines.append(
                turn.claims.map { claim in
                    // Lines are counted forward from the turn's start, claim after claim.
                    let upTo = max(position, min(claim.lowerBound, scalars.count))
                    line += scalars[position..<upTo].count(where: { $0 == "\n" })
                    position = upTo
                    return line
                })
        }
        self.turnForms = turnForms
        self.claimLines = claimLines
        self.foldedTurns = foldedTurns
        self.topics = TopicCandidates.find(in: document, turnTexts: turnTexts, foldedTurns: foldedTurns, fold: fold)
    }

    private static func slice(_ scalars: [Unicode.Scalar], _ range: Range<Int>) -> String {
        String(utf8Encoding: scalars[range.clamped(to: 0..<scalars.count)])
    }
}
