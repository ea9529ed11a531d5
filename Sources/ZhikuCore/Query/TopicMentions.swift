import ZhikuSQLite

/// What a topic named by a user is, for `zhiku speakers --topic`: a known topic (by name or alias,
/// in any script or regional form), or else text, searched like `zhiku search` searches it.
enum TopicReference {
    /// Known topics: their mentions are stored in `mention`.
    case topics([Int64])
    /// No such topic: the text is searched in the index.
    case text(SearchQuery)
}

/// The turns that mention one topic, newest first, at most a limit of them.
struct TopicTurns {
    /// What the topic was resolved to.
    let reference: TopicReference
    /// The matching turns examined, by descending id, with their speaker (nil: nobody's).
    let turns: [(id: Int64, speakerID: Int64?)]
    /// Whether those are all the turns that mention it; false when more did and only the newest
    /// `limit` were read.
    let isComplete: Bool
}

extension Store {
    /// Resolves `topic` to known topics by the fold keys of its spellings (its own and its regional
    /// forms), or to a text query when no topic has any of them.
    func topicReference(_ topic: String) throws -> TopicReference {
        var keys = Set([fold.fold(topic).trimmingWhitespace()])
        for spelling in try SearchQuery.regionalSpellings(of: topic, fold: fold, opencc: opencc) {
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
        if topicIDs.isEmpty { return .text(try searchQuery(topic)) }
        return .topics(topicIDs.sorted())
    }

    /// The newest turns that mention `topic`, at most `limit`, with their speakers.
    ///
    /// The limit keeps the work bounded: a character found in most turns matches hundreds of
    /// thousands of them, and reading each one's speaker takes longer than a user should wait.
    /// Mentions are read newest first from their index (`mention_by_topic`); for text, see
    /// ``newestTurns(matching:limit:)``.
    func turnsMentioning(_ topic: String, limit: Int) throws -> TopicTurns {
        let reference = try topicReference(topic)
        var turns: [(id: Int64, speakerID: Int64?)] = []
        switch reference {
        case .topics(let ids):
            // One index range per topic, merged: an IN list would sort every mention first.
            var found: [Int64: Int64?] = [:]
            for id in ids {
                try read(
                    """
                    SELECT m.turn_id, t.speaker_id FROM
                      (SELECT DISTINCT turn_id FROM mention WHERE topic_id = ?1 ORDER BY turn_id DESC LIMIT ?2) m
                    JOIN turn_span t ON t.id = m.turn_id
                    """, id, limit + 1
                ) { found[$0] = $1 }
            }
            turns = found.sorted { $0.key > $1.key }.prefix(limit + 1).map { ($0.key, $0.value) }
        case .text(let query):
            turns = try newestTurns(matching: query.matchExpression, limit: limit)
        }
        let isComplete = turns.count <= limit
        return TopicTurns(reference: reference, turns: Array(turns.prefix(limit)), isComplete: isComplete)
    }

    /// The newest turns that match `expression`, at most `limit` + 1 (one more says there were
    /// more), newest first, with their speakers.
    ///
    /// FTS5 reads an index forwards faster than backwards, and most topics match fewer turns than
    /// the limit, which are then all of them: the index is read forwards, keeping the newest
    /// `limit` seen. When the limit is passed before half of the turns are read (or, after a quarter
    /// of it, will be at that pace), the matches are dense (a common character) and the newest are
    /// read backwards instead, which stops soon; past half, finishing the forward pass costs less
    /// than reading the newest again.
    private func newestTurns(matching expression: String, limit: Int) throws -> [(id: Int64, speakerID: Int64?)] {
        let join = "SELECT f.rowid, t.speaker_id FROM turn_fts f JOIN turn_span t ON t.id = f.rowid"
        let last = try connection.queryFirst("SELECT max(id) FROM turn_span")?.optionalInt64(0) ?? 0
        let forward = try connection.cachedStatement("\(join) WHERE turn_fts MATCH ?1")
        try forward.bind([expression])
        defer { try? forward.reset() }
        // The newest `limit` + 1 so far, in a ring: `next` is where the oldest of them is.
        var newest: [(id: Int64, speakerID: Int64?)] = []
        var next = 0
        var first: Int64?
        var seen = 0
        while try forward.step() {
            guard let id = forward.int64(at: 0) else { continue }
            let turn = (id: id, speakerID: forward.int64(at: 1))
            seen += 1
            if newest.count <= limit {
                newest.append(turn)
            } else {
                newest[next] = turn
                next = (next + 1) % newest.count
            }
            if first == nil { first = id }
            // Checked once a quarter of the limit is read, at the pace so far, and at the limit.
            let checkpoint = seen == limit + 1 || seen == max(limit / 4, 1)
            if checkpoint, let first, last > first,
                Double(id - first) < 0.5 * Double(last - first) * Double(seen) / Double(limit + 1)
            {
                var backwards: [(id: Int64, speakerID: Int64?)] = []
                try read("\(join) WHERE turn_fts MATCH ?1 ORDER BY f.rowid DESC LIMIT ?2", expression, limit + 1) {
                    backwards.append(($0, $1))
                }
                return backwards
            }
        }
        return Array((newest[next...] + newest[..<next]).reversed())
    }

    /// Runs a cached statement and calls `body` with the two integer columns of each row (the
    /// second may be NULL), without copying rows: these loops read thousands of them.
    private func read(
        _ sql: String, _ arguments: any SQLiteBindable..., body: (Int64, Int64?) -> Void
    ) throws {
        let statement = try connection.cachedStatement(sql)
        try statement.bind(arguments)
        defer { try? statement.reset() }
        while try statement.step() {
            guard let first = statement.int64(at: 0) else { continue }
            body(first, statement.int64(at: 1))
        }
    }

    /// Where `reference` is mentioned in the turn `turnID`, whose text (starting at document offset
    /// `start`) is `text`: ranges in scalars of `text`.
    func mentionRanges(of reference: TopicReference, turnID: Int64, text: String, start: Int) throws -> [Range<Int>] {
        switch reference {
        case .text(let query):
            return Highlighter.matches(of: query, in: text, fold: fold)
        case .topics(let ids):
            var ranges: [Range<Int>] = []
            for id in ids {
                for row in try connection.query(
                    "SELECT start_offset, end_offset FROM mention WHERE turn_id = ? AND topic_id = ?", turnID, id)
                {
                    ranges.append((try row.int(0) - start)..<(try row.int(1) - start))
                }
            }
            return ranges
        }
    }
}
