import ZhikuSQLite

/// The statements that storing a document runs once per turn, claim, mention and index entry,
/// prepared once per store and held directly: hundreds of thousands of runs per corpus make a cache
/// look-up by SQL text and an array of parameters per run a noticeable part of the writer's time.
final class WriteStatements {
    /// Parameters: document, section, speaker, ordinal, label, line, start, end.
    let insertTurn: Statement
    /// Parameters: turn, line, start, end.
    let insertClaim: Statement
    /// Parameters: topic, turn, start, end. A mention already stored is left alone.
    let insertMention: Statement
    /// Parameters: turn id (the index's rowid), search form.
    let insertIndexEntry: Statement

    init(_ connection: Connection) throws {
        insertTurn = try connection.prepare(
            """
            INSERT INTO turn_span (document_id, section_id, speaker_id, ordinal, label, line, start_offset, end_offset)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        insertClaim = try connection.prepare(
            "INSERT INTO claim_span (turn_id, line, start_offset, end_offset) VALUES (?, ?, ?, ?)")
        insertMention = try connection.prepare(
            "INSERT OR IGNORE INTO mention (topic_id, turn_id, start_offset, end_offset) VALUES (?, ?, ?, ?)")
        insertIndexEntry = try connection.prepare("INSERT INTO turn_fts (rowid, search_form) VALUES (?, ?)")
    }
}

extension Store {
    /// The writer's statements, prepared on first use.
    func writeStatements() throws -> WriteStatements {
        if let prepared = writeStatementsCache { return prepared }
        let prepared = try WriteStatements(connection)
        writeStatementsCache = prepared
        return prepared
    }
}
