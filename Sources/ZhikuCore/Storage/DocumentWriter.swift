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
        var setIndexMergeThreshold = false
        let outcome: StoreOutcome = try withWriterCacheGuard {
            try connection.transaction {
                try forgetWriterCachesIfChangedElsewhere()
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
                setIndexMergeThreshold = try setBulkIndexMergeThresholdIfPending()
                let id = try insert(prepared)
                if replaced { try removeSpeakersWithoutAppearances() }
                return replaced ? .replaced(documentID: id) : .added(documentID: id)
            }
        }
        if setIndexMergeThreshold { bulkIndexMerge = .set }
        return outcome
    }

    /// Creates the document's own topics (quoted terms, headings) and records the mentions found while
    /// preparing. New topics also go to `topic_to_index`: their mentions in the rest of the corpus are
    /// found once, at the end of the run.
    private func recordTopics(_ prepared: PreparedDocument, turnIDs: [Int64], statements: WriteStatements) throws {
        let own = try ensureTopicsAligned(prepared.topics, spellings: prepared.topicSpellings)
        try statements.insert(
            mentions: prepared.mentions.compactMap { mention in
                guard let topic = mention.topic >= 0 ? mention.topic : own[Int(-1 - mention.topic)]?.id else {
                    return nil
                }
                return (topic, turnIDs[mention.turn], mention.range)
            })
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
        // Its appearances no longer count towards its speakers' names.
        speakerNameCache = [:]
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
        let statements = try writeStatements()
        try connection.run(
            """
            INSERT INTO document (origin, content_sha256, title, date, source, format, encoding, text, ingested_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            document.origin, document.contentSHA256, document.title, document.date, document.source,
            document.format, document.encoding, document.text, timestampFormatter.string(from: Date()))
        let documentID = connection.lastInsertRowID

        var sectionIDs: [Int64] = []
        for (ordinal, section) in document.sections.enumerated() {
            try connection.run(
                "INSERT INTO section (document_id, ordinal, heading, level, line, start_offset) VALUES (?, ?, ?, ?, ?, ?)",
                documentID, ordinal, section.heading, section.level, section.line, section.start)
            sectionIDs.append(connection.lastInsertRowID)
        }

        var speakerIDs: [Int64] = []
        // Each speaker once, with the name its appearance row keeps: a second appearance of the same
        // speaker in this document only completes the first one's affiliation and role.
        var named: [(id: Int64, writtenName: String, isNew: Bool)] = []
        var turnCounts = [Int](repeating: 0, count: document.appearances.count)
        for turn in document.turns {
            if let speaker = turn.speaker { turnCounts[speaker] += 1 }
        }
        for (index, appearance) in document.appearances.enumerated() {
            let speaker = try speakerID(for: appearance, origin: document.origin)
            try connection.run(
                """
                INSERT INTO appearance (speaker_id, document_id, written_name, affiliation, role, turns)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (document_id, speaker_id) DO UPDATE SET
                    affiliation = coalesce(appearance.affiliation, excluded.affiliation),
                    role = coalesce(appearance.role, excluded.role),
                    turns = appearance.turns + excluded.turns
                """,
                speaker.id, documentID, appearance.name, appearance.affiliation, appearance.role, turnCounts[index])
            speakerIDs.append(speaker.id)
            if !named.contains(where: { $0.id == speaker.id }) {
                named.append((speaker.id, appearance.name, speaker.isNew))
            }
        }

        let insertTurn = statements.insertTurn
        let insertClaim = statements.insertClaim
        try insertTurn.bind(documentID, at: 1)
        var turnIDs: [Int64] = []
        turnIDs.reserveCapacity(document.turns.count)
        for (ordinal, turn) in document.turns.enumerated() {
            try insertTurn.bind(turn.section.map { sectionIDs[$0] }, at: 2)
            try insertTurn.bind(turn.speaker.map { speakerIDs[$0] }, at: 3)
            try insertTurn.bind(ordinal, at: 4)
            try insertTurn.bind(turn.label, at: 5)
            try insertTurn.bind(turn.line, at: 6)
            try insertTurn.bind(turn.start, at: 7)
            try insertTurn.bind(turn.end, at: 8)
            try insertTurn.run()
            let turnID = connection.lastInsertRowID
            try insertClaim.bind(turnID, at: 1)
            for (line, range) in zip(prepared.claimLines[ordinal], turn.claims) {
                try insertClaim.bind(line, at: 2)
                try insertClaim.bind(range.lowerBound, at: 3)
                try insertClaim.bind(range.upperBound, at: 4)
                try insertClaim.run()
            }
            turnIDs.append(turnID)
        }
        try recordTopics(prepared, turnIDs: turnIDs, statements: statements)
        try refreshSpeakerNames(documentID: documentID, named)
        // The index entries last: FTS5 writes out what it holds whenever a later statement of the
        // transaction opens a savepoint, so entries written last go out once, at commit, as one segment.
        let insertIndexEntry = statements.insertIndexEntry
        for (index, (turnID, form)) in zip(turnIDs, prepared.turnForms).enumerated() {
            try insertIndexEntry.bind(turnID, at: 1)
            try insertIndexEntry.bind(form, at: 2)
            if let tokenReplay, let tokens = prepared.turnTokens?[index] {
                try tokenReplay.replaying(tokens, of: form) { try insertIndexEntry.run() }
            } else {
                try insertIndexEntry.run()
            }
        }
        return documentID
    }

    /// The speaker for an appearance: a person matched across documents by folded name (in any
    /// script) or a known alias, created if new; a role (主持人, 甲) is a speaker of this document only.
    private func speakerID(
        for appearance: ParsedDocument.Appearance, origin: String
    ) throws -> (id: Int64, isNew: Bool) {
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
            return (id, false)
        }
        try connection.run("INSERT INTO speaker (fold_key, name) VALUES (?, ?)", key, name)
        let id = connection.lastInsertRowID
        try addAlias(name, key: key, speakerID: id, isRoleOnly: appearance.isRoleOnly)
        return (id, true)
    }

    /// Keeps each written form of a person's name; roles have no aliases, since their names are shared.
    private func addAlias(_ name: String, key: String, speakerID: Int64, isRoleOnly: Bool) throws {
        guard !isRoleOnly else { return }
        try connection.run(
            "INSERT INTO speaker_alias (speaker_id, alias, fold_key) VALUES (?, ?, ?) ON CONFLICT (alias) DO NOTHING",
            speakerID, name, key)
    }

    /// A replaced document may leave speakers who no longer appear anywhere.
    private func removeSpeakersWithoutAppearances() throws {
        try connection.run("DELETE FROM speaker WHERE id NOT IN (SELECT speaker_id FROM appearance)")
    }
}
