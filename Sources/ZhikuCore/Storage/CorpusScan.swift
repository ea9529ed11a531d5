import Dispatch
import Foundation
import Synchronization
import ZhikuSQLite

extension Store {
    /// Calls `body` with (document id, turn id, start offset, text) of every `every`-th turn, reading
    /// each document's text once, straight from SQLite's bytes: cutting turns out of it in SQL would
    /// rescan it for every turn. `connection` is this store's, or another of the same file.
    static func forEachTurn(
        in connection: Connection, speakersOnly: Bool, every stride: Int,
        _ body: (Int64, Int64, Int, ArraySlice<Unicode.Scalar>) throws -> Void
    ) throws {
        let turns = try connection.prepare(
            """
            SELECT id, start_offset, end_offset FROM turn_span
            WHERE document_id = ?1 AND (?2 = 0 OR speaker_id IS NOT NULL) AND id % ?3 = 0 ORDER BY id
            """)
        let documents = try connection.prepare("SELECT id, text FROM document ORDER BY id")
        defer { try? documents.reset() }
        while try documents.step() {
            let documentID = documents.columnInt64(0)
            var spans: [(id: Int64, range: Range<Int>)] = []
            try turns.bind([documentID, speakersOnly, stride])
            defer { try? turns.reset() }
            while try turns.step() {
                spans.append((turns.columnInt64(0), Int(turns.columnInt64(1))..<Int(turns.columnInt64(2))))
            }
            guard !spans.isEmpty else { continue }
            let scalars = documents.withColumnText(1) { StoredText.scalars($0) }
            for span in spans {
                let range = span.range.clamped(to: 0..<scalars.count)
                try body(documentID, span.id, range.lowerBound, scalars[range])
            }
        }
    }

    /// Topics that join a scan after it has begun: the matcher to scan with from then on, and one of
    /// the joining topics alone, for the documents scanned before.
    typealias JoiningTopics = (all: TopicMatcher, joining: TopicMatcher)

    /// Finds the mentions of the topics in `matcher` in every turn of the documents below `limit`:
    /// one pass over the corpus, for many new topics at once. Documents are read a batch at a time
    /// (see ``forEachScanBatch(below:_:)``); each batch is decoded, folded and matched on every core
    /// while this thread writes the mentions of the batch before.
    ///
    /// `joining` is asked, before each batch until it gives them, for topics that join the scan
    /// (nil: none yet). They are looked for with the others from that batch on, and in the documents
    /// scanned before by a second pass, which reads and matches them alongside the rest of the first
    /// (a database file) or after it. Returns whether topics joined.
    @discardableResult
    func indexMentionsByScanning(
        _ matcher: TopicMatcher, below limit: Int64 = .max,
        joining: (_ current: TopicMatcher) throws -> JoiningTopics? = { _ in nil }
    ) throws -> Bool {
        guard matcher.topicCount > 0 else { return false }
        let statements = try writeStatements()
        let fold = self.fold
        var matcher = matcher.compacted()
        let helpers = HelperThreads(count: ProcessInfo.processInfo.activeProcessorCount)
        defer { helpers.stop() }
        // Jobs matching on other threads, written in the order they were made, the newest left to
        // match while the others are written.
        var jobs: [ScanJob] = []
        // The joining topics alone, the documents scanned before them, and a reader of those when
        // it can run alongside.
        var rescan: (matcher: TopicMatcher, below: Int64, reader: ScanBatchReader?)?
        defer { rescan?.reader?.stop() }

        func write(keeping matching: Int) throws {
            while jobs.count > matching {
                try statements.insert(
                    mentions: jobs.removeFirst().wait().flatMap { turn, mentions in
                        mentions.map { (topic: $0.topicID, turn: turn, range: $0.range) }
                    })
            }
        }
        func submit(_ batch: [ScanDocument], _ matcher: TopicMatcher) throws {
            jobs.append(ScanJob(batch, matcher: matcher, fold: fold, on: helpers))
            try write(keeping: 1)
        }
        try forEachScanBatch(below: limit) { batch in
            guard let first = batch.first else { return }
            if rescan == nil, let joined = try joining(matcher) {
                matcher = joined.all.compacted()
                let alongside = isFileBacked && joined.joining.topicCount > 0
                rescan = (
                    joined.joining.compacted(), first.id, alongside ? ScanBatchReader(path: path, below: first.id) : nil
                )
            }
            try submit(batch, matcher)
            if let rescan, let reader = rescan.reader, let earlier = try reader.nextIfReady() {
                try submit(earlier, rescan.matcher)
            }
        }
        if let rescan, rescan.matcher.topicCount > 0 {
            if let reader = rescan.reader {
                while let earlier = try reader.next() { try submit(earlier, rescan.matcher) }
            } else {
                try forEachScanBatch(below: rescan.below) { try submit($0, rescan.matcher) }
            }
        }
        try write(keeping: 0)
        return rescan != nil
    }
}

extension Store {
    /// The page cache of a scan's transaction (`PRAGMA cache_size`, negative: KiB). A scan writes
    /// millions of mentions, each into two B-trees, the one by topic at random places: a cache that
    /// holds them (62 MB for the 100 MB corpus) keeps each page until the commit writes it once,
    /// where SQLite's default of 2 MB spills pages to the log and reads them back (100 MB corpus:
    /// 2.4 s of the writer's time instead of 1.9 s).
    static let scanPageCache = -65536

    /// Runs `body`, a transaction that may scan the corpus, with the page cache of a scan; the
    /// connection's own size is set back afterwards.
    func withScanPageCache<T>(_ body: () throws -> T) throws -> T {
        let pageCache = try connection.queryFirst("PRAGMA cache_size")?.int(0) ?? -2000
        try connection.execute("PRAGMA cache_size = \(Self.scanPageCache)")
        defer { try? connection.execute("PRAGMA cache_size = \(pageCache)") }
        return try body()
    }
}

/// The matching of one batch of a scan, running on helper threads (see ``HelperThreads``: the thread
/// that writes the mentions is what the scan waits for) until ``wait()`` returns its mentions: (turn
/// id, mentions in document offsets), in the batch's turn order.
private final class ScanJob: Sendable {
    private let group = DispatchGroup()
    private let found: Mutex<[[(Int64, [(topicID: Int64, range: Range<Int>)])]]>

    init(_ documents: [ScanDocument], matcher: TopicMatcher, fold: FoldTable, on helpers: HelperThreads) {
        found = Mutex(Array(repeating: [], count: documents.count))
        let parts = max(1, min(ProcessInfo.processInfo.activeProcessorCount, documents.count))
        for part in 0..<parts {
            group.enter()
            helpers.run { [self] in
                for index in stride(from: part, to: documents.count, by: parts) {
                    let mentions = Self.match(documents[index], matcher: matcher, fold: fold)
                    found.withLock { $0[index] = mentions }
                }
                group.leave()
            }
        }
    }

    func wait() -> [(Int64, [(topicID: Int64, range: Range<Int>)])] {
        group.wait()
        return found.withLock { $0.flatMap { $0 } }
    }

    private static func match(
        _ document: ScanDocument, matcher: TopicMatcher, fold: FoldTable
    ) -> [(Int64, [(topicID: Int64, range: Range<Int>)])] {
        var folded = document.bytes.withUnsafeBufferPointer { StoredText.scalars($0) }
        for offset in folded.indices { folded[offset] = fold.fold(folded[offset]) }
        var mentions: [(Int64, [(topicID: Int64, range: Range<Int>)])] = []
        for turn in document.turns {
            let range = turn.range.clamped(to: 0..<folded.count)
            let inTurn = matcher.mentions(in: folded[range])
            guard !inTurn.isEmpty else { continue }
            mentions.append(
                (
                    turn.id,
                    inTurn.map {
                        (
                            $0.topicID,
                            (range.lowerBound + $0.range.lowerBound)..<(range.lowerBound + $0.range.upperBound)
                        )
                    }
                ))
        }
        return mentions
    }
}
