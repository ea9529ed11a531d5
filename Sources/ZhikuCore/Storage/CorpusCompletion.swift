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
    /// ``completeTopicIndex()``, with the same topics and mentions (a new key phrase may get another id
    /// than the one a key phrase removed first would have left free).
    ///
    /// When the topics already waiting need a scan of the corpus, the key phrases' statistics are
    /// worked out on another thread while the scan runs (see ``KeyPhraseJob``), instead of before it
    /// on this one: the new key phrases join the scan from the next batch, and the documents scanned
    /// before are read again for them alone, alongside the rest of the scan (see
    /// ``indexMentionsByScanning(_:below:joining:)``). Key phrases no longer found are then removed in
    /// a transaction of their own, since removing needs the foreign keys that the scan does without.
    public func completeCorpus() throws -> CorpusCompletion {
        guard isFileBacked else {
            let (added, removed) = try refreshKeyPhrases()
            return CorpusCompletion(
                addedKeyPhrases: added, removedKeyPhrases: removed, completedTopics: try completeTopicIndex())
        }
        // What the parsing threads freed, before the threads of the corpus pass allocate their own.
        FreedMemory.release()
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

            var phrases: [String] = []
            // The new key phrases.
            var joining = TopicMatcher()
            func join(_ found: KeyPhraseJob.Phrases, to current: TopicMatcher) throws -> Store.JoiningTopics {
                phrases = found.phrases
                var all = current
                for topic in try addKeyPhrases(found.phrases, spellings: found.spellings) where topic.isNew {
                    joining.add(topicID: topic.id, spellings: topic.spellings)
                    all.add(topicID: topic.id, spellings: topic.spellings)
                }
                return (all, joining)
            }
            let joined = try indexMentionsByScanning(matcher) { current in
                try keyPhrases.phrasesIfDone().map { try join($0, to: current) }
            }
            // Phrases that took longer than the whole scan are looked for in a scan of their own.
            if !joined {
                _ = try join(keyPhrases.phrases(), to: TopicMatcher())
                try indexMentionsByScanning(joining)
            }

            try connection.run("DELETE FROM topic_to_index")
            newTopicSpellings = [:]
            return (phrases, joining.topicCount, matcher.topicCount + joining.topicCount)
        }
    }
}
