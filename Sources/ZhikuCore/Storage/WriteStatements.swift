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
    /// ``insertMention`` for ``mentionsPerStatement`` rows at once.
    private let insertMentions: Statement
    /// How many mentions one statement inserts: a run of a statement costs about as much as the
    /// insert of a row, and the corpus-wide pass inserts millions.
    static let mentionsPerStatement = 32

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
        // Rows of a multi-row VALUES are inserted in order, each ignored or not as on its own.
        insertMentions = try connection.prepare(
            "INSERT OR IGNORE INTO mention (topic_id, turn_id, start_offset, end_offset) VALUES "
                + Array(repeating: "(?, ?, ?, ?)", count: Self.mentionsPerStatement).joined(separator: ", "))
    }

    /// Inserts `mentions` (topic, turn, range) in order, a mention already stored left alone.
    func insert(mentions: [(topic: Int64, turn: Int64, range: Range<Int>)]) throws {
        var next = 0
        while mentions.count - next >= Self.mentionsPerStatement {
            for (offset, mention) in mentions[next..<(next + Self.mentionsPerStatement)].enumerated() {
                let base = Int32(offset * 4)
                try insertMentions.bind(mention.topic, at: base + 1)
                try insertMentions.bind(mention.turn, at: base + 2)
                try insertMentions.bind(mention.range.lowerBound, at: base + 3)
                try insertMentions.bind(mention.range.upperBound, at: base + 4)
            }
            try insertMentions.run()
            next += Self.mentionsPerStatement
        }
        for mention in mentions[next...] {
            try insertMention.bind(mention.topic, at: 1)
            try insertMention.bind(mention.turn, at: 2)
            try insertMention.bind(mention.range.lowerBound, at: 3)
            try insertMention.bind(mention.range.upperBound, at: 4)
            try insertMention.run()
        }
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
