import Foundation

/// The computations of cached answers under way, so that none is done twice at once: a miss is
/// computed once for all the requests that miss it together, and a stale answer is refreshed by one
/// background computation, with only a few refreshes at a time.
final class ComputationFlights: @unchecked Sendable {
    // @unchecked: every stored property but the constant is only touched with `lock` held.

    /// A computation of one answer's body.
    typealias Flight = Task<String, any Error>
    /// A refresh of one stale answer.
    typealias Refresh = @Sendable () async -> Void

    /// How many refreshes may run at once. They take reader threads like misses do, and a miss
    /// has a request waiting on it; a refresh only has a stale answer to replace.
    let refreshLimit: Int
    private let lock = NSLock()
    /// Misses being computed, by key and the epoch they were started in.
    private var misses: [String: (epoch: Int, flight: Flight)] = [:]
    /// Refreshes asked for and not started, oldest first: the answers staled longest ago go first,
    /// so that when uploads stale more than the refreshes can keep up with, the fewest reach the end
    /// of their window, and each refresh catches up with every upload since.
    private var waiting: [(key: String, refresh: Refresh)] = []
    private var waitingKeys: Set<String> = []
    private var running: Set<String> = []

    init(refreshLimit: Int) {
        self.refreshLimit = refreshLimit
    }

    /// The computation of `key` already under way in `epoch`, or a new one from `start`. One started
    /// in an earlier epoch is never joined: it may lack a change that the requester was told about.
    func miss(_ key: String, epoch: Int, start: () -> Flight) -> Flight {
        lock.withLock {
            if let under = misses[key], under.epoch == epoch { return under.flight }
            let flight = start()
            misses[key] = (epoch, flight)
            return flight
        }
    }

    /// Forgets the computation of `key` started in `epoch`, once it has ended.
    func land(_ key: String, epoch: Int) {
        lock.withLock {
            if misses[key]?.epoch == epoch { misses[key] = nil }
        }
    }

    /// Runs `refresh` in the background, unless a refresh of `key` is already waiting or running;
    /// it waits while as many run as the limit allows.
    func refresh(_ key: String, with refresh: @escaping Refresh) {
        let startable = lock.withLock { () -> [(key: String, refresh: Refresh)] in
            guard !waitingKeys.contains(key), !running.contains(key) else { return [] }
            waiting.append((key, refresh))
            waitingKeys.insert(key)
            return takeStartable()
        }
        start(startable)
    }

    /// The waiting refreshes that may start now, counted as running. Called with `lock` held.
    private func takeStartable() -> [(key: String, refresh: Refresh)] {
        var startable: [(key: String, refresh: Refresh)] = []
        while running.count < refreshLimit, !waiting.isEmpty {
            let next = waiting.removeFirst()
            waitingKeys.remove(next.key)
            running.insert(next.key)
            startable.append(next)
        }
        return startable
    }

    private func start(_ refreshes: [(key: String, refresh: Refresh)]) {
        for (key, refresh) in refreshes {
            Task { [self] in
                await refresh()
                let next = lock.withLock {
                    running.remove(key)
                    return takeStartable()
                }
                start(next)
            }
        }
    }
}
