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

    /// Options with the defaults: no filter, 20 hits, 80 characters of snippet.
    public init(speakerID: Int64? = nil, documentID: Int64? = nil, limit: Int = 20, snippetLength: Int = 80) {
        self.speakerID = speakerID
        self.documentID = documentID
        self.limit = limit
        self.snippetLength = snippetLength
    }
}

extension Store {
    /// Parses `text` as a search query with this database's fold and regional expansion.
    public func searchQuery(_ text: String) throws -> SearchQuery {
        try SearchQuery(text, fold: fold, opencc: opencc)
    }

    /// The turns that match `text`, best first (FTS5's bm25 rank).
    public func search(_ text: String, options: SearchOptions = SearchOptions()) throws -> [SearchHit] {
        guard options.limit > 0 else {
            throw ZhikuError.invalidArgument("the limit must be at least 1, got \(options.limit)")
        }
        let query = try searchQuery(text)
        let rows = try connection.query(
            """
            SELECT t.id, t.document_id, d.title, t.speaker_id, s.name, t.line, t.text
            FROM turn_fts
            JOIN turn t ON t.id = turn_fts.rowid
            JOIN document d ON d.id = t.document_id
            LEFT JOIN speaker s ON s.id = t.speaker_id
            WHERE turn_fts MATCH ?1
              AND (?2 IS NULL OR t.speaker_id = ?2)
              AND (?3 IS NULL OR t.document_id = ?3)
            ORDER BY turn_fts.rank, t.id
            LIMIT ?4
            """,
            query.matchExpression, options.speakerID, options.documentID, options.limit)
        return try rows.map { row in
            SearchHit(
                turnID: try row.int64(0), documentID: try row.int64(1), documentTitle: try row.string(2),
                speakerID: try row.optionalInt64(3), speakerName: try row.optionalString(4), line: try row.int(5),
                snippet: Highlighter.snippet(
                    of: query, in: try row.string(6), fold: fold, length: options.snippetLength))
        }
    }
}
