import ZhikuSQLite

/// A parsed document with the texts and search forms of its turns and claims worked out, ready to be
/// written. Preparing is the CPU-heavy part of storing, so it can run on another thread than the
/// writer.
public struct PreparedDocument: Sendable {
    /// The parsed document.
    public let document: ParsedDocument
    /// Each turn's search form, in turn order.
    let turnForms: [String]
    /// The index tokenizer's tokens of each search form, when prepared with one (see
    /// ``Store/indexTokenizerForPreparing()``).
    let turnTokens: [FTS5Tokens]?
    /// Each claim's line, turn by turn.
    let claimLines: [[Int]]
    /// The topics the document names by itself: quoted terms, short headings.
    let topics: [TopicCandidate]
    /// Each of ``topics``' spellings (see ``TopicSpellings``), when prepared with OpenCC: worked out
    /// here so that the writer does not convert on its thread.
    let topicSpellings: [Set<String>]?
    /// Mentions found in the turns, in document offsets: of topics known when preparing began (a
    /// non-negative topic id), and of the document's own topics (`-1 - index` into ``topics``).
    let mentions: [(turn: Int, topic: Int64, range: Range<Int>)]

    /// Slices and folds `document` with `fold`.
    public init(_ document: ParsedDocument, fold: FoldTable) {
        self.init(document, fold: fold, knownTopics: TopicMatcher(), opencc: nil)
    }

    /// Slices and folds `document` with `fold`, and finds its mentions of `knownTopics` and of its own
    /// topics (spelled in the other regions' vocabulary too when `opencc` is given). This is the CPU
    /// work of storing, done here so that it can run beside the writer.
    ///
    /// With `tokenizer`, the index's tokenizer, the search forms are also tokenized here.
    init(
        _ document: ParsedDocument, fold: FoldTable, knownTopics: TopicMatcher, opencc: OpenCC?,
        spellings: TopicSpellingsCache? = nil, tokenizer: FTS5Tokenizer? = nil
    ) {
        self.document = document
        let scalars = document.text.scalarArray
        var turnTexts: [ArraySlice<Unicode.Scalar>] = []
        var turnForms: [String] = []
        var claimLines: [[Int]] = []
        var foldedTurns: [[Unicode.Scalar]] = []
        for turn in document.turns {
            let range = (turn.start..<turn.end).clamped(to: 0..<scalars.count)
            turnTexts.append(scalars[range])
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
        // All or none: a form the tokenizer fails on is tokenized by the index itself, like the rest.
        let turnTokens = tokenizer.map { tokenizer in turnForms.compactMap { try? tokenizer.documentTokens(of: $0) } }
        self.turnTokens = turnTokens?.count == turnForms.count ? turnTokens : nil
        self.claimLines = claimLines
        let topics = TopicCandidates.find(in: document, turnTexts: turnTexts, foldedTurns: foldedTurns, fold: fold)
        var own = TopicMatcher()
        let named = topics.map { (name: $0.name, aliases: $0.aliases) }
        let topicSpellings =
            opencc.map { opencc in
                spellings?.spellings(ofEach: named, fold: fold, opencc: opencc)
                    ?? TopicSpellings.spellings(ofEach: named, fold: fold, opencc: opencc)
            } ?? topics.map { [fold.fold($0.name)] }
        for (index, spellings) in topicSpellings.enumerated() {
            own.add(topicID: -1 - Int64(index), spellings: spellings)
        }
        self.topicSpellings = opencc == nil ? nil : topicSpellings
        var mentions: [(turn: Int, topic: Int64, range: Range<Int>)] = []
        for (index, (turn, folded)) in zip(document.turns, foldedTurns).enumerated() {
            for found in knownTopics.mentions(in: folded) + own.mentions(in: folded) {
                let range = (turn.start + found.range.lowerBound)..<(turn.start + found.range.upperBound)
                mentions.append((index, found.topicID, range))
            }
        }
        self.topics = topics
        self.mentions = mentions
    }
}
