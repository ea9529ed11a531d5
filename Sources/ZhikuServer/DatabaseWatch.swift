import ZhikuCore

/// Notices commits made by other processes (a `zhiku ingest` into the served file), which the cache
/// cannot know the content of, and empties the cache then. Commits by this server's own writer are
/// absorbed right after they happen, so that they only evict what they may change.
struct DatabaseWatch: Sendable {
    /// A thread with its own connection, whose `data_version` changes with every other commit.
    let watcher: StoreWorkers
    let cache: ResponseCache
    private let lastSeen = Mutexed<Int64?>(nil)

    init(watcher: StoreWorkers, cache: ResponseCache) {
        self.watcher = watcher
        self.cache = cache
    }

    /// Records the state after this server's own write, so that the next poll does not take it for
    /// someone else's.
    func absorbOwnWrite() async throws {
        let version = try await watcher.run { store in try store.dataVersion() }
        lastSeen.update { $0 = version }
    }

    /// Checks every `interval` until the task is cancelled.
    func run(every interval: Duration) async {
        while !Task.isCancelled {
            if let version = try? await watcher.run({ store in try store.dataVersion() }) {
                let changed = lastSeen.update { last -> Bool in
                    defer { last = version }
                    return last != nil && last != version
                }
                if changed { cache.invalidateAll() }
            }
            try? await Task.sleep(for: interval)
        }
    }
}
