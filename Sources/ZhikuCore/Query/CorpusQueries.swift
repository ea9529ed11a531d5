import ZhikuSQLite

/// One document, as `zhiku documents` lists it.
public struct DocumentSummary: Sendable {
    /// The document's id.
    public let id: Int64
    /// Its title.
    public let title: String
    /// ISO 8601, as precise as the source.
    public let date: String?
    /// The publisher or address it came from.
    public let source: String?
    /// Where it was read from.
    public let origin: String
    /// `text`, `markdown`, `chat` or `jsonl`.
    public let format: String
    /// How many people (and roles) speak in it.
    public let speakers: Int
    /// How many turns have a speaker.
    public let turns: Int
}

/// How much the database holds.
public struct CorpusStatistics: Sendable {
    /// Row counts by kind: documents, speakers, turns, claims, topics, mentions.
    public let counts: [(name: String, count: Int)]
    /// The schema version of the file.
    public let schemaVersion: Int
}

extension Store {
    /// Every document, oldest date first (undated last), then by title.
    public func documents() throws -> [DocumentSummary] {
        try connection.query(
            """
            SELECT d.id, d.title, d.date, d.source, d.origin, d.format,
                   (SELECT count(*) FROM appearance a WHERE a.document_id = d.id),
                   (SELECT coalesce(sum(a.turns), 0) FROM appearance a WHERE a.document_id = d.id)
            FROM document d
            ORDER BY d.date IS NULL, d.date, d.title
            """
        ).map { row in
            DocumentSummary(
                id: try row.int64(0), title: try row.string(1), date: try row.optionalString(2),
                source: try row.optionalString(3), origin: try row.string(4), format: try row.string(5),
                speakers: try row.int(6), turns: try row.int(7))
        }
    }

    /// How many documents the database holds.
    public func documentCount() throws -> Int {
        try connection.queryFirst("SELECT count(*) FROM document")?.int(0) ?? 0
    }

    /// Row counts of the main tables and the schema version.
    public func statistics() throws -> CorpusStatistics {
        let tables = [
            ("documents", "document"), ("speakers", "speaker"), ("turns", "turn_span"), ("claims", "claim_span"),
            ("topics", "topic"), ("mentions", "mention"),
        ]
        // Table names come from the fixed list above, never from users.
        let counts = try tables.map { name, table in
            (name, try connection.queryFirst("SELECT count(*) FROM \(table)")?.int(0) ?? 0)
        }
        return CorpusStatistics(counts: counts, schemaVersion: try connection.userVersion())
    }
}
