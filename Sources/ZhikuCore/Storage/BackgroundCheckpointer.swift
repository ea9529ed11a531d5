import Foundation
import ZhikuSQLite

/// Copies the write-ahead log into the database file on its own thread and connection while a bulk
/// load writes, instead of in the middle of the writer's commits: the writer's connection runs no
/// automatic checkpoints meanwhile. A passive checkpoint never blocks the writer, and once it has
/// copied every frame, the writer starts the log over at its next transaction.
/// See <https://www.sqlite.org/wal.html#checkpointing>.
final class BackgroundCheckpointer: @unchecked Sendable {
    // @unchecked: `stopping` and `stopped` are read and written only while holding `condition`'s lock.
    private let condition = NSCondition()
    private var stopping = false
    private var stopped = false

    /// Starts checkpointing the database at `path`.
    init(path: String) {
        let thread = Thread { [self] in
            // Copying the log can wait; the writer's commits cannot.
            ThreadPriority.lowerForHelper()
            // A connection that fails to open checkpoints nothing: the writer's final checkpoint,
            // or the next one, moves the log then.
            let connection = try? Connection(path: path, mode: .readWrite)
            condition.lock()
            while !stopping {
                condition.unlock()
                let caughtUp = Self.checkpoint(connection)
                condition.lock()
                // Caught up: wait for the writer to add to the log.
                if caughtUp && !stopping { _ = condition.wait(until: Date(timeIntervalSinceNow: Self.pause)) }
            }
            stopped = true
            condition.broadcast()
            condition.unlock()
        }
        thread.start()
    }

    /// How long to wait after catching up with the log: a page that the writer changes again and
    /// again is copied once per checkpoint, so checkpoints are a few hundred MB of writing apart.
    private static let pause: TimeInterval = 0.5

    /// Stops checkpointing and waits for the thread to end.
    func stop() {
        condition.lock()
        stopping = true
        condition.broadcast()
        while !stopped { condition.wait() }
        condition.unlock()
    }

    /// Runs one passive checkpoint; whether every frame of the log is in the file now (or nothing
    /// could be done, which waiting will not change soon either).
    private static func checkpoint(_ connection: Connection?) -> Bool {
        guard let connection, let row = try? connection.queryFirst("PRAGMA wal_checkpoint(PASSIVE)") else {
            return true
        }
        // (busy, frames in the log, frames checkpointed)
        guard let frames = try? row.int(1), let copied = try? row.int(2) else { return true }
        return copied >= frames
    }
}
