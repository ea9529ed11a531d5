import ZhikuSQLite

extension Store {
    /// How much attributed text key-phrase statistics read at most: enough for stable counts, small
    /// enough to keep memory bounded whatever the corpus size.
    static let keyPhraseSampleScalars = 6_000_000

    /// Recomputes the corpus's key phrases (see ``KeyPhraseFinder``) and their mentions, in one
    /// transaction: phrases no longer found are removed, new ones are added and found in every turn.
    /// Returns how many were added and removed.
    @discardableResult
    public func refreshKeyPhrases() throws -> (added: Int, removed: Int) {
        let total =
            try connection.queryFirst(
                "SELECT coalesce(sum(length(text)), 0) FROM turn WHERE speaker_id IS NOT NULL")?.int(0) ?? 0
        // Every k-th turn, spread over the whole corpus.
        let stride = max(1, total / Self.keyPhraseSampleScalars + 1)
        var sample: [(document: Int, original: [Unicode.Scalar], folded: [Unicode.Scalar])] = []
        let turns = try connection.cachedStatement(
            "SELECT document_id, text FROM turn WHERE speaker_id IS NOT NULL AND id % ? = 0")
        try turns.bind([stride])
        try turns.forEachRow { row in
            let original = Array(try row.string(1).unicodeScalars)
            sample.append((try row.int(0), original, original.map(fold.fold)))
        }
        let phrases = KeyPhraseFinder().phrases(in: sample)
        let keep = Set(phrases.map { fold.fold($0) })

        return try withTopicCacheGuard {
            try connection.transaction {
                var removed = 0
                for row in try connection.query("SELECT id, fold_key FROM topic WHERE origin = 'keyphrase'")
                where !keep.contains(try row.string(1)) {
                    try connection.run("DELETE FROM topic WHERE id = ?", try row.int64(0))
                    removed += 1
                }
                if removed > 0 { topicMatcherCache = nil }
                let ensured = try ensureTopics(phrases.map { TopicCandidate(name: $0, origin: "keyphrase") })
                var matcher = TopicMatcher()
                for topic in ensured where topic.isNew { matcher.add(topicID: topic.id, spellings: topic.spellings) }
                try indexMentionsByScanning(matcher)
                return (matcher.topicCount, removed)
            }
        }
    }

    /// Finds the mentions of the topics in `matcher` in every turn: one pass over the corpus, for
    /// many new topics at once.
    func indexMentionsByScanning(_ matcher: TopicMatcher) throws {
        guard matcher.topicCount > 0 else { return }
        let turns = try connection.prepare("SELECT id, start_offset, text FROM turn ORDER BY id")
        try turns.forEachRow { row in
            let folded = try row.string(2).unicodeScalars.map(fold.fold)
            guard !matcher.mentions(in: folded).isEmpty else { return }
            let turnID = try row.int64(0)
            let claims = try connection.query(
                "SELECT id, start_offset, end_offset FROM claim WHERE turn_id = ?", turnID
            ).map { (id: try $0.int64(0), range: try $0.int(1)..<(try $0.int(2))) }
            try recordMentions(
                turnID: turnID, turnStart: try row.int(1), folded: folded, claims: claims, matcher: matcher)
        }
    }
}
