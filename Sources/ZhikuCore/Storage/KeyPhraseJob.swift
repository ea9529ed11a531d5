import Foundation
import ZhikuSQLite

/// The corpus's key phrases (see ``Store/keyPhrases(reading:fold:)``) and their spellings (see
/// ``TopicSpellings``), worked out on a thread of its own through a read-only connection of its own,
/// while the store's thread goes on with other work.
final class KeyPhraseJob: @unchecked Sendable {
    /// The phrases, and the spellings of each.
    typealias Phrases = (phrases: [String], spellings: [Set<String>])

    // @unchecked: `result` is written once by the job's thread and read by others, always while
    // holding `condition`'s lock.
    private let condition = NSCondition()
    private var result: Result<Phrases, any Error>?

    /// Starts working out the key phrases of the database file at `path`, folded with `fold`, and
    /// their spellings in the other regions' vocabulary with `opencc`.
    init(path: String, fold: FoldTable, opencc: OpenCC) {
        let thread = Thread { [self] in
            // Beside the writer, which is what the corpus pass waits for.
            ThreadPriority.lowerForHelper()
            let result = Result { () throws -> Phrases in
                let phrases = try Store.keyPhrases(reading: Connection(path: path, mode: .readOnly), fold: fold)
                // Converted here rather than by the writer, which is busy writing the scan's mentions.
                let spellings = TopicSpellings.spellings(ofEach: phrases.map { ($0, []) }, fold: fold, opencc: opencc)
                return (phrases, spellings)
            }
            // The statistics' tables, tens of MB, while the scan that the job runs beside goes on.
            FreedMemory.release()
            condition.lock()
            self.result = result
            condition.broadcast()
            condition.unlock()
        }
        thread.start()
    }

    /// The phrases, if worked out by now; rethrows what stopped the job.
    func phrasesIfDone() throws -> Phrases? {
        condition.lock()
        defer { condition.unlock() }
        return try result?.get()
    }

    /// The phrases, once worked out; rethrows what stopped the job.
    func phrases() throws -> Phrases {
        condition.lock()
        defer { condition.unlock() }
        while result == nil { condition.wait() }
        return try result?.get() ?? ([], [])
    }
}
