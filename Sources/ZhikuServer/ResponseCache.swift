import Foundation
import ZhikuCore

/// Answers already computed, kept until a change can alter them, and served a little stale while
/// they are recomputed after an upload.
///
/// Every upload through this server reports the documents it stored; the answers one of them may
/// change (see ``Dependency``) are not dropped but marked stale by the upload's epoch, if requests got
/// them lately, and recomputed in the background; a request that finds one meanwhile gets it at once
/// (``answer(for:compute:)``). A stale answer is served for at most ``staleWindow`` after the upload,
/// then dropped. ``settled(_:)`` returns once no answer an upload staled can still be served, and the
/// upload is acknowledged only then, so that every read after its response includes it. A replaced
/// document, or a change made by another process (seen by ``DatabaseWatch``), empties the cache.
/// Entries also expire after ``timeToLive``, which bounds any staleness the rules miss.
///
/// Epochs: every change (an upload, or an emptying) starts a new one. An answer is computed in the
/// epoch current when its computation starts, so it includes every change up to that epoch's.
final class ResponseCache: @unchecked Sendable {
    // @unchecked: every stored property but the constants is only touched with `lock` held.

    /// What an answer depends on.
    enum Dependency: Sendable {
        /// A search: changed by a new document that holds the query's terms, or that renames a
        /// speaker of its hits (the name is all a hit shows of the speaker).
        case search(SearchQuery, speakers: Set<Int64>)
        /// Who discussed topics: changed by a new document that mentions any of them, or by a speaker it lists.
        case mentions([SearchQuery], speakers: Set<Int64>)
        /// Anything else: changed by every write.
        case anyChange
    }

    /// What the cache has for a key.
    enum Lookup: Equatable {
        /// An answer that includes every upload acknowledged so far.
        case fresh(String)
        /// An answer that may lack an upload not yet acknowledged, within that upload's window.
        case stale(String)
        /// Nothing that may be served.
        case missing
    }

    private struct Entry {
        let body: String
        let dependency: Dependency
        /// The epoch its computation started in.
        let computedIn: Int
        let expires: ContinuousClock.Instant
        /// The uploads since `computedIn` that may change it, oldest first: while there is one, it is stale.
        var missing: [Int]
        /// When a request last got it (or asked for it to be computed); refreshes do not count.
        var lastServed: ContinuousClock.Instant
        /// How to compute it again, for a refresh that no request has to start.
        let recompute: Computation?
    }

    /// An upload, remembered while the answers it staled may be served, and a window longer.
    private struct Change {
        let footprints: [DocumentFootprint]
        /// When the answers it staled stop being served.
        let deadline: ContinuousClock.Instant
        /// The answers it staled that are neither recomputed nor dropped yet: once none is left,
        /// every answer the cache serves includes the upload.
        var unresolved: Set<String>
        /// The upload's response, waiting for `unresolved` to empty.
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    /// How long an answer is kept at most.
    let timeToLive: Duration
    /// How long after an upload its stale answers are served at most.
    let staleWindow: Duration
    /// The computations under way: misses, and refreshes of stale answers.
    let flights: ComputationFlights
    private let lock = NSLock()
    private let capacity: Int
    private var entries: [String: Entry] = [:]
    private var insertionOrder: [String] = []
    private var epoch = 0
    /// Recent uploads by epoch. An emptying leaves no record, so that nothing computed across it is kept.
    private var changes: [Int: Change] = [:]

    /// A cache of at most `capacity` answers, each kept for `timeToLive` at most, that serves stale
    /// ones for `staleWindow` after an upload, with at most `refreshLimit` of them recomputed at once.
    init(
        capacity: Int = 20_000, timeToLive: Duration = .seconds(30),
        staleWindow: Duration = ServerConfiguration.defaultStaleWindow, refreshLimit: Int = 2
    ) {
        self.capacity = capacity
        self.timeToLive = timeToLive
        self.staleWindow = staleWindow
        flights = ComputationFlights(refreshLimit: refreshLimit)
    }

    /// The current epoch, to pass back to ``store(_:body:dependency:computedIn:recompute:)``.
    var currentEpoch: Int { lock.withLock { epoch } }

    /// What there is for `key`: a fresh answer, a stale one still within its window, or nothing.
    func lookup(_ key: String) -> Lookup {
        var acknowledged: [CheckedContinuation<Void, Never>] = []
        defer { acknowledged.forEach { $0.resume() } }
        return lock.withLock {
            guard let entry = entries[key] else { return .missing }
            let now = ContinuousClock.now
            guard entry.expires > now else {
                remove(key, acknowledging: &acknowledged)
                return .missing
            }
            guard let oldest = entry.missing.first else {
                entries[key]?.lastServed = now
                return .fresh(entry.body)
            }
            // Dropped here too, not only by the window's timer, which may run late on a busy machine.
            guard let deadline = changes[oldest]?.deadline, deadline > now else {
                remove(key, acknowledging: &acknowledged)
                return .missing
            }
            entries[key]?.lastServed = now
            return .stale(entry.body)
        }
    }

    /// Whether a refresh about to start should recompute `key`: it has a stale answer still within
    /// its window. Unlike ``lookup(_:)``, not a use of it. A stale answer past its window or its time
    /// to live is removed here: the refresh will not replace it, and the uploads it keeps waiting must
    /// not wait for the window's timer, which on a busy machine may run late.
    func needsRefresh(_ key: String) -> Bool {
        var acknowledged: [CheckedContinuation<Void, Never>] = []
        defer { acknowledged.forEach { $0.resume() } }
        return lock.withLock {
            guard let entry = entries[key], let oldest = entry.missing.first else { return false }
            let now = ContinuousClock.now
            guard entry.expires > now, let deadline = changes[oldest]?.deadline, deadline > now else {
                remove(key, acknowledging: &acknowledged)
                return false
            }
            return true
        }
    }

    /// Keeps `body` for `key`, computed from the epoch `computed` on, with `recompute` to refresh it by.
    /// Uploads since then that may change it leave it stale. It is not kept over an answer computed as
    /// late or later, nor if such an upload has been acknowledged already or is forgotten, nor across
    /// an emptying: it may lack them.
    func store(
        _ key: String, body: String, dependency: Dependency, computedIn computed: Int, recompute: Computation? = nil
    ) {
        var acknowledged: [CheckedContinuation<Void, Never>] = []
        defer { acknowledged.forEach { $0.resume() } }
        lock.withLock {
            if let old = entries[key], old.computedIn >= computed { return }
            var missing: [Int] = []
            if computed < epoch {
                for later in (computed + 1)...epoch {
                    guard let change = changes[later] else { return }
                    guard change.footprints.contains(where: { Self.mayChange(dependency, $0) }) else { continue }
                    guard !change.unresolved.isEmpty else { return }
                    missing.append(later)
                }
            }
            // The new answer joins the uploads it lacks before the old one leaves them, so that an
            // upload waiting for this key alone is not acknowledged in between.
            for later in missing { changes[later]?.unresolved.insert(key) }
            // A new answer was asked for; one that replaces another keeps the time that one was last
            // served, so that refreshes alone do not keep refreshing an answer nobody asks for.
            let now = ContinuousClock.now
            let entry = Entry(
                body: body, dependency: dependency, computedIn: computed, expires: now + timeToLive,
                missing: missing, lastServed: entries[key]?.lastServed ?? now,
                recompute: recompute ?? entries[key]?.recompute)
            if let old = entries.updateValue(entry, forKey: key) {
                for earlier in old.missing where !missing.contains(earlier) {
                    resolve(key, in: earlier, acknowledging: &acknowledged)
                }
            } else {
                insertionOrder.append(key)
            }
            // Oldest first out; the order list is compacted when it holds many keys already gone.
            while entries.count > capacity, !insertionOrder.isEmpty {
                remove(insertionOrder.removeFirst(), acknowledging: &acknowledged)
            }
            if insertionOrder.count > 2 * capacity { insertionOrder = insertionOrder.filter { entries[$0] != nil } }
        }
    }

    /// Marks stale the answers the new documents may change, as a new epoch, and returns it for
    /// ``settled(_:)``. Those that requests got within the last window are recomputed in the background
    /// at once, as they are likely to be asked for again; the others, and those past their time to live,
    /// are dropped at once, so that the upload does not wait for them: computing them is left to the
    /// next request, if one comes. At the end of the window, the answers still stale by the upload are
    /// dropped.
    func markStale(for footprints: [DocumentFootprint]) -> Int {
        var acknowledged: [CheckedContinuation<Void, Never>] = []
        var refreshes: [(key: String, recompute: Computation)] = []
        let (change, deadline) = lock.withLock {
            epoch += 1
            let now = ContinuousClock.now
            // An acknowledged upload is kept a window longer, for the computations that started
            // before it and end after it: they are kept if it cannot change them.
            changes = changes.filter { _, change in !change.unresolved.isEmpty || change.deadline + staleWindow > now }
            var staled = Set<String>()
            let affected = entries.filter { _, entry in footprints.contains { Self.mayChange(entry.dependency, $0) } }
            for (key, entry) in affected {
                guard now - entry.lastServed <= staleWindow, entry.expires > now else {
                    remove(key, acknowledging: &acknowledged)
                    continue
                }
                staled.insert(key)
                entries[key]?.missing.append(epoch)
                if let recompute = entry.recompute { refreshes.append((key, recompute)) }
            }
            changes[epoch] = Change(footprints: footprints, deadline: now + staleWindow, unresolved: staled)
            return (epoch, now + staleWindow)
        }
        acknowledged.forEach { $0.resume() }
        for refresh in refreshes { refreshInBackground(refresh.key, compute: refresh.recompute) }
        Task { [self] in
            try? await Task.sleep(until: deadline, clock: .continuous)
            dropStale(by: change)
        }
        return change
    }

    /// Returns once no answer that the upload of `epoch` staled can be served: each is recomputed, or
    /// dropped at the end of the window.
    func settled(_ epoch: Int) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let waiting = lock.withLock {
                guard changes[epoch]?.unresolved.isEmpty == false else { return false }
                changes[epoch]?.waiters.append(continuation)
                return true
            }
            if !waiting { continuation.resume() }
        }
    }

    /// Drops everything, and acknowledges the uploads waiting: nothing stale is left to serve.
    func invalidateAll() {
        let acknowledged = lock.withLock {
            epoch += 1
            entries = [:]
            insertionOrder = []
            defer { changes = [:] }
            return changes.values.flatMap(\.waiters)
        }
        acknowledged.forEach { $0.resume() }
    }

    /// Drops the answers still stale by the upload of `epoch`: its window is over.
    private func dropStale(by epoch: Int) {
        var acknowledged: [CheckedContinuation<Void, Never>] = []
        lock.withLock {
            for key in changes[epoch]?.unresolved ?? [] { remove(key, acknowledging: &acknowledged) }
        }
        acknowledged.forEach { $0.resume() }
    }

    /// Removes the entry of `key`, collecting the waiters of uploads that it was the last stale answer of.
    /// Called with `lock` held.
    private func remove(_ key: String, acknowledging acknowledged: inout [CheckedContinuation<Void, Never>]) {
        guard let entry = entries.removeValue(forKey: key) else { return }
        for epoch in entry.missing { resolve(key, in: epoch, acknowledging: &acknowledged) }
    }

    /// Records that `key` no longer serves an answer lacking the upload of `epoch`, collecting the
    /// upload's waiters if it was the last. Called with `lock` held.
    private func resolve(
        _ key: String, in epoch: Int, acknowledging acknowledged: inout [CheckedContinuation<Void, Never>]
    ) {
        guard changes[epoch]?.unresolved.remove(key) != nil, changes[epoch]?.unresolved.isEmpty == true else { return }
        acknowledged += changes[epoch]?.waiters ?? []
        changes[epoch]?.waiters = []
    }

    private static func mayChange(_ dependency: Dependency, _ footprint: DocumentFootprint) -> Bool {
        switch dependency {
        case .anyChange:
            return true
        case .search(let query, let speakers):
            return !speakers.isDisjoint(with: footprint.renamedSpeakerIDs) || footprint.mayMatch(query)
        case .mentions(let queries, let speakers):
            return !speakers.isDisjoint(with: footprint.speakerIDs) || queries.contains(where: footprint.mayMatch)
        }
    }
}
