import ZhikuSQLite

/// What ``Store/completeCorpus()`` did.
public struct CorpusCompletion: Sendable {
    /// Key phrases that became topics.
    public let addedKeyPhrases: Int
    /// Key phrase topics no longer found, removed.
    public let removedKeyPhrases: Int
    /// Topics whose mentions were found across the corpus: those that were waiting, and the new key
    /// phrases.
    public let completedTopics: Int
}

extension Store {
    /// The corpus-wide work after storing documents: ``refreshKeyPhrases()`` then
    /// ``completeTopicIndex()``, with the same result.
    ///
    /// When the topics already waiting need a scan of the corpus, the key phrases' statistics are
    /// worked out on another thread while the scan runs (see ``KeyPhraseJob``), instead of before it
    /// on this one: the new key phrases join the scan from the next batch, and the documents scanned
    /// before are read again for them alone. Key phrases no longer found are then removed in a
    /// transaction of their own, since removing needs the foreign keys that the scan does without.
    public func completeCorpus() throws -> CorpusCompletion {
        guard isFileBacked else {
            let (added, removed) = try refreshKeyPhrases()
            return CorpusCompletion(
                addedKeyPhrases: added, removedKeyPhrases: removed, completedTopics: try completeTopicIndex())
        }
        let keyPhrases = KeyPhraseJob(path: path, fold: fold, opencc: opencc)
        guard let scanned = try completeTopicIndexJoined(by: keyPhrases) else {
            let found = try keyPhrases.phrases()
            let (added, removed) = try replaceKeyPhrases(with: found.phrases, spellings: found.spellings)
            return CorpusCompletion(
                addedKeyPhrases: added, removedKeyPhrases: removed, completedTopics: try completeTopicIndex())
        }
        let removed = try withWriterCacheGuard {
            try connection.transaction { try removeKeyPhrases(notIn: scanned.phrases) }
        }
        return CorpusCompletion(
            addedKeyPhrases: scanned.added, removedKeyPhrases: removed, completedTopics: scanned.completed)
    }

    /// ``completeTopicIndex()`` by a scan that the new key phrases of `keyPhrases` join once found,
    /// in one transaction; returns the phrases, how many were new, and how many topics were completed.
    /// Nil, having changed nothing, when the topics waiting need no scan.
    private func completeTopicIndexJoined(
        by keyPhrases: KeyPhraseJob
    ) throws -> (phrases: [String], added: Int, completed: Int)? {
        try withWriterCacheGuard {
            try withoutForeignKeyChecks {
                try withScanPageCache { try completeTopicIndexJoinedTransaction(by: keyPhrases) }
            }
        }
    }

    /// The transaction of ``completeTopicIndexJoined(by:)``.
    private func completeTopicIndexJoinedTransaction(
        by keyPhrases: KeyPhraseJob
    ) throws -> (phrases: [String], added: Int, completed: Int)? {
        try connection.transaction {
            let queued = try topicSpellings(onlyQueued: true)
            guard !queued.isEmpty,
                searchIndexPhrases(of: queued.map(\.spellings), limit: Self.indexedLookupPhrases) == nil
            else { return nil }
            var matcher = TopicMatcher()
            for (id, spellings) in queued { matcher.add(topicID: id, spellings: spellings) }

            var phrases: [String]?
            // The new key phrases, and the first document that the scan read with them.
            var joining = TopicMatcher()
            var joinedFrom = Int64.max
            func join(_ found: KeyPhraseJob.Phrases, from document: Int64) throws -> [EnsuredTopic] {
                phrases = found.phrases
                joinedFrom = document
                let new = try addKeyPhrases(found.phrases, spellings: found.spellings).filter(\.isNew)
                for topic in new { joining.add(topicID: topic.id, spellings: topic.spellings) }
                return new
            }
            try indexMentionsByScanning(matcher) { document, current in
                guard phrases == nil, let found = try keyPhrases.phrasesIfDone() else { return current }
                var joined = current
                for topic in try join(found, from: document) {
                    joined.add(topicID: topic.id, spellings: topic.spellings)
                }
                return joined
            }
            if phrases == nil { _ = try join(keyPhrases.phrases(), from: .max) }
            // The documents scanned before the key phrases joined, again for them alone.
            try indexMentionsByScanning(joining, below: joinedFrom)

            try connection.run("DELETE FROM topic_to_index")
            newTopicSpellings = [:]
            return (phrases ?? [], joining.topicCount, matcher.topicCount + joining.topicCount)
        }
    }
}
