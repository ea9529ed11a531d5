import Foundation
import ZhikuSQLite

/// A document's text and turns, read for a scan of the corpus.
struct ScanDocument: Sendable {
    let id: Int64
    let bytes: [UInt8]
    let turns: [(id: Int64, range: Range<Int>)]
}

extension Store {
    /// Calls `body` with the documents whose id is below `limit`, a batch of a few MB at a time (see
    /// ``scanBatchBytes``), in id order; documents without turns are left out.
    ///
    /// A database file is read on a thread of its own, through a connection of its own, while `body`
    /// runs on this thread: reading the corpus back is a tenth of a scan's work, which the thread
    /// that writes its results need not do. Call it inside a write transaction, before anything
    /// that it reads has changed in it: the reading connection sees what was last committed, and
    /// nobody else can commit until the transaction ends.
    func forEachScanBatch(below limit: Int64 = .max, _ body: ([ScanDocument]) throws -> Void) throws {
        guard isFileBacked else {
            return try Self.readScanBatches(connection, below: limit) { batch in
                try body(batch)
                return true
            }
        }
        let reader = ScanBatchReader(path: path, below: limit)
        defer { reader.stop() }
        while let batch = try reader.next() { try body(batch) }
    }

    /// Whether the database is a file that another connection can open (not an in-memory or a
    /// temporary database).
    var isFileBacked: Bool { !(path.isEmpty || path == ":memory:" || path.contains("mode=memory")) }

    /// Reads the documents below `limit` in batches, in id order, through `connection`; `deliver`
    /// returns false to stop early.
    fileprivate static func readScanBatches(
        _ connection: Connection, below limit: Int64, deliver: ([ScanDocument]) throws -> Bool
    ) throws {
        let documents = try connection.prepare("SELECT id, text FROM document WHERE id < ? ORDER BY id")
        let turns = try connection.prepare(
            "SELECT id, start_offset, end_offset FROM turn_span WHERE document_id = ? ORDER BY id")
        defer { try? documents.reset() }
        try documents.bind([limit])
        var batch: [ScanDocument] = []
        var batchBytes = 0
        while try documents.step() {
            let id = documents.columnInt64(0)
            var spans: [(id: Int64, range: Range<Int>)] = []
            try turns.bind([id])
            while try turns.step() {
                spans.append((turns.columnInt64(0), Int(turns.columnInt64(1))..<Int(turns.columnInt64(2))))
            }
            try turns.reset()
            guard !spans.isEmpty else { continue }
            let bytes = documents.withColumnText(1) { Array($0) }
            batchBytes += bytes.count
            batch.append(ScanDocument(id: id, bytes: bytes, turns: spans))
            if batchBytes >= scanBatchBytes {
                guard try deliver(batch) else { return }
                batch = []
                batchBytes = 0
            }
        }
        if !batch.isEmpty { _ = try deliver(batch) }
    }

    /// How many bytes of text a scan handles at a time: large enough to keep the matching threads
    /// busy while the mentions of the batch before are written, small enough to stay a few MB.
    static let scanBatchBytes = 4 << 20
}

/// Reads batches of a scan on its own thread and connection, at most ``capacity`` ahead of the
/// thread that takes them. Create it inside the write transaction that the scan is for (see
/// ``Store/forEachScanBatch(below:_:)``), and stop it when done.
final class ScanBatchReader: @unchecked Sendable {
    // @unchecked: `batches`, `finished`, `failure` and `stopping` are read and written only while
    // holding `condition`'s lock.
    private let condition = NSCondition()
    private var batches: [[ScanDocument]] = []
    private var finished = false
    private var failure: (any Error)?
    private var stopping = false
    /// Batches read ahead: one being matched, one to follow, so that the reader never holds back the
    /// scan and memory stays a few batches.
    private static let capacity = 2

    init(path: String, below limit: Int64) {
        let thread = Thread { [self] in
            // Reading ahead can wait; the thread that writes what the scan finds cannot.
            ThreadPriority.lowerForHelper()
            var failure: (any Error)?
            do {
                let connection = try Connection(path: path, mode: .readOnly)
                // One snapshot for every statement of the scan.
                try connection.execute("BEGIN")
                defer { try? connection.execute("COMMIT") }
                try Store.readScanBatches(connection, below: limit) { put($0) }
            } catch {
                failure = error
            }
            condition.lock()
            self.failure = failure
            finished = true
            condition.broadcast()
            condition.unlock()
        }
        thread.start()
    }

    /// Hands a batch over, waiting while the taker is ``capacity`` batches behind; false when the
    /// taker has stopped.
    private func put(_ batch: [ScanDocument]) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while batches.count >= Self.capacity && !stopping { condition.wait() }
        guard !stopping else { return false }
        batches.append(batch)
        condition.broadcast()
        return true
    }

    /// The next batch; nil when every batch has been taken. Rethrows what stopped the reading.
    func next() throws -> [ScanDocument]? {
        condition.lock()
        defer { condition.unlock() }
        while batches.isEmpty && !finished { condition.wait() }
        if !batches.isEmpty {
            condition.broadcast()
            return batches.removeFirst()
        }
        if let failure { throw failure }
        return nil
    }

    /// The next batch if one has been read already, else nil (whether or not more are to come).
    /// Rethrows what stopped the reading.
    func nextIfReady() throws -> [ScanDocument]? {
        condition.lock()
        defer { condition.unlock() }
        if !batches.isEmpty {
            condition.broadcast()
            return batches.removeFirst()
        }
        if let failure { throw failure }
        return nil
    }

    /// Stops reading and waits until the thread has closed its connection.
    func stop() {
        condition.lock()
        stopping = true
        condition.broadcast()
        while !finished { condition.wait() }
        condition.unlock()
    }
}
