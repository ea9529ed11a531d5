import ZhikuSQLite

extension Store {
    /// Adds a user's lexicon: each topic and its aliases, then finds their mentions across the corpus.
    /// Returns how many topics were new.
    @discardableResult
    public func addLexicon(_ topics: [TopicCandidate]) throws -> Int {
        let added = try withWriterCacheGuard {
            try connection.transaction {
                let ensured = try ensureTopics(topics)
                for topic in ensured where topic.gainedAliases {
                    try connection.run("INSERT OR IGNORE INTO topic_to_index (topic_id) VALUES (?)", topic.id)
                }
                return ensured.filter(\.isNew).count
            }
        }
        try completeTopicIndex()
        return added
    }

    /// A topic as ensured in the database.
    struct EnsuredTopic {
        let id: Int64
        let isNew: Bool
        let gainedAliases: Bool
        let spellings: Set<String>
    }

    /// Finds or creates each candidate (by folded name, or a known alias), adds its aliases, and
    /// keeps the matcher in step.
    func ensureTopics(_ candidates: [TopicCandidate]) throws -> [EnsuredTopic] {
        try ensureTopicsAligned(candidates).compactMap { $0 }
    }

    /// ``ensureTopics(_:)``, with one result per candidate: nil for a name too short to be a topic.
    /// `spellings`, when given, are each candidate's ``TopicSpellings``, worked out already.
    func ensureTopicsAligned(_ candidates: [TopicCandidate], spellings: [Set<String>]? = nil) throws -> [EnsuredTopic?]
    {
        let spellings =
            spellings
            ?? TopicSpellings.spellings(ofEach: candidates.map { ($0.name, $0.aliases) }, fold: fold, opencc: opencc)
        var matcher = try loadedTopicMatcher()
        // Out of the cache while it grows, so that it grows in place instead of being copied whole
        // for every document; a failure leaves the cache empty, to be loaded again.
        topicMatcherCache = nil
        var ensured: [EnsuredTopic?] = []
        for (index, candidate) in candidates.enumerated() {
            let key = fold.fold(candidate.name).trimmingWhitespace()
            guard key.unicodeScalars.count >= 2 else {
                ensured.append(nil)
                continue
            }
            var isNew = false
            var id: Int64
            if let found = try connection.queryFirst(
                """
                SELECT id FROM topic WHERE fold_key = ?1
                UNION ALL SELECT topic_id FROM topic_alias WHERE fold_key = ?1
                LIMIT 1
                """, key)
            {
                id = try found.int64(0)
            } else {
                try connection.run(
                    "INSERT INTO topic (name, fold_key, origin) VALUES (?, ?, ?)", candidate.name, key, candidate.origin
                )
                id = connection.lastInsertRowID
                isNew = true
                try connection.run("INSERT INTO topic_to_index (topic_id) VALUES (?)", id)
            }
            var gainedAliases = false
            for alias in candidate.aliases {
                let aliasKey = fold.fold(alias).trimmingWhitespace()
                guard aliasKey != key, !aliasKey.isEmpty else { continue }
                gainedAliases =
                    try connection.run(
                        "INSERT INTO topic_alias (topic_id, alias, fold_key) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                        id, alias, aliasKey) > 0 || gainedAliases
            }
            let spellings = spellings[index]
            if isNew || gainedAliases { matcher.add(topicID: id, spellings: spellings) }
            // What the topic's row gives, unless it has aliases: kept for completing it. (An id may
            // be that of a topic deleted before, and a topic that gains aliases is spelled anew: the
            // spellings kept for them must not stay.)
            if isNew {
                newTopicSpellings[id] = candidate.aliases.isEmpty ? spellings : nil
            } else if gainedAliases {
                newTopicSpellings[id] = nil
            }
            ensured.append(EnsuredTopic(id: id, isNew: isNew, gainedAliases: gainedAliases, spellings: spellings))
        }
        topicMatcherCache = matcher
        return ensured
    }

    /// The matcher for every topic in the database, built on first use.
    func loadedTopicMatcher() throws -> TopicMatcher {
        if let cached = topicMatcherCache { return cached }
        let matcher = try topicMatcher(onlyQueued: false)
        topicMatcherCache = matcher
        return matcher
    }

    /// A matcher for the topics in the database, or only those queued in `topic_to_index`.
    private func topicMatcher(onlyQueued: Bool) throws -> TopicMatcher {
        var matcher = TopicMatcher()
        for (id, spellings) in try topicSpellings(onlyQueued: onlyQueued) {
            matcher.add(topicID: id, spellings: spellings)
        }
        return matcher
    }

    /// The spellings (see ``TopicSpellings``) of the topics in the database, or only of those queued
    /// in `topic_to_index`.
    func topicSpellings(onlyQueued: Bool) throws -> [(id: Int64, spellings: Set<String>)] {
        var names: [Int64: (name: String, aliases: [String])] = [:]
        let topics = try connection.cachedStatement(
            "SELECT id, name FROM topic WHERE ?1 = 0 OR id IN (SELECT topic_id FROM topic_to_index)")
        try topics.bind([onlyQueued])
        try topics.forEachRow { row in names[try row.int64(0)] = (try row.string(1), []) }
        let aliases = try connection.cachedStatement(
            "SELECT topic_id, alias FROM topic_alias WHERE ?1 = 0 OR topic_id IN (SELECT topic_id FROM topic_to_index)")
        try aliases.bind([onlyQueued])
        try aliases.forEachRow { row in names[try row.int64(0)]?.aliases.append(try row.string(1)) }
        // Topics created by this store without aliases have their spellings kept already.
        let named = Array(names)
        let unknown = named.filter { newTopicSpellings[$0.key] == nil }
        var spellings = newTopicSpellings
        for (topic, worked) in zip(
            unknown,
            TopicSpellings.spellings(
                ofEach: unknown.map { ($0.value.name, $0.value.aliases) }, fold: fold, opencc: opencc))
        {
            spellings[topic.key] = worked
        }
        return named.map { ($0.key, spellings[$0.key] ?? []) }
    }

    /// How ``completeTopicIndex(_:)`` finds the mentions of the queued topics.
    package enum TopicIndexing: Sendable {
        /// Through the full-text index when the topics have few spellings, else by a scan.
        case automatic
        /// Only the turns the full-text index names are read (a scan when a spelling has no token).
        case searchIndex
        /// Every turn of the corpus is read.
        case scan
    }

    /// Finds the mentions of every topic still waiting in `topic_to_index` across the whole corpus, in
    /// one transaction; returns how many topics were completed.
    ///
    /// A few topics (those of one uploaded document) are looked up in the full-text index, and only
    /// the turns it names are read; many (those of a whole ingest run) are found in one pass over
    /// every turn.
    @discardableResult
    public func completeTopicIndex() throws -> Int {
        try completeTopicIndex(.automatic)
    }

    /// ``completeTopicIndex()``, finding the mentions the way `indexing` says.
    @discardableResult
    package func completeTopicIndex(_ indexing: TopicIndexing) throws -> Int {
        try withWriterCacheGuard {
            try withoutForeignKeyChecks {
                try withScanPageCache {
                    try connection.transaction {
                        let queued = try topicSpellings(onlyQueued: true)
                        guard !queued.isEmpty else { return 0 }
                        var matcher = TopicMatcher()
                        for (id, spellings) in queued { matcher.add(topicID: id, spellings: spellings) }
                        let limit = indexing == .automatic ? Self.indexedLookupPhrases : Int.max
                        let found =
                            try indexing != .scan
                            && indexMentionsThroughSearchIndex(
                                matcher, spellings: queued.map(\.spellings), phraseLimit: limit)
                        if !found { try indexMentionsByScanning(matcher) }
                        try connection.run("DELETE FROM topic_to_index")
                        newTopicSpellings = [:]
                        return matcher.topicCount
                    }
                }
            }
        }
    }

    /// Runs `body` with foreign keys not enforced on this connection, for a transaction that only
    /// inserts rows pointing at rows it has just read under the same write lock: the checks, a
    /// look-up in two tables per mention, would find nothing and cost a quarter of the insert.
    /// Deleting and cascading must not happen inside. Inside a transaction the setting cannot
    /// change, and `body` simply runs with the checks. See <https://www.sqlite.org/foreignkeys.html>.
    func withoutForeignKeyChecks<T>(_ body: () throws -> T) throws -> T {
        guard !connection.isInTransaction else { return try body() }
        try connection.execute("PRAGMA foreign_keys = OFF")
        let result: T
        do {
            result = try body()
        } catch {
            try? connection.execute("PRAGMA foreign_keys = ON")
            throw error
        }
        try connection.execute("PRAGMA foreign_keys = ON")
        return result
    }
}
