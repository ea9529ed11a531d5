import ZhikuSQLite

/// A speaker as `zhiku speakers` lists them.
public struct SpeakerSummary: Sendable {
    /// The speaker's id.
    public let id: Int64
    /// The form of the name written most often.
    public let name: String
    /// Every form the name was written in.
    public let aliases: [String]
    /// The affiliation of their latest dated appearance that has one.
    public let affiliation: String?
    /// The roles they had (主持人 …).
    public let roles: [String]
    /// How many turns they spoke.
    public let turns: Int
    /// In how many documents they appear.
    public let documents: Int
    /// With topics: how many mentions of them their turns hold.
    public let mentions: Int
    /// With topics: some of the turns that mention them, with a snippet each.
    public let evidence: [SearchHit]
}

extension Store {
    /// Every speaker, most turns first; with `topics`, only the speakers who discussed all of them,
    /// most mentions first; with `documentID`, only the speakers of that document.
    ///
    /// A speaker discussed a topic when one of their turns mentions the topic's name or an alias, in
    /// either script or regional form (芯片 / 晶片). A name that is no known topic is searched as text
    /// by the same rule.
    public func speakers(topics: [String] = [], documentID: Int64? = nil, evidencePerSpeaker: Int = 3) throws
        -> [SpeakerSummary]
    {
        // Per topic: turn id → the ranges of the mention in the turn's document text.
        var perTopic: [[Int64: [Range<Int>]]] = []
        for topic in topics { perTopic.append(try turnsMentioning(topic)) }
        var turnsBySpeaker: [Int64: Set<Int64>] = [:]
        if !topics.isEmpty {
            let turnIDs = perTopic.reduce(into: Set<Int64>()) { $0.formUnion($1.keys) }
            for chunk in Array(turnIDs).chunked(500) {
                let placeholders = Array(repeating: "?", count: chunk.count).joined(separator: ",")
                // The placeholders are a fixed count of `?`; the ids themselves are bound.
                // Prepared without the cache: the statement's text depends on the chunk's size.
                let statement = try connection.prepare(
                    "SELECT id, speaker_id FROM turn_span WHERE speaker_id IS NOT NULL AND id IN (\(placeholders))")
                try statement.bind(chunk.map { $0 as any SQLiteBindable })
                try statement.forEachRow { row in
                    turnsBySpeaker[try row.int64(1), default: []].insert(try row.int64(0))
                }
            }
        }
        let rows = try connection.query(
            """
            SELECT s.id, s.name,
              (SELECT group_concat(alias, char(31)) FROM speaker_alias WHERE speaker_id = s.id),
              (SELECT a.affiliation FROM appearance a JOIN document d ON d.id = a.document_id
               WHERE a.speaker_id = s.id AND a.affiliation IS NOT NULL ORDER BY d.date DESC, d.id DESC LIMIT 1),
              (SELECT group_concat(DISTINCT role) FROM appearance WHERE speaker_id = s.id AND role IS NOT NULL),
              (SELECT count(*) FROM turn_span WHERE speaker_id = s.id),
              (SELECT count(*) FROM appearance WHERE speaker_id = s.id)
            FROM speaker s
            WHERE ?1 IS NULL OR s.id IN (SELECT speaker_id FROM appearance WHERE document_id = ?1)
            """, documentID)
        var summaries: [SpeakerSummary] = []
        for row in rows {
            let id = try row.int64(0)
            var mentions = 0
            var evidence: [(Int64, [Range<Int>])] = []
            if !topics.isEmpty {
                let spoken = turnsBySpeaker[id] ?? []
                // Discussed every topic: each has a mention in one of the speaker's turns.
                guard perTopic.allSatisfy({ !spoken.isDisjoint(with: $0.keys) }) else { continue }
                for turn in spoken.sorted() {
                    let ranges = perTopic.flatMap { $0[turn] ?? [] }
                    mentions += ranges.count
                    if !ranges.isEmpty, evidence.count < evidencePerSpeaker { evidence.append((turn, ranges)) }
                }
            }
            summaries.append(
                SpeakerSummary(
                    id: id, name: try row.string(1),
                    aliases: (try row.optionalString(2) ?? "").split(separator: "\u{1F}").map(String.init),
                    affiliation: try row.optionalString(3),
                    roles: (try row.optionalString(4) ?? "").split(separator: ",").map(String.init),
                    turns: try row.int(5), documents: try row.int(6), mentions: mentions,
                    evidence: try evidence.map { try hit(turnID: $0.0, marking: $0.1) }))
        }
        return summaries.sorted {
            topics.isEmpty
                ? ($0.turns, $1.id) > ($1.turns, $0.id)
                : ($0.mentions, $0.turns, $1.id) > ($1.mentions, $1.turns, $0.id)
        }
    }

    /// The turns that mention `topic` (a known topic by name or alias, in any script or regional
    /// form; otherwise the text itself), with the mentions' ranges in document offsets.
    func turnsMentioning(_ topic: String) throws -> [Int64: [Range<Int>]] {
        var keys = Set([fold.fold(topic).trimmingWhitespace()])
        for spelling in try SearchQuery.regionalSpellings(of: topic, opencc: opencc) {
            keys.insert(fold.fold(spelling).trimmingWhitespace())
        }
        var topicIDs = Set<Int64>()
        for key in keys {
            for row in try connection.query(
                "SELECT id FROM topic WHERE fold_key = ?1 UNION SELECT topic_id FROM topic_alias WHERE fold_key = ?1",
                key)
            {
                topicIDs.insert(try row.int64(0))
            }
        }
        var turns: [Int64: [Range<Int>]] = [:]
        if !topicIDs.isEmpty {
            for id in topicIDs {
                for row in try connection.query(
                    "SELECT turn_id, start_offset, end_offset FROM mention WHERE topic_id = ?", id)
                {
                    turns[try row.int64(0), default: []].append(try row.int(1)..<(try row.int(2)))
                }
            }
            return turns
        }
        // No such topic: search the text, with the same folding and regional expansion.
        let query = try searchQuery(topic)
        for row in try connection.query(
            "SELECT f.rowid, t.start_offset, t.text FROM turn_fts f JOIN turn t ON t.id = f.rowid WHERE turn_fts MATCH ?",
            query.matchExpression)
        {
            let start = try row.int(1)
            turns[try row.int64(0)] = Highlighter.matches(of: query, in: try row.string(2), fold: fold).map {
                (start + $0.lowerBound)..<(start + $0.upperBound)
            }
        }
        return turns
    }

    /// A search hit for one turn, with `ranges` (document offsets) marked in its snippet.
    private func hit(turnID: Int64, marking ranges: [Range<Int>]) throws -> SearchHit {
        guard
            let row = try connection.queryFirst(
                """
                SELECT t.document_id, d.title, t.speaker_id, s.name, t.line, t.text, t.start_offset
                FROM turn t JOIN document d ON d.id = t.document_id LEFT JOIN speaker s ON s.id = t.speaker_id
                WHERE t.id = ?
                """, turnID)
        else { throw ZhikuError.invalidArgument("no turn \(turnID)") }
        let start = try row.int(6)
        let local = ranges.map { ($0.lowerBound - start)..<($0.upperBound - start) }.sorted {
            $0.lowerBound < $1.lowerBound
        }
        return SearchHit(
            turnID: turnID, documentID: try row.int64(0), documentTitle: try row.string(1),
            speakerID: try row.optionalInt64(2), speakerName: try row.optionalString(3), line: try row.int(4),
            snippet: Highlighter.snippet(marking: local, in: try row.string(5)))
    }
}

extension Array {
    /// The array cut into pieces of at most `size` elements.
    fileprivate func chunked(_ size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}
