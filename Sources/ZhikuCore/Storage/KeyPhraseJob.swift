import Foundation
import ZhikuSQLite

/// The corpus's key phrases (see ``Store/keyPhrases(reading:fold:)``), worked out on a thread of its
/// own through a read-only connection of its own, while the store's thread goes on with other work.
final class KeyPhraseJob: @unchecked Sendable {
    // @unchecked: `result` is written once by the job's thread and read by others, always while
    // holding `condition`'s lock.
    private let condition = NSCondition()
    private var result: Result<[String], any Error>?

    /// Starts working out the key phrases of the database file at `path`, folded with `fold`.
    init(path: String, fold: FoldTable) {
        let thread = Thread { [self] in
            let result = Result {
                try Store.keyPhrases(reading: Connection(path: path, mode: .readOnly), fold: fold)
            }
            condition.lock()
            self.result = result
            condition.broadcast()
            condition.unlock()
        }
        thread.start()
    }

    /// The phrases, if worked out by now; rethrows what stopped the job.
    func phrasesIfDone() throws -> [String]? {
        condition.lock()
        defer { condition.unlock() }
        return try result?.get()
    }

    /// The phrases, once worked out; rethrows what stopped the job.
    func phrases() throws -> [String] {
        condition.lock()
        defer { condition.unlock() }
        while result == nil { condition.wait() }
        return try result?.get() ?? []
    }
}
