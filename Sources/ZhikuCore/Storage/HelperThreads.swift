import Foundation

/// A few threads at the helpers' priority (see ``ThreadPriority``) that run the work given to them,
/// in order, for as long as a writer needs them. The same threads throughout: a thread per piece of
/// work would each take memory of its own from the allocator, which keeps it.
final class HelperThreads: @unchecked Sendable {
    // @unchecked: `work`, `stopping` and `running` are read and written only while holding
    // `condition`'s lock.
    private let condition = NSCondition()
    private var work: [@Sendable () -> Void] = []
    private var stopping = false
    private var running: Int

    /// Starts `count` threads.
    init(count: Int) {
        running = count
        for _ in 0..<count {
            Thread { [self] in
                ThreadPriority.lowerForHelper()
                while let next = take() { next() }
                condition.lock()
                running -= 1
                condition.broadcast()
                condition.unlock()
            }.start()
        }
    }

    /// Runs `body` on one of the threads, after the work given before it.
    func run(_ body: @escaping @Sendable () -> Void) {
        condition.lock()
        work.append(body)
        condition.broadcast()
        condition.unlock()
    }

    /// The next piece of work; nil once stopping and none is left.
    private func take() -> (@Sendable () -> Void)? {
        condition.lock()
        defer { condition.unlock() }
        while work.isEmpty && !stopping { condition.wait() }
        return work.isEmpty ? nil : work.removeFirst()
    }

    /// Lets the threads finish the work given and end, and waits for them.
    func stop() {
        condition.lock()
        stopping = true
        condition.broadcast()
        while running > 0 { condition.wait() }
        condition.unlock()
    }
}
