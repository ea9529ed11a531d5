import ZhikuSQLite

extension Store {
    /// The speaker a user means by `name`: an id, or a name written in either script (陈蜀杰 finds
    /// 陳蜀傑), or any form it was written in. A role (主持人) is a speaker per document, so a role's
    /// name that several documents use is ambiguous, and the error lists them by id.
    public func speakerID(named name: String) throws -> Int64 {
        let trimmed = name.trimmingWhitespace()
        if let id = Int64(trimmed), try connection.queryFirst("SELECT 1 FROM speaker WHERE id = ?", id) != nil {
            return id
        }
        let key = fold.fold(trimmed)
        let found = try connection.query(
            """
            SELECT id FROM speaker WHERE fold_key = ?1
            UNION SELECT speaker_id FROM speaker_alias WHERE fold_key = ?1
            UNION SELECT id FROM speaker WHERE substr(fold_key, 1, length(?1) + 1) = ?1 || '@'
            """, key
        ).map { try $0.int64(0) }
        if found.count == 1, let id = found.first { return id }
        if found.isEmpty {
            throw ZhikuError.notFound(kind: "speaker", name: trimmed, suggestions: try speakerSuggestions(key))
        }
        let candidates = try found.sorted().map { id in
            let row = try connection.queryFirst(
                """
                SELECT s.name, (SELECT group_concat(d.title, '、') FROM appearance a JOIN document d ON d.id = a.document_id
                                WHERE a.speaker_id = s.id)
                FROM speaker s WHERE s.id = ?
                """, id)
            return "\(id) (\(try row?.string(0) ?? "") in \(try row?.optionalString(1) ?? "no document"))"
        }
        throw ZhikuError.ambiguous(kind: "speaker", name: trimmed, candidates: candidates)
    }

    /// The document a user means by `name`: an id, its title in either script, or where it was read from.
    public func documentID(named name: String) throws -> Int64 {
        let trimmed = name.trimmingWhitespace()
        if let id = Int64(trimmed), try connection.queryFirst("SELECT 1 FROM document WHERE id = ?", id) != nil {
            return id
        }
        let key = fold.fold(trimmed)
        var found: [(id: Int64, title: String)] = []
        // Titles are few (one per document): fold them here rather than store a key for each.
        for row in try connection.query("SELECT id, title, origin FROM document ORDER BY id") {
            let title = try row.string(1)
            let origin = try row.string(2)
            if fold.fold(title) == key || origin == trimmed { found.append((try row.int64(0), title)) }
        }
        if found.count == 1, let only = found.first { return only.id }
        if found.isEmpty {
            throw ZhikuError.notFound(
                kind: "document", name: trimmed,
                suggestions: Int64(trimmed) == nil ? [] : ["an id listed by zhiku documents"])
        }
        throw ZhikuError.ambiguous(
            kind: "document", name: trimmed, candidates: found.map { "\($0.id) (\($0.title))" })
    }

    /// The topics a user means by `name`: an id, or the name or an alias of a known topic in any script
    /// or regional form (晶片 finds the topic 芯片). Empty when no topic goes by that name.
    public func topicIDs(named name: String) throws -> Set<Int64> {
        let trimmed = name.trimmingWhitespace()
        if let id = Int64(trimmed), try connection.queryFirst("SELECT 1 FROM topic WHERE id = ?", id) != nil {
            return [id]
        }
        if case .topics(let ids) = try topicReference(trimmed) { return Set(ids) }
        return []
    }

    /// Up to five speaker names that contain the folded `key`, to suggest when a name was not found.
    private func speakerSuggestions(_ key: String) throws -> [String] {
        guard !key.isEmpty else { return [] }
        return try connection.query(
            """
            SELECT DISTINCT s.name FROM speaker s LEFT JOIN speaker_alias a ON a.speaker_id = s.id
            WHERE instr(s.fold_key, ?1) > 0 OR instr(a.fold_key, ?1) > 0 OR instr(?1, s.fold_key) > 0
            ORDER BY s.name LIMIT 5
            """, key
        ).map { try $0.string(0) }
    }
}
