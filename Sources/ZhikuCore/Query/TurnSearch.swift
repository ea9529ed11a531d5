import ZhikuSQLite

/// A turn that matches a search, with where it is and a snippet of its original text.
public struct SearchHit: Sendable {
    /// The turn's id.
    public let turnID: Int64
    /// The document's id.
    public let documentID: Int64
    /// The document's title.
    public let documentTitle: String
    /// The speaker's id; nil for text that nobody said.
    public let speakerID: Int64?
    /// The speaker's name; nil for text that nobody said.
    public let speakerName: String?
    /// The line of the document where the turn starts.
    public let line: Int
    /// Where the turn starts in its document's text, in characters (Unicode scalars): the snippet's
    /// place in the document is `turnStart + snippet.start`.
    public let turnStart: Int
    /// The original text around the matches, with the matched characters marked.
    public let snippet: Snippet
}

/// Filters and limits of a search.
public struct SearchOptions: Sendable {
    /// Only turns of this speaker.
    public var speakerID: Int64?
    /// Only turns of this document.
    public var documentID: Int64?
    /// Only turns that mention this topic (a known topic's name or alias in any script or regional
    /// form; otherwise the text itself), as `zhiku claims --topic` reads it.
    public var topic: String?
    /// At most this many hits.
    public var limit: Int
    /// Scalars of context in each snippet.
    public var snippetLength: Int
    /// Above this many matching turns, hits come newest first instead of by relevance: ranking
    /// reads and scores every match before the limit applies, so the time a query takes grows with
    /// this number (a character that occurs in most turns matches hundreds of thousands), and
    /// relevance among that many turns says little anyway. On the 100 MB benchmark corpus, 2,000
    /// rather than 5,000 takes the p95 of two-character queries from 9 to 7.5 ms.
    public var rankedMatchLimit = 2_000
    /// Whether the matches are counted before any is scored, so that a query with more than
    /// ``rankedMatchLimit`` of them scores none. That saves most of the work of a common word's
    /// search, and costs a second pass over the index to the others: 4-character queries took
    /// twice as long at the median on the benchmark corpus. Worth it where answers are cached and
    /// the CPU of recomputing them matters more than one query's latency: `zhiku serve` sets it.
    public var countsMatchesFirst = false

    /// Options with the defaults: no filter, 20 hits, 80 characters of snippet.
    public init(
        speakerID: Int64? = nil, documentID: Int64? = nil, topic: String? = nil, limit: Int = 20,
        snippetLength: Int = 80
    ) {
        self.speakerID = speakerID
        self.documentID = documentID
        self.topic = topic
        self.limit = limit
        self.snippetLength = snippetLength
    }
}

extension Store {
    /// The ids of the turns matching an FTS expression, best first, at most `options.limit`.
    ///
    /// One pass over the index, in rowid order, scores each match as it goes (``SearchRanking``:
    /// no second pass, as FTS5's bm25 makes, to weigh the phrases). It stops after
    /// ``SearchOptions/rankedMatchLimit`` + 1 matches: a character found in most turns would
    /// otherwise score hundreds of thousands of them, and those queries get the newest turns instead
    /// (see also ``SearchOptions/countsMatchesFirst``).
    func matchingTurnIDs(_ query: SearchQuery, options: SearchOptions) throws -> [Int64] {
        let expression = query.matchExpression
        // A topic narrows to the turns that mention it, bound as one JSON array however many.
        var topicTurns: String?
        if let topic = options.topic {
            let turns = try mentionsByTurn(of: topic).keys
            if turns.isEmpty { return [] }
            topicTurns = "[" + turns.map(String.init).joined(separator: ",") + "]"
        }
        let filtered = options.speakerID != nil || options.documentID != nil || topicTurns != nil
        // The filters join turn_span; without them the index alone answers.
        let matching =
            filtered
            ? """
            FROM turn_fts f JOIN turn_span t ON t.id = f.rowid
            WHERE turn_fts MATCH ?1 AND (?2 IS NULL OR t.speaker_id = ?2) AND (?3 IS NULL OR t.document_id = ?3)
              AND (?4 IS NULL OR t.id IN (SELECT value FROM json_each(?4)))
            """
            : "FROM turn_fts f WHERE turn_fts MATCH ?1 AND ?4 IS NULL"
        let arguments: [any SQLiteBindable] = [
            expression, options.speakerID, options.documentID, topicTurns, options.rankedMatchLimit + 1,
            query.phrasesPerTerm,
        ]
        var manyMatch = false
        if options.countsMatchesFirst {
            let counted = try connection.cachedStatement("SELECT count(*) FROM (SELECT f.rowid \(matching) LIMIT ?5)")
            try counted.bind(Array(arguments.prefix(5)))  // all but the scoring's ?6
            defer { try? counted.reset() }
            manyMatch = try counted.step() && counted.int64(at: 0) ?? 0 > options.rankedMatchLimit
        }
        if !manyMatch {
            let scored = try connection.cachedStatement("SELECT f.rowid, zhiku_rank(turn_fts, ?6) \(matching) LIMIT ?5")
            try scored.bind(arguments)
            defer { try? scored.reset() }
            var matches: [(id: Int64, score: Double)] = []
            // Read column by column: copying thousands of rows into `Row`s would cost more than scoring them.
            while try scored.step() {
                matches.append((scored.int64(at: 0) ?? 0, scored.double(at: 1) ?? 0))
            }
            if matches.count <= options.rankedMatchLimit {
                return matches.sorted { ($0.score, $1.id) > ($1.score, $0.id) }.prefix(options.limit).map(\.id)
            }
        }
        return try connection.query(
            "SELECT f.rowid \(matching) ORDER BY f.rowid DESC LIMIT ?5",
            arguments: Array(arguments.prefix(4)) + [options.limit]
        ).map { try $0.int64(0) }
    }

    /// The ids of every turn that matches `text`, ascending: the whole answer of
    /// ``search(_:options:)`` before ranking, filters and the limit. For measuring recall.
    package func allMatchingTurnIDs(_ text: String) throws -> [Int64] {
        try connection.query(
            "SELECT rowid FROM turn_fts WHERE turn_fts MATCH ? ORDER BY rowid", try searchQuery(text).matchExpression
        ).map { try $0.int64(0) }
    }

    /// Parses `text` as a search query with this database's fold and regional expansion.
    public func searchQuery(_ text: String) throws -> SearchQuery {
        try SearchQuery(text, fold: fold, opencc: opencc)
    }

    /// The turns that match `text`, best first (see ``SearchRanking``), or newest first when more
    /// than ``SearchOptions/rankedMatchLimit`` turns match.
    public func search(_ text: String, options: SearchOptions = SearchOptions()) throws -> [SearchHit] {
        guard options.limit > 0 else {
            throw ZhikuError.invalidArgument("the limit must be at least 1, got \(options.limit)")
        }
        let query = try searchQuery(text)
        let ids = try matchingTurnIDs(query, options: options)
        // Details only for the hits: cutting a turn out of its document is not free.
        let details = try turnDetails(ids)
        return ids.compactMap { id in
            details[id].map { turn in
                SearchHit(
                    turnID: id, documentID: turn.documentID, documentTitle: turn.documentTitle,
                    speakerID: turn.speakerID, speakerName: turn.speakerName, line: turn.line,
                    turnStart: turn.startOffset,
                    snippet: Highlighter.snippet(of: query, in: turn.text, fold: fold, length: options.snippetLength))
            }
        }
    }
}
