import Foundation
import ZhikuSQLite

/// What storing a document did.
public enum StoreOutcome: Sendable, Equatable {
    /// A new document.
    case added(documentID: Int64)
    /// The same bytes were already stored from the same origin: nothing changed.
    case unchanged(documentID: Int64)
    /// The origin held other content, which this document replaced.
    case replaced(documentID: Int64)

    /// The stored document's id.
    public var documentID: Int64 {
        switch self {
        case .added(let id), .unchanged(let id), .replaced(let id): return id
        }
    }
}

extension Store {
    /// Stores `document` in one transaction: all of it or, on any error, nothing.
    ///
    /// Speakers are matched across documents by the folded name (陳蜀傑 = 陈蜀杰) or a known alias.
    public func store(_ document: ParsedDocument) throws -> StoreOutcome {
        try store(PreparedDocument(document, fold: fold, knownTopics: loadedTopicMatcher(), opencc: opencc))
    }

    /// Stores a document prepared (possibly on another thread) with this store's fold.
    public func store(_ prepared: PreparedDocument) throws -> StoreOutcome {
        let document = prepared.document
        return try withTopicCacheGuard {
            try connection.transaction {
                var replaced = false
                if let existing = try connection.queryFirst(
                    "SELECT id, content_sha256 FROM document WHERE origin = ?", document.origin)
                {
                    if try existing.string(1) == document.contentSHA256 {
                        return .unchanged(documentID: try existing.int64(0))
                    }
                    try delete(documentID: try existing.int64(0))
                    replaced = true
                }
                let id = try insert(prepared)
                if replaced { try removeSpeakersWithoutAppearances() }
                return replaced ? .replaced(documentID: id) : .added(documentID: id)
            }
        }
    }

    /// Creates the document's own topics (quoted terms, headings) and records the mentions found while
    /// preparing. New topics also go to `topic_to_index`: their mentions in the rest of the corpus are
    /// found once, at the end of the run.
    private func recordTopics(_ prepared: PreparedDocument, turns: [(id: Int64, start: Int)]) throws {
        let own = try ensureTopicsAligned(prepared.topics)
        for mention in prepared.mentions {
            let topicID = mention.topic >= 0 ? mention.topic : own[Int(-1 - mention.topic)]?.id
            guard let topicID else { continue }
            try connection.run(
                "INSERT OR IGNORE INTO mention (topic_id, turn_id, start_offset, end_offset) VALUES (?, ?, ?, ?)",
                topicID, turns[mention.turn].id, mention.range.lowerBound, mention.range.upperBound)
        }
    }

    /// Deletes a document with everything that belongs to it, its index entries first: the index is
    /// contentless, so each entry is removed by giving back the search form it was made from.
    func delete(documentID: Int64) throws {
        let text = try connection.queryFirst("SELECT text FROM document WHERE id = ?", documentID)?.string(0) ?? ""
        let scalars = Array(text.unicodeScalars)
        for row in try connection.query(
            "SELECT id, start_offset, end_offset FROM turn_span WHERE document_id = ?", documentID)
        {
            try connection.run(
                "INSERT INTO turn_fts (turn_fts, rowid, search_form) VALUES ('delete', ?, ?)", try row.int64(0),
                SearchForm.turnIndexText(scalars, start: try row.int(1), end: try row.int(2), fold: fold))
        }
        try connection.run("DELETE FROM document WHERE id = ?", documentID)
    }

    /// The id and content hash of every stored document, by origin.
    public func storedDocumentHashes() throws -> [String: (id: Int64, sha256: String)] {
        var hashes: [String: (id: Int64, sha256: String)] = [:]
        try connection.cachedStatement("SELECT origin, id, content_sha256 FROM document").forEachRow { row in
            hashes[try row.string(0)] = (try row.int64(1), try row.string(2))
        }
        return hashes
    }

    private func insert(_ prepared: PreparedDocument) throws -> Int64 {
        let document = prepared.document
        try connection.run(
            """
            INSERT INTO document (origin, content_sha256, title, date, source, format, encoding, text, ingested_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            document.origin, document.contentSHA256, document.title, document.date, document.source,
            document.format, document.encoding, document.text, ISO8601DateFormatter().string(from: Date()))
        let documentID = connection.lastInsertRowID

        var sectionIDs: [Int64] = []
        for (ordinal, section) in document.sections.enumerated() {
            try connection.run(
                "INSERT INTO section (document_id, ordinal, heading, level, line, start_offset) VALUES (?, ?, ?, ?, ?, ?)",
                documentID, ordinal, section.heading, section.level, section.line, section.start)
            sectionIDs.append(connection.lastInsertRowID)
        }

        var speakerIDs: [Int64] = []
        for appearance in document.appearances {
            let speakerID = try speakerID(for: appearance, origin: document.origin)
            try connection.run(
                """
                INSERT INTO appearance (speaker_id, document_id, written_name, affiliation, role) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (document_id, speaker_id) DO UPDATE SET
                    affiliation = coalesce(appearance.affiliation, excluded.affiliation),
                    role = coalesce(appearance.role, excluded.role)
                """,
                speakerID, documentID, appearance.name, appearance.affiliation, appearance.role)
            speakerIDs.append(speakerID)
        }

        var storedTurns: [(id: Int64, start: Int)] = []
        for (ordinal, turn) in document.turns.enumerated() {
            try connection.run(
                """
                INSERT INTO turn_span (document_id, section_id, speaker_id, ordinal, label, line, start_offset, end_offset)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """,
                documentID, turn.section.map { sectionIDs[$0] }, turn.speaker.map { speakerIDs[$0] }, ordinal,
                turn.label, turn.line, turn.start, turn.end)
            let turnID = connection.lastInsertRowID
            try connection.run(
                "INSERT INTO turn_fts (rowid, search_form) VALUES (?, ?)", turnID, prepared.turnForms[ordinal])
            for (line, range) in zip(prepared.claimLines[ordinal], turn.claims) {
                try connection.run(
                    "INSERT INTO claim_span (turn_id, line, start_offset, end_offset) VALUES (?, ?, ?, ?)",
                    turnID, line, range.lowerBound, range.upperBound)
            }
            storedTurns.append((turnID, turn.start))
        }
        try recordTopics(prepared, turns: storedTurns)
        try refreshSpeakerNames(documentID: documentID)
        return documentID
    }

    /// The speaker for an appearance: a person matched across documents by folded name (in any
    /// script) or a known alias, created if new; a role (主持人, 甲) is a speaker of this document only.
    private func speakerID(for appearance: ParsedDocument.Appearance, origin: String) throws -> Int64 {
        let name = appearance.name
        let key = appearance.isRoleOnly ? fold.fold(name) + "@" + origin : fold.fold(name)
        let found = try connection.queryFirst(
            """
            SELECT id FROM speaker WHERE fold_key = ?1
            UNION ALL SELECT speaker_id FROM speaker_alias WHERE fold_key = ?1
            LIMIT 1
            """, key)
        if let found {
            let id = try found.int64(0)
            try addAlias(name, key: key, speakerID: id, isRoleOnly: appearance.isRoleOnly)
            return id
        }
        try connection.run("INSERT INTO speaker (fold_key, name) VALUES (?, ?)", key, name)
        let id = connection.lastInsertRowID
        try addAlias(name, key: key, speakerID: id, isRoleOnly: appearance.isRoleOnly)
        return id
    }

    /// Keeps each written form of a person's name; roles have no aliases, since their names are shared.
    private func addAlias(_ name: String, key: String, speakerID: Int64, isRoleOnly: Bool) throws {
        guard !isRoleOnly else { return }
        try connection.run(
            "INSERT INTO speaker_alias (speaker_id, alias, fold_key) VALUES (?, ?, ?) ON CONFLICT (alias) DO NOTHING",
            speakerID, name, key)
    }

    /// Each speaker of the document is named by the form written in the most documents.
    private func refreshSpeakerNames(documentID: Int64) throws {
        try connection.run(
            """
            UPDATE speaker SET name = (
                SELECT written_name FROM appearance a
                WHERE a.speaker_id = speaker.id
                GROUP BY written_name ORDER BY count(*) DESC, max(a.document_id) DESC LIMIT 1)
            WHERE id IN (SELECT speaker_id FROM appearance WHERE document_id = ?)
            """, documentID)
    }

    /// A replaced document may leave speakers who no longer appear anywhere.
    private func removeSpeakersWithoutAppearances() throws {
        try connection.run("DELETE FROM speaker WHERE id NOT IN (SELECT speaker_id FROM appearance)")
    }
}
