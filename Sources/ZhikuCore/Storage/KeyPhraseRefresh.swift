import ZhikuSQLite

extension Store {
    /// How much attributed text key-phrase statistics read at most: enough for stable counts, small
    /// enough to keep memory bounded whatever the corpus size.
    static let keyPhraseSampleScalars = 3_000_000

    /// Recomputes the corpus's key phrases (see ``KeyPhraseFinder``), in one transaction: phrases no
    /// longer found are removed, new ones are added to `topic_to_index` (see ``completeTopicIndex()``).
    /// Returns how many were added and removed.
    @discardableResult
    public func refreshKeyPhrases() throws -> (added: Int, removed: Int) {
        let total =
            try connection.queryFirst(
                "SELECT coalesce(sum(end_offset - start_offset), 0) FROM turn_span WHERE speaker_id IS NOT NULL")?
            .int(0) ?? 0
        // Every k-th turn, spread over the whole corpus.
        let stride = max(1, total / Self.keyPhraseSampleScalars + 1)
        var sample: [(document: Int, original: [Unicode.Scalar], folded: [Unicode.Scalar])] = []
        try forEachTurn(speakersOnly: true, every: stride) { documentID, _, _, original in
            sample.append((Int(documentID), Array(original), original.map(fold.fold)))
        }
        let phrases = KeyPhraseFinder().phrases(in: sample)
        let keep = Set(phrases.map { fold.fold($0) })

        return try withWriterCacheGuard {
            try connection.transaction {
                var removed = 0
                for row in try connection.query("SELECT id, fold_key FROM topic WHERE origin = 'keyphrase'")
                where !keep.contains(try row.string(1)) {
                    try connection.run("DELETE FROM topic WHERE id = ?", try row.int64(0))
                    newTopicSpellings[try row.int64(0)] = nil
                    removed += 1
                }
                if removed > 0 { topicMatcherCache = nil }
                let ensured = try ensureTopics(phrases.map { TopicCandidate(name: $0, origin: "keyphrase") })
                return (ensured.filter(\.isNew).count, removed)
            }
        }
    }
}
