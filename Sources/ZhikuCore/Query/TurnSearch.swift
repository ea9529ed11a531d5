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
    /// The original text around the matches, with the matched characters marked.
    public let snippet: Snippet
}

/// Filters and limits of a search.
public struct SearchOptions: Sendable {
    /// Only turns of this speaker.
    public var speakerID: Int64?
    /// Only turns of this document.
    public var documentID: Int64?
    /// At most this many hits.
    public var limit: Int
    /// Scalars of context in each snippet.
    public var snippetLength: Int
    /// Above this many matching turns, hits come newest first instead of by relevance: bm25 scores
    /// every match before the limit applies, which takes over a second for a character that occurs in
    /// most turns, and relevance among that many turns says little anyway.
    public var rankedMatchLimit = 5_000

    /// Options with the defaults: no filter, 20 hits, 80 characters of snippet.
    public init(speakerID: Int64? = nil, documentID: Int64? = nil, limit: Int = 20, snippetLength: Int = 80) {
        self.speakerID = speakerID
        self.documentID = documentID
        self.limit = limit
        self.snippetLength = snippetLength
    }
}

extension Store {
    /// The ids of the turns matching an FTS expression, best first, at most `options.limit`.
    func matchingTurnIDs(_ expression: String, options: SearchOptions) throws -> [Int64] {
        let matches =
            try connection.queryFirst(
                "SELECT count(*) FROM (SELECT rowid FROM turn_fts WHERE turn_fts MATCH ? LIMIT ?)", expression,
                options.rankedMatchLimit + 1)?.int(0) ?? 0
        let order = matches > options.rankedMatchLimit ? "f.rowid DESC" : "f.rank, f.rowid"
        // The order is one of two fixed strings, never user text; everything else is bound.
        return try connection.query(
            """
            SELECT f.rowid FROM turn_fts f JOIN turn_span t ON t.id = f.rowid
            WHERE turn_fts MATCH ?1 AND (?2 IS NULL OR t.speaker_id = ?2) AND (?3 IS NULL OR t.document_id = ?3)
            ORDER BY \(order) LIMIT ?4
            """, expression, options.speakerID, options.documentID, options.limit
        ).map { try $0.int64(0) }
    }

    /// Parses `text` as a search query with this database's fold and regional expansion.
    public func searchQuery(_ text: String) throws -> SearchQuery {
        try SearchQuery(text, fold: fold, opencc: opencc)
    }

    /// The turns that match `text`, best first (FTS5's bm25 rank), or newest first when more than
    /// ``SearchOptions/rankedMatchLimit`` turns match.
    public func search(_ text: String, options: SearchOptions = SearchOptions()) throws -> [SearchHit] {
        guard options.limit > 0 else {
            throw ZhikuError.invalidArgument("the limit must be at least 1, got \(options.limit)")
        }
        let query = try searchQuery(text)
        let ids = try matchingTurnIDs(query.matchExpression, options: options)
        // Details only for the hits: cutting each turn's text out of its document is not free.
        var rows: [Row] = []
        for id in ids {
            if let row = try connection.queryFirst(
                """
                SELECT t.id, t.document_id, d.title, t.speaker_id, s.name, t.line, t.text
                FROM turn t JOIN document d ON d.id = t.document_id LEFT JOIN speaker s ON s.id = t.speaker_id
                WHERE t.id = ?
                """, id)
            {
                rows.append(row)
            }
        }
        return try rows.map { row in
            SearchHit(
                turnID: try row.int64(0), documentID: try row.int64(1), documentTitle: try row.string(2),
                speakerID: try row.optionalInt64(3), speakerName: try row.optionalString(4), line: try row.int(5),
                snippet: Highlighter.snippet(
                    of: query, in: try row.string(6), fold: fold, length: options.snippetLength))
        }
    }
}
