import Foundation
import ZhikuCore

/// Threads that each own one ``Store`` and run the jobs given to them, so that SQLite's blocking calls
/// never run on an event loop or on Swift's cooperative pool.
///
/// A `Store` belongs to one thread (it is not Sendable): each worker thread opens its own on the
/// same file. Readers and the writer are separate pools; in WAL mode a reader never waits for the writer.
final class StoreWorkers: @unchecked Sendable {
    // @unchecked: `jobs` and `stopping` are only touched with `condition` locked; the stores never
    // leave their threads.
    private let condition = NSCondition()
    private var jobs: [(Store) -> Void] = []
    private var stopping = false
    private var running = 0

    /// Starts `count` threads, each with a store opened on `path`; throws the first opening error.
    init(path: String, count: Int, opencc: OpenCC, name: String) throws {
        let opened = DispatchSemaphore(value: 0)
        let failure = Mutexed<(any Error)?>(nil)
        for index in 0..<count {
            let thread = Thread { [self] in
                let store: Store
                do {
                    store = try Store(path: path, opencc: opencc)
                } catch {
                    failure.update { $0 = $0 ?? error }
                    opened.signal()
                    return
                }
                opened.signal()
                work(store)
            }
            thread.name = "\(name)-\(index)"
            // Deep enough for the parser's recursion on long documents.
            thread.stackSize = 8 << 20
            thread.start()
        }
        for _ in 0..<count { opened.wait() }
        if let error = failure.value {
            stop()
            throw error
        }
    }

    /// Runs `body` on one of the threads with its store, and returns what it returns.
    func run<T: Sendable>(_ body: @escaping @Sendable (Store) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            condition.lock()
            guard !stopping else {
                condition.unlock()
                continuation.resume(throwing: CancellationError())
                return
            }
            jobs.append { store in continuation.resume(with: Result { try body(store) }) }
            condition.signal()
            condition.unlock()
        }
    }

    /// Lets the threads finish the jobs already given, then end.
    func stop() {
        condition.lock()
        stopping = true
        condition.broadcast()
        condition.unlock()
    }

    private func work(_ store: Store) {
        while true {
            condition.lock()
            while jobs.isEmpty && !stopping { condition.wait() }
            if jobs.isEmpty {
                condition.unlock()
                return
            }
            let job = jobs.removeFirst()
            condition.unlock()
            job(store)
        }
    }
}

/// A value behind a lock, for the few places where threads share one.
final class Mutexed<Value>: @unchecked Sendable {
    // @unchecked: `stored` is only read or written with `lock` held.
    private let lock = NSLock()
    private var stored: Value

    init(_ value: Value) {
        stored = value
    }

    /// The current value.
    var value: Value {
        lock.lock()
        defer { lock.unlock() }
        return stored
    }

    /// Changes the value in place.
    func update<T>(_ body: (inout Value) throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body(&stored)
    }
}
