import Foundation
import Testing
import ZhikuCore

@testable import ZhikuServer

/// The cache keeps what a new document cannot change, and marks stale what it may.
///
/// Answers live an hour here: under the whole suite, a test may wait for a thread between two of its
/// steps longer than the 30 s an answer lives in the server.
@Suite("Response cache")
struct ResponseCacheTests {
    @Test("a footprint matches the words of the document in either script and regional form, and nothing else")
    func footprint() throws {
        let fixture = try FootprintFixture()
        let matching = try ["芯片", "服务器", "需 增加", "的"].map(fixture.store.searchQuery)  // 晶片 = 芯片
        let other = try ["摩尔定律", "晶片 摩尔定律"].map(fixture.store.searchQuery)
        #expect(matching.allSatisfy(fixture.footprint.mayMatch))
        #expect(!other.contains(where: fixture.footprint.mayMatch))
        #expect(fixture.footprint.speakerIDs.count == 1)
    }

    @Test("a new document marks stale the answers it may change and leaves the others fresh")
    func selectiveStaleness() throws {
        let fixture = try FootprintFixture()
        let store = fixture.store
        let cache = ResponseCache(timeToLive: .seconds(3600), staleWindow: .seconds(3600))
        let epoch = cache.currentEpoch
        cache.store(
            "chip", body: "1", dependency: .search(try store.searchQuery("芯片"), speakers: []), computedIn: epoch)
        cache.store(
            "moore", body: "2", dependency: .search(try store.searchQuery("摩尔定律"), speakers: []), computedIn: epoch)
        cache.store(
            "by-speaker", body: "3",
            dependency: .mentions([try store.searchQuery("摩尔定律")], speakers: fixture.footprint.speakerIDs),
            computedIn: epoch)
        cache.store("list", body: "4", dependency: .anyChange, computedIn: epoch)
        _ = cache.markStale(for: [fixture.footprint])
        #expect(cache.lookup("chip") == .stale("1"))
        #expect(cache.lookup("moore") == .fresh("2"))
        #expect(cache.lookup("by-speaker") == .stale("3"))
        #expect(cache.lookup("list") == .stale("4"))
    }

    @Test("a search changes through a speaker of its hits only when the new document renames them")
    func renamedSpeakers() throws {
        let fixture = try FootprintFixture()
        #expect(fixture.footprint.renamedSpeakerIDs.isEmpty, "a new speaker had no name to change")
        // One document each way: the more recent form wins the tie.
        let renaming = try fixture.footprint(afterStoring: "另一場座談\n\n陈蜀杰：今年的预算会增加。\n", as: "b.txt")
        #expect(renaming.speakerIDs == fixture.footprint.speakerIDs)
        #expect(renaming.renamedSpeakerIDs == fixture.footprint.speakerIDs)
        let keeping = try fixture.footprint(afterStoring: "第三場座談\n\n陈蜀杰：明年也是这样。\n", as: "c.txt")
        #expect(keeping.speakerIDs == fixture.footprint.speakerIDs && keeping.renamedSpeakerIDs.isEmpty)
        let cache = ResponseCache(timeToLive: .seconds(3600), staleWindow: .seconds(3600))
        let moore = try fixture.store.searchQuery("摩尔定律")
        cache.store(
            "hits by 陳蜀傑", body: "1", dependency: .search(moore, speakers: fixture.footprint.speakerIDs),
            computedIn: cache.currentEpoch)
        cache.store(
            "listing", body: "2", dependency: .mentions([moore], speakers: fixture.footprint.speakerIDs),
            computedIn: cache.currentEpoch)
        _ = cache.markStale(for: [keeping])
        #expect(cache.lookup("hits by 陳蜀傑") == .fresh("1"))
        #expect(cache.lookup("listing") == .stale("2"), "a listing counts the speaker's turns")
        _ = cache.markStale(for: [renaming])
        #expect(cache.lookup("hits by 陳蜀傑") == .stale("1"))
    }

    @Test("an emptying drops everything, and an answer computed before it is not stored after it")
    func emptying() {
        let cache = ResponseCache(timeToLive: .seconds(3600))
        let epoch = cache.currentEpoch
        cache.store("early", body: "old", dependency: .anyChange, computedIn: epoch)
        cache.invalidateAll()
        cache.store("late", body: "old", dependency: .anyChange, computedIn: epoch)
        #expect(cache.lookup("early") == .missing)
        #expect(cache.lookup("late") == .missing)
    }

    @Test("the oldest answers leave first when the cache is full")
    func capacity() {
        let cache = ResponseCache(capacity: 2, timeToLive: .seconds(3600))
        for key in ["a", "b", "c"] {
            cache.store(key, body: key, dependency: .anyChange, computedIn: cache.currentEpoch)
        }
        #expect(cache.lookup("a") == .missing)
        #expect(cache.lookup("b") == .fresh("b") && cache.lookup("c") == .fresh("c"))
    }

    @Test("requests that miss together share one computation, which is kept")
    func sharedComputation() async throws {
        let cache = ResponseCache(timeToLive: .seconds(3600))
        let computations = Mutexed(0)
        let compute: ResponseCache.Computation = {
            computations.update { $0 += 1 }
            try await Task.sleep(for: .milliseconds(200))
            return ("one", .anyChange)
        }
        async let first = cache.answer(for: "k", compute: compute)
        async let second = cache.answer(for: "k", compute: compute)
        #expect(try await [first, second] == ["one", "one"])
        #expect(computations.value == 1)
        #expect(cache.lookup("k") == .fresh("one"))
    }

    @Test("a miss never joins a computation started before a change")
    func noJoiningAcrossChanges() async throws {
        let cache = ResponseCache(timeToLive: .seconds(3600))
        let epoch = cache.currentEpoch
        let first = cache.flights.miss("k", epoch: epoch) { Task { "one" } }
        let joined = cache.flights.miss("k", epoch: epoch) { Task { "two" } }
        #expect(try await joined.value == "one")
        cache.invalidateAll()
        let fresh = cache.flights.miss("k", epoch: cache.currentEpoch) { Task { "three" } }
        #expect(try await fresh.value == "three")
        cache.flights.land("k", epoch: epoch)
        _ = try await first.value
    }
}
