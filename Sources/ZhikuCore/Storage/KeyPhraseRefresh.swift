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
        try forEachTurn(speakersOnly: false, every: 1) { _, turnID, start, original in
            let folded = original.map(fold.fold)
            guard !matcher.mentions(in: folded).isEmpty else { return }
            try recordMentions(turnID: turnID, turnStart: start, folded: folded, matcher: matcher)
        }
    }

    /// Calls `body` with (document id, turn id, start offset, text) of every `every`-th turn, reading
    /// each document's text once: cutting turns out of it in SQL would rescan it for every turn.
    func forEachTurn(
        speakersOnly: Bool, every stride: Int, _ body: (Int64, Int64, Int, ArraySlice<Unicode.Scalar>) throws -> Void
    ) throws {
        let documents = try connection.prepare("SELECT id, text FROM document ORDER BY id")
        let turns = try connection.prepare(
            """
            SELECT id, start_offset, end_offset FROM turn_span
            WHERE document_id = ?1 AND (?2 = 0 OR speaker_id IS NOT NULL) AND id % ?3 = 0 ORDER BY id
            """)
        try documents.forEachRow { document in
            let documentID = try document.int64(0)
            let scalars = Array(try document.string(1).unicodeScalars)
            try turns.bind([documentID, speakersOnly, stride])
            try turns.forEachRow { turn in
                let range = (try turn.int(1)..<(try turn.int(2))).clamped(to: 0..<scalars.count)
                try body(documentID, try turn.int64(0), range.lowerBound, scalars[range])
            }
        }
    }
}
