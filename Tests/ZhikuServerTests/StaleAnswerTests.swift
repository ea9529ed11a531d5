import Foundation
import Testing
import ZhikuCore

@testable import ZhikuServer

/// After an upload the answers it may change are served stale for a moment while they are recomputed;
/// the upload is acknowledged once none of them can be served any more.
///
/// Windows and times to live that must not end during a test are an hour long: under the whole suite,
/// a background task may wait for a thread longer than a minute, behind tests that block theirs on
/// child processes, and a test must not depend on how long. A test waits five minutes at most for
/// anything, so that a bug that loses an acknowledgement fails its test instead of hanging the suite.
@Suite("Stale answers after an upload")
struct StaleAnswerTests {
    private static let endless = Duration.seconds(3600)
    private static let patience = Duration.seconds(300)

    /// Whether `cache` acknowledges `upload` within ``patience``.
    private func acknowledges(_ cache: ResponseCache, _ upload: Int) async -> Bool {
        let answered = Mutexed(false)
        return await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
            let answer: @Sendable (Bool) -> Void = { acknowledged in
                let first = answered.update { done in
                    defer { done = true }
                    return !done
                }
                if first { continuation.resume(returning: acknowledged) }
            }
            Task {
                await cache.settled(upload)
                answer(true)
            }
            Task {
                try? await Task.sleep(for: Self.patience)
                answer(false)
            }
        }
    }

    /// A computation that counts how often it runs, waits until `open` (when given) is true, and
    /// answers `body`.
    private func counted(_ body: String, by count: Mutexed<Int>, gate open: Mutexed<Bool>? = nil)
        -> ResponseCache.Computation
    {
        {
            count.update { $0 += 1 }
            while let open, !open.value { try await Task.sleep(for: .milliseconds(10)) }
            return (body, .anyChange)
        }
    }

    @Test("a stale answer is served at once, refreshed in the background, and the upload then acknowledged")
    func servedThenRefreshed() async throws {
        let fixture = try FootprintFixture()
        let cache = ResponseCache(timeToLive: Self.endless, staleWindow: Self.endless)
        cache.store("k", body: "old", dependency: .anyChange, computedIn: cache.currentEpoch)
        let upload = cache.markStale(for: [fixture.footprint])
        let computations = Mutexed(0)
        #expect(try await cache.answer(for: "k", compute: counted("new", by: computations)) == "old")
        #expect(await acknowledges(cache, upload))
        #expect(cache.lookup("k") == .fresh("new"))
        #expect(computations.value == 1)
    }

    @Test("a stale answer nobody refreshes is dropped at the end of the window, and the upload acknowledged then")
    func droppedAfterWindow() async throws {
        let fixture = try FootprintFixture()
        let cache = ResponseCache(timeToLive: Self.endless, staleWindow: .milliseconds(300))
        let moore = ResponseCache.Dependency.search(try fixture.store.searchQuery("摩尔定律"), speakers: [])
        cache.store("k", body: "old", dependency: .anyChange, computedIn: cache.currentEpoch)
        cache.store("unchanged", body: "kept", dependency: moore, computedIn: cache.currentEpoch)
        let started = ContinuousClock.now
        let upload = cache.markStale(for: [fixture.footprint])
        let duringWindow = cache.lookup("k")
        // Stale if it was looked up within the window, which a busy machine may have let pass already.
        #expect(duringWindow == .stale("old") || ContinuousClock.now - started >= .milliseconds(300))
        #expect(cache.lookup("unchanged") == .fresh("kept"))
        #expect(await acknowledges(cache, upload))
        #expect(ContinuousClock.now - started >= .milliseconds(300))
        #expect(cache.lookup("k") == .missing)
    }

    @Test("an answer asked for within the window is refreshed without a request, and the upload acknowledged then")
    func proactiveRefresh() async throws {
        let fixture = try FootprintFixture()
        let cache = ResponseCache(timeToLive: Self.endless, staleWindow: Self.endless)
        let computations = Mutexed(0)
        let compute: ResponseCache.Computation = {
            let count = computations.update { count in
                count += 1
                return count
            }
            return ("version \(count)", .anyChange)
        }
        #expect(try await cache.answer(for: "k", compute: compute) == "version 1")
        #expect(await acknowledges(cache, cache.markStale(for: [fixture.footprint])))
        #expect(cache.lookup("k") == .fresh("version 2"))
    }

    @Test("an answer nobody asked for within the window is dropped at once: the upload does not wait for it")
    func unaskedDroppedAtOnce() async throws {
        let fixture = try FootprintFixture()
        let cache = ResponseCache(timeToLive: Self.endless, staleWindow: .milliseconds(200))
        cache.store("k", body: "old", dependency: .anyChange, computedIn: cache.currentEpoch)
        try await Task.sleep(for: .milliseconds(400))
        let upload = cache.markStale(for: [fixture.footprint])
        // Not stale (that would be served until the window ends), but gone.
        #expect(cache.lookup("k") == .missing)
        #expect(await acknowledges(cache, upload))
    }

    @Test("a stale answer is refreshed by one computation however many requests find it, the oldest first")
    func singleFlightRefresh() async throws {
        let fixture = try FootprintFixture()
        let cache = ResponseCache(timeToLive: Self.endless, staleWindow: Self.endless, refreshLimit: 1)
        for key in ["a", "b"] { cache.store(key, body: "old", dependency: .anyChange, computedIn: cache.currentEpoch) }
        let upload = cache.markStale(for: [fixture.footprint])
        let computations = Mutexed(0)
        let open = Mutexed(false)
        let gated = counted("new", by: computations, gate: open)
        for _ in 0..<20 { #expect(try await cache.answer(for: "a", compute: gated) == "old") }
        #expect(try await cache.answer(for: "b", compute: gated) == "old")
        #expect(try await cache.answer(for: "b", compute: gated) == "old")
        // The one refresh allowed is busy with a until the gate opens: b waits for it.
        let started = ContinuousClock.now
        while computations.value == 0, ContinuousClock.now - started < Self.patience {
            try await Task.sleep(for: .milliseconds(10))
        }
        try await Task.sleep(for: .milliseconds(200))
        #expect(computations.value == 1)
        #expect(cache.lookup("b") == .stale("old"))
        open.update { $0 = true }
        #expect(await acknowledges(cache, upload))
        #expect(computations.value == 2)
        #expect(cache.lookup("a") == .fresh("new") && cache.lookup("b") == .fresh("new"))
    }

    @Test("an answer computed before an upload never replaces one computed after it")
    func olderEpochNotStored() async throws {
        let fixture = try FootprintFixture()
        let cache = ResponseCache(timeToLive: Self.endless, staleWindow: Self.endless)
        let before = cache.currentEpoch
        cache.store("k", body: "old", dependency: .anyChange, computedIn: before)
        let upload = cache.markStale(for: [fixture.footprint])
        // A computation that started before the upload may lack it: the answer stays stale.
        cache.store("k", body: "also old", dependency: .anyChange, computedIn: before)
        #expect(cache.lookup("k") == .stale("old"))
        cache.store("k", body: "new", dependency: .anyChange, computedIn: upload)
        #expect(cache.lookup("k") == .fresh("new"))
        cache.store("k", body: "late", dependency: .anyChange, computedIn: before)
        #expect(cache.lookup("k") == .fresh("new"))
        #expect(await acknowledges(cache, upload))
    }

    @Test("a refresh that ends after a second upload is kept, stale by the second only")
    func refreshAcrossUploads() async throws {
        let fixture = try FootprintFixture()
        let cache = ResponseCache(timeToLive: Self.endless, staleWindow: Self.endless)
        cache.store("k", body: "old", dependency: .anyChange, computedIn: cache.currentEpoch)
        let first = cache.markStale(for: [fixture.footprint])
        let refreshStarted = cache.currentEpoch
        let second = cache.markStale(for: [fixture.footprint])
        cache.store("k", body: "with the first", dependency: .anyChange, computedIn: refreshStarted)
        #expect(await acknowledges(cache, first))
        #expect(cache.lookup("k") == .stale("with the first"))
        cache.store("k", body: "with both", dependency: .anyChange, computedIn: second)
        #expect(await acknowledges(cache, second))
        #expect(cache.lookup("k") == .fresh("with both"))
        // An answer that may lack an upload already acknowledged is not kept at all.
        cache.invalidateAll()
        let third = cache.currentEpoch
        _ = cache.markStale(for: [fixture.footprint])
        cache.store("new key", body: "lacks it", dependency: .anyChange, computedIn: third)
        #expect(cache.lookup("new key") == .missing)
    }

    @Test("an upload waits for every answer it staled, and one that staled none is acknowledged at once")
    func waiterForAnUpload() async throws {
        let fixture = try FootprintFixture()
        let cache = ResponseCache(timeToLive: Self.endless, staleWindow: Self.endless)
        let moore = ResponseCache.Dependency.search(try fixture.store.searchQuery("摩尔定律"), speakers: [])
        cache.store("moore", body: "kept", dependency: moore, computedIn: cache.currentEpoch)
        #expect(await acknowledges(cache, cache.markStale(for: [fixture.footprint])))
        for key in ["a", "b"] { cache.store(key, body: "old", dependency: .anyChange, computedIn: cache.currentEpoch) }
        let upload = cache.markStale(for: [fixture.footprint])
        let acknowledged = Mutexed(false)
        let waiter = Task {
            #expect(await acknowledges(cache, upload))
            acknowledged.update { $0 = true }
        }
        cache.store("a", body: "new", dependency: .anyChange, computedIn: upload)
        try await Task.sleep(for: .milliseconds(200))
        #expect(!acknowledged.value, "b is still stale")
        cache.store("b", body: "new", dependency: .anyChange, computedIn: upload)
        await waiter.value
        #expect(acknowledged.value)
    }

    @Test("an emptying acknowledges the uploads waiting: nothing stale is left")
    func emptyingAcknowledges() async throws {
        let fixture = try FootprintFixture()
        let cache = ResponseCache(timeToLive: Self.endless, staleWindow: Self.endless)
        cache.store("k", body: "old", dependency: .anyChange, computedIn: cache.currentEpoch)
        let upload = cache.markStale(for: [fixture.footprint])
        let waiter = Task { await acknowledges(cache, upload) }
        cache.invalidateAll()
        #expect(await waiter.value)
        #expect(cache.lookup("k") == .missing)
    }

    @Test("an answer past its time to live when its refresh gets a thread is dropped, and the upload acknowledged")
    func expiredBeforeRefresh() async throws {
        let fixture = try FootprintFixture()
        let cache = ResponseCache(timeToLive: .milliseconds(300), staleWindow: Self.endless)
        cache.store("k", body: "old", dependency: .anyChange, computedIn: cache.currentEpoch)
        let upload = cache.markStale(for: [fixture.footprint])
        // As on a machine so busy that the refresh waits longer than the answer lives.
        try await Task.sleep(for: .milliseconds(500))
        let computations = Mutexed(0)
        cache.refreshInBackground("k", compute: counted("new", by: computations))
        #expect(await acknowledges(cache, upload))
        #expect(computations.value == 0)
        #expect(cache.lookup("k") == .missing)
    }

    @Test("an answer past its time to live is not staled by an upload but dropped: the upload does not wait for it")
    func expiredNotStaled() async throws {
        let fixture = try FootprintFixture()
        let cache = ResponseCache(timeToLive: .milliseconds(300), staleWindow: Self.endless)
        cache.store("k", body: "old", dependency: .anyChange, computedIn: cache.currentEpoch)
        try await Task.sleep(for: .milliseconds(500))
        #expect(await acknowledges(cache, cache.markStale(for: [fixture.footprint])))
        #expect(cache.lookup("k") == .missing)
    }
}
