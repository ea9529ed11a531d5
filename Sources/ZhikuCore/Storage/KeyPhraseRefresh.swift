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
        try replaceKeyPhrases(with: Self.keyPhrases(reading: connection, fold: fold))
    }

    /// The key phrases of the corpus, from a sample of its attributed turns read through
    /// `connection`: this store's, or another connection to the same file (see ``KeyPhraseJob``).
    static func keyPhrases(reading connection: Connection, fold: FoldTable) throws -> [String] {
        let total =
            try connection.queryFirst(
                "SELECT coalesce(sum(end_offset - start_offset), 0) FROM turn_span WHERE speaker_id IS NOT NULL")?
            .int(0) ?? 0
        // Every k-th turn, spread over the whole corpus.
        let stride = max(1, total / keyPhraseSampleScalars + 1)
        var sample: [(document: Int, original: [Unicode.Scalar])] = []
        try forEachTurn(in: connection, speakersOnly: true, every: stride) { documentID, _, _, original in
            sample.append((Int(documentID), Array(original)))
        }
        return KeyPhraseFinder().phrases(in: sample, fold: fold)
    }

    /// Makes `phrases` the corpus's key phrases, in one transaction; returns how many were added and
    /// removed. `spellings`, when given, are each phrase's ``TopicSpellings``, worked out already.
    func replaceKeyPhrases(
        with phrases: [String], spellings: [Set<String>]? = nil
    ) throws -> (added: Int, removed: Int) {
        try withWriterCacheGuard {
            try connection.transaction {
                let removed = try removeKeyPhrases(notIn: phrases)
                let added = try addKeyPhrases(phrases, spellings: spellings).filter(\.isNew).count
                return (added, removed)
            }
        }
    }

    /// Deletes the key phrase topics that are not among `phrases` (with their mentions: foreign keys
    /// must be enforced); returns how many.
    func removeKeyPhrases(notIn phrases: [String]) throws -> Int {
        let keep = Set(phrases.map { fold.fold($0) })
        var removed = 0
        for row in try connection.query("SELECT id, fold_key FROM topic WHERE origin = 'keyphrase'")
        where !keep.contains(try row.string(1)) {
            try connection.run("DELETE FROM topic WHERE id = ?", try row.int64(0))
            newTopicSpellings[try row.int64(0)] = nil
            removed += 1
        }
        if removed > 0 { topicMatcherCache = nil }
        return removed
    }

    /// Creates the key phrase topics of `phrases` that are new; they wait in `topic_to_index`.
    /// `spellings`, when given, are each phrase's ``TopicSpellings``, worked out already.
    func addKeyPhrases(_ phrases: [String], spellings: [Set<String>]? = nil) throws -> [EnsuredTopic] {
        try ensureTopicsAligned(phrases.map { TopicCandidate(name: $0, origin: "keyphrase") }, spellings: spellings)
            .compactMap { $0 }
    }
}
