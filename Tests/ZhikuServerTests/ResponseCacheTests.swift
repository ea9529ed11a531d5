import Foundation
import Testing
import ZhikuCore

@testable import ZhikuServer

/// The cache keeps what a new document cannot change, and drops what it may.
@Suite("Response cache")
struct ResponseCacheTests {
    /// A store with two panels, and the footprint of a third document added afterwards.
    private func withFootprint(_ body: (Store, DocumentFootprint) throws -> Void) throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "zhiku-cache-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try Store(path: folder.appending(path: "cache.sqlite").path, opencc: OpenCC())
        let file = folder.appending(path: "new.txt")
        try "新的座談\n\n陳蜀傑：晶片的需求今年還會增加很多，伺服器也是。\n".write(to: file, atomically: true, encoding: .utf8)
        var stored: [StoreOutcome] = []
        Ingester(store: store, reader: DocumentReader(fold: store.fold)).ingest([.file(file.path)]) {
            stored += $0.outcomes
        }
        let id = try #require(stored.first?.documentID)
        try body(store, try store.footprint(ofDocument: id))
    }

    @Test("a footprint matches the words of the document in either script and regional form, and nothing else")
    func footprint() throws {
        try withFootprint { store, footprint in
            let matching = try ["芯片", "服务器", "需 增加", "的"].map(store.searchQuery)  // 晶片 = 芯片
            let other = try ["摩尔定律", "晶片 摩尔定律"].map(store.searchQuery)
            #expect(matching.allSatisfy(footprint.mayMatch))
            #expect(!other.contains(where: footprint.mayMatch))
            #expect(footprint.speakerIDs.count == 1)
        }
    }

    @Test("a new document evicts the answers it may change and keeps the others")
    func selectiveEviction() throws {
        try withFootprint { store, footprint in
            let cache = ResponseCache()
            let epoch = cache.currentEpoch
            cache.store(
                "chip", body: "1", dependency: .search(try store.searchQuery("芯片"), speakers: []), computedIn: epoch)
            cache.store(
                "moore", body: "2", dependency: .search(try store.searchQuery("摩尔定律"), speakers: []), computedIn: epoch)
            cache.store(
                "by-speaker", body: "3",
                dependency: .search(try store.searchQuery("摩尔定律"), speakers: footprint.speakerIDs), computedIn: epoch)
            cache.store("list", body: "4", dependency: .anyChange, computedIn: epoch)
            cache.invalidate(for: [footprint])
            #expect(cache.body(for: "chip") == nil)
            #expect(cache.body(for: "moore") == "2")
            #expect(cache.body(for: "by-speaker") == nil)
            #expect(cache.body(for: "list") == nil)
        }
    }

    @Test("an answer computed before an invalidation is not stored after it")
    func staleAnswer() {
        let cache = ResponseCache()
        let epoch = cache.currentEpoch
        cache.invalidateAll()
        cache.store("late", body: "old", dependency: .anyChange, computedIn: epoch)
        #expect(cache.body(for: "late") == nil)
    }

    @Test("the oldest answers leave first when the cache is full")
    func capacity() {
        let cache = ResponseCache(capacity: 2)
        for key in ["a", "b", "c"] {
            cache.store(key, body: key, dependency: .anyChange, computedIn: cache.currentEpoch)
        }
        #expect(cache.body(for: "a") == nil)
        #expect(cache.body(for: "b") == "b" && cache.body(for: "c") == "c")
    }

    @Test("misses of one key share a computation, but never one started before an invalidation")
    func sharedComputation() async throws {
        let cache = ResponseCache()
        let epoch = cache.currentEpoch
        let first = cache.flight(for: "k", epoch: epoch) { Task { ("one", .anyChange) } }
        let joined = cache.flight(for: "k", epoch: epoch) { Task { ("two", .anyChange) } }
        #expect(try await joined.value.0 == "one")
        cache.invalidateAll()
        let fresh = cache.flight(for: "k", epoch: cache.currentEpoch) { Task { ("three", .anyChange) } }
        #expect(try await fresh.value.0 == "three")
        cache.land("k", epoch: epoch)
        _ = try await first.value
    }
}
