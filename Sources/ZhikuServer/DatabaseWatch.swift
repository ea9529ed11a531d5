import ZhikuCore

/// Notices commits made by other processes (a `zhiku ingest` into the served file), which the cache
/// cannot know the content of, and empties the cache then.
///
/// It asks the writer's own connection: its `data_version` changes with every commit but its own
/// (<https://sqlite.org/pragma.html#pragma_data_version>), so the server's uploads, which follow
/// their own rules in the cache, are never taken for someone else's. (Asked from a connection of its
/// own, the watch would see an upload's first commit before hearing of it, and empty the cache.)
struct DatabaseWatch: Sendable {
    /// The writer thread and its connection; a check waits for an upload in progress.
    let writer: StoreWorkers
    let cache: ResponseCache

    /// Checks every `interval` until the task is cancelled.
    func run(every interval: Duration) async {
        var lastSeen: Int64?
        while !Task.isCancelled {
            if let version = try? await writer.run({ store in try store.dataVersion() }) {
                if let lastSeen, lastSeen != version { cache.invalidateAll() }
                lastSeen = version
            }
            try? await Task.sleep(for: interval)
        }
    }
}
