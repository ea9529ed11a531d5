import ZhikuSQLite

extension Store {
    /// Runs `body`, forgetting what the writer keeps between documents (the topic matcher, the
    /// counts of speakers' names, new topics' spellings) if it fails: a rolled-back transaction may have added to them
    /// what the database no longer has.
    func withWriterCacheGuard<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch {
            forgetWriterCaches()
            throw error
        }
    }

    /// Forgets what the writer keeps between documents; it is read again from the database when
    /// needed.
    func forgetWriterCaches() {
        topicMatcherCache = nil
        speakerNameCache = [:]
        newTopicSpellings = [:]
    }

    /// Forgets the writer's caches if another connection has committed since they were last
    /// checked: call it inside a write transaction, where nobody else can commit until it ends.
    /// This connection's own commits leave `PRAGMA data_version` as it was.
    /// See <https://www.sqlite.org/pragma.html#pragma_data_version>.
    func forgetWriterCachesIfChangedElsewhere() throws {
        let version = try dataVersion()
        if let known = knownDataVersion, known != version { forgetWriterCaches() }
        knownDataVersion = version
    }
}
