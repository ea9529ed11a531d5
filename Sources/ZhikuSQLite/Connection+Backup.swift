import CSQLite
import Foundation

/// What one online backup copied.
public struct BackupSummary: Sendable, Equatable {
    /// The number of database pages copied.
    public let pages: Int
    /// The size of one page in bytes.
    public let pageSize: Int
}

extension Connection {
    /// Copies this connection's main database into a new database file at `path`, with SQLite's
    /// online backup API; the copy is one consistent snapshot even while other processes write.
    ///
    /// The file at `path` is created (or overwritten) in rollback-journal mode with the source's page
    /// size; on an error it may be left half-written, so write to a temporary path and rename.
    /// Attempts that find the source or the copy locked are retried for `busyTimeout` seconds.
    /// See <https://www.sqlite.org/backup.html> and <https://www.sqlite.org/c3ref/backup_finish.html>.
    public func backup(to path: String, busyTimeout: Double = 5) throws -> BackupSummary {
        var destination: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        let openCode = sqlite3_open_v2(path, &destination, flags, nil)
        defer { sqlite3_close_v2(destination) }
        guard openCode == SQLITE_OK, let destination else {
            let error = SQLiteError.from(
                destination, code: openCode == SQLITE_OK ? SQLITE_CANTOPEN : openCode, sql: nil)
            throw SQLiteError(code: error.code, message: "cannot create \(path): \(error.message)")
        }
        sqlite3_extended_result_codes(destination, 1)
        guard let backup = sqlite3_backup_init(destination, "main", handle, "main") else {
            // The error of a failed init is left on the destination connection.
            let error = SQLiteError.from(destination, code: sqlite3_errcode(destination), sql: nil)
            throw SQLiteError(code: error.code, message: "cannot back up \(self.path): \(error.message)")
        }
        // The whole database in one step (-1) rather than in chunks: each step holds a read transaction
        // on the source for its duration, so one step copies one snapshot. In WAL mode that read
        // transaction does not block writers (they append to the WAL, which is only checkpointed past
        // our snapshot afterwards), whereas a chunked backup restarts from page 1 whenever another
        // process commits between two chunks, and under a steady ingest may never finish.
        let deadline = Date().addingTimeInterval(max(0, busyTimeout.isFinite ? busyTimeout : 86_400))
        var code = sqlite3_backup_step(backup, -1)
        while code & 0xFF == SQLITE_BUSY || code & 0xFF == SQLITE_LOCKED, Date() < deadline {
            // BUSY: another connection holds a lock the snapshot needs (WAL recovery, a checkpoint
            // restarting the log); LOCKED: the same process is writing. Both pass; step again.
            usleep(20_000)
            code = sqlite3_backup_step(backup, -1)
        }
        let pages = Int(sqlite3_backup_pagecount(backup))
        // finish releases the backup whatever happened and reports the step's error, if any.
        let finishCode = sqlite3_backup_finish(backup)
        guard code == SQLITE_DONE, finishCode == SQLITE_OK else {
            let failed = code == SQLITE_DONE ? finishCode : code
            let message =
                failed & 0xFF == SQLITE_NOTADB
                ? "\(self.path) is not a SQLite database"
                : "backup of \(self.path) to \(path) failed: \(SQLiteError.from(destination, code: failed, sql: nil).message)"
            throw SQLiteError(code: failed, message: message)
        }
        let pageSize = try queryFirst("PRAGMA page_size")?.int(0) ?? 0
        return BackupSummary(pages: pages, pageSize: pageSize)
    }
}
