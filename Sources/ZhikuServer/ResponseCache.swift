import Foundation
import ZhikuCore

/// Answers already computed, kept until a change can alter them.
///
/// Every write through this server reports the documents it stored; an answer is dropped only if
/// one of them may change it (see ``Dependency``), so that a steady trickle of uploads does not empty
/// the cache. A replaced document, or a change made by another process (seen by ``DatabaseWatch``),
/// empties it. Entries also expire after ``timeToLive``, which bounds any staleness the rules miss.
final class ResponseCache: @unchecked Sendable {
    // @unchecked: every stored property is only touched with `lock` held.

    /// What an answer depends on.
    enum Dependency: Sendable {
        /// A search: changed by a new document that holds the query's terms, or by a speaker it names.
        case search(SearchQuery, speakers: Set<Int64>)
        /// Who discussed topics: changed by a new document that mentions any of them, or by a speaker it lists.
        case mentions([SearchQuery], speakers: Set<Int64>)
        /// Anything else: changed by every write.
        case anyChange
    }

    private struct Entry {
        let body: String
        let dependency: Dependency
        let expires: ContinuousClock.Instant
    }

    /// How long an answer is kept at most.
    static let timeToLive = Duration.seconds(30)
    private let lock = NSLock()
    private var entries: [String: Entry] = [:]
    private var insertionOrder: [String] = []
    private let capacity: Int
    /// Bumped by every invalidation: an answer computed before one is not stored after it.
    private var epoch = 0
    /// Answers being computed, by key and the epoch they were started in.
    private var flights: [String: (epoch: Int, task: Task<(String, Dependency), any Error>)] = [:]

    init(capacity: Int = 20_000) {
        self.capacity = capacity
    }

    /// The current epoch, to pass back to ``store(_:body:dependency:computedIn:)``.
    var currentEpoch: Int { lock.withLock { epoch } }

    /// The cached body for `key`, if it is still good.
    func body(for key: String) -> String? {
        lock.withLock {
            guard let entry = entries[key] else { return nil }
            guard entry.expires > .now else {
                entries[key] = nil
                return nil
            }
            return entry.body
        }
    }

    /// Keeps `body` for `key`, unless something changed since `epoch` (the answer may predate it).
    func store(_ key: String, body: String, dependency: Dependency, computedIn epoch: Int) {
        lock.withLock {
            guard epoch == self.epoch else { return }
            if entries.updateValue(
                Entry(body: body, dependency: dependency, expires: .now + Self.timeToLive), forKey: key) == nil
            {
                insertionOrder.append(key)
            }
            // Oldest first out; the order list is compacted when it holds many keys already gone.
            while entries.count > capacity, !insertionOrder.isEmpty {
                entries[insertionOrder.removeFirst()] = nil
            }
            if insertionOrder.count > 2 * capacity { insertionOrder = insertionOrder.filter { entries[$0] != nil } }
        }
    }

    /// The computation of `key` already under way in this epoch, or a new one from `start`: requests
    /// that miss the cache together share one computation instead of each queueing their own. One
    /// started before an invalidation is never joined after it, so a write is seen by the next read.
    func flight(
        for key: String, epoch: Int, start: () -> Task<(String, Dependency), any Error>
    ) -> Task<(String, Dependency), any Error> {
        lock.withLock {
            if let flight = flights[key], flight.epoch == epoch { return flight.task }
            let task = start()
            flights[key] = (epoch, task)
            return task
        }
    }

    /// Forgets the computation of `key` started in `epoch`, once it has ended.
    func land(_ key: String, epoch: Int) {
        lock.withLock {
            if flights[key]?.epoch == epoch { flights[key] = nil }
        }
    }

    /// Drops what the new documents may change.
    func invalidate(for footprints: [DocumentFootprint]) {
        lock.withLock {
            epoch += 1
            entries = entries.filter { _, entry in
                !footprints.contains { footprint in Self.mayChange(entry.dependency, footprint) }
            }
        }
    }

    /// Drops everything.
    func invalidateAll() {
        lock.withLock {
            epoch += 1
            entries = [:]
            insertionOrder = []
        }
    }

    private static func mayChange(_ dependency: Dependency, _ footprint: DocumentFootprint) -> Bool {
        switch dependency {
        case .anyChange:
            return true
        case .search(let query, let speakers):
            return !speakers.isDisjoint(with: footprint.speakerIDs) || footprint.mayMatch(query)
        case .mentions(let queries, let speakers):
            return !speakers.isDisjoint(with: footprint.speakerIDs) || queries.contains(where: footprint.mayMatch)
        }
    }
}
