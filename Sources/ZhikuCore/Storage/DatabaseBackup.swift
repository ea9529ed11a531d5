import Crypto
import Foundation
import ZhikuSQLite

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What a backup wrote.
public struct BackupResult: Sendable {
    /// The backup file.
    public let path: String
    /// Its size in bytes.
    public let bytes: Int
    /// The SHA-256 of the file, 64 lowercase hex digits.
    public let sha256: String
    /// Database pages copied.
    public let pages: Int
    /// Seconds the copy took (verification is timed in the report).
    public let copySeconds: Double
    /// The verification of the copy, which passed.
    public let report: VerificationReport
}

/// What a restore did.
public struct RestoreResult: Sendable {
    /// The database that was replaced.
    public let path: String
    /// Where the database it replaced was kept; nil if there was none.
    public let previousKeptAt: String?
    /// The verification of the restored copy, which passed.
    public let report: VerificationReport
}

/// Backup and restore of a Zhiku database file: each copies with SQLite's online backup API into a
/// temporary file beside its target, verifies the copy (``DatabaseVerification``), and only then
/// renames it into place, so the target is never a half-written or unverified file.
public enum DatabaseBackup {
    /// Copies the database at `source` to a new file at `destination`, consistent even while another
    /// process writes, verifies the copy and moves it into place.
    ///
    /// An existing `destination` is refused unless `replacing` (and then also while another process
    /// has it open, found with ``SharedMemoryProbe``, so this process must have no connection to it).
    /// The source is read on a read-only connection: if no connection had it open, SQLite leaves its
    /// empty `-wal` and `-shm` files beside it, as for any reader of a WAL database. If the copy fails verification it is
    /// removed, nothing is written at `destination`, and ``ZhikuError/verificationFailed(path:report:)``
    /// names the failed checks.
    public static func backup(
        _ source: String, to destination: String, replacing: Bool = false, busyTimeout: Double = 5
    ) throws -> BackupResult {
        guard FileManager.default.fileExists(atPath: source) else { throw ZhikuError.noSuchFile(path: source) }
        if FileManager.default.fileExists(atPath: destination) {
            guard replacing else { throw ZhikuError.destinationExists(path: destination) }
            if isSameFile(source, destination) {
                throw ZhikuError.invalidArgument("\(destination) is the database itself; back it up to another file")
            }
            if SharedMemoryProbe.otherProcessesHaveOpen(databaseAt: destination) {
                throw ZhikuError.databaseInUse(path: destination, detail: "another process has it open")
            }
            // A log left beside an old file at that name would be applied to the new file when it opens.
            if fileSize(destination + "-wal") > 0 {
                throw ZhikuError.databaseInUse(
                    path: destination, detail: "\(destination)-wal, its write-ahead log, is not empty")
            }
        }
        try requireFolder(of: destination)
        let temporary = temporaryPath(beside: destination, purpose: "backup")
        defer { removeDatabaseFiles(temporary) }
        let (summary, seconds) = try copy(source, to: temporary, busyTimeout: busyTimeout)
        let report = try verifiedCopy(temporary, of: source, busyTimeout: busyTimeout)
        let sha256 = try SHA256.hexDigest(ofFileAt: temporary)
        let bytes = fileSize(temporary)
        try moveIntoPlace(temporary, at: destination, replacing: replacing)
        return BackupResult(
            path: destination, bytes: bytes, sha256: sha256, pages: summary.pages, copySeconds: seconds,
            report: report.attributed(to: destination))
    }

    /// Replaces the database at `live` with a verified copy of `source`.
    ///
    /// `source` is copied beside `live` and verified first; if it fails, `live` is untouched and
    /// ``ZhikuError/verificationFailed(path:report:)`` names the failed checks. Then `live` is
    /// checkpointed (its write-ahead log emptied, so that no stale log is applied to the new file),
    /// kept under a second name (`live.before-restore-<UTC time>`, a hard link, or a copy where links
    /// are not possible), and the copy is renamed over it: at every moment `live` is either the old or
    /// the new database. Other processes must close `live` first (one that kept the old file open
    /// would go on writing the old file's log under the new file's name): restore refuses while
    /// ``SharedMemoryProbe`` sees one. This process must have no connection to `live` either: the
    /// probe's descriptor would drop its locks when it closes, and its checkpoint would not be final.
    public static func restore(
        _ source: String, over live: String, busyTimeout: Double = 5, now: Date = Date()
    ) throws -> RestoreResult {
        guard FileManager.default.fileExists(atPath: source) else { throw ZhikuError.noSuchFile(path: source) }
        if FileManager.default.fileExists(atPath: live), isSameFile(source, live) {
            throw ZhikuError.invalidArgument("\(source) is the live database itself; nothing to restore")
        }
        try requireFolder(of: live)
        let temporary = temporaryPath(beside: live, purpose: "restore")
        defer { removeDatabaseFiles(temporary) }
        _ = try copy(source, to: temporary, busyTimeout: busyTimeout, asFinished: true)
        let report = try verifiedCopy(temporary, of: source, busyTimeout: busyTimeout)

        var kept: String?
        if FileManager.default.fileExists(atPath: live) {
            try checkpoint(live, busyTimeout: busyTimeout)
            let keptPath = uniquePath(live + ".before-restore-" + timestamp(now))
            try keep(live, at: keptPath)
            kept = keptPath
        }
        try moveIntoPlace(temporary, at: live, replacing: true)
        return RestoreResult(path: live, previousKeptAt: kept, report: report.attributed(to: source))
    }

    /// Copies `source` into a new file at `temporary` with the backup API; returns what was copied and
    /// how long it took.
    ///
    /// With `asFinished` (a backup file to restore), a source with no log or journal beside it is read
    /// as an immutable file: a read-only connection to a WAL-mode file would otherwise leave an empty
    /// log and index beside the user's backup, and no other process is writing a finished backup.
    private static func copy(_ source: String, to temporary: String, busyTimeout: Double, asFinished: Bool = false)
        throws -> (BackupSummary, Double)
    {
        let started = Date()
        let quiet = ["-wal", "-journal"].allSatisfy { !FileManager.default.fileExists(atPath: source + $0) }
        do {
            // Read-only: a backup never changes the database it copies (nor creates one that is missing).
            let path = asFinished && quiet ? immutableURI(source) : source
            let connection = try Connection(path: path, mode: .readOnly, busyTimeout: busyTimeout)
            let summary = try connection.backup(to: temporary, busyTimeout: busyTimeout)
            return (summary, Date().timeIntervalSince(started))
        } catch let error as SQLiteError where error.isNotADatabase {
            throw ZhikuError.notADatabase(path: source)
        }
    }

    /// Verifies the copy at `temporary`; throws, naming `source`, if any check fails.
    private static func verifiedCopy(_ temporary: String, of source: String, busyTimeout: Double) throws
        -> VerificationReport
    {
        let report: VerificationReport
        do {
            report = try DatabaseVerification.verify(path: temporary, busyTimeout: busyTimeout)
        } catch ZhikuError.notADatabase {
            throw ZhikuError.notADatabase(path: source)
        }
        guard report.passed else {
            throw ZhikuError.verificationFailed(path: source, report: report.attributed(to: source))
        }
        // Verification's read-only connection leaves an empty log and index beside the copy; they
        // must not travel with it, and nothing in them is needed (the writer that ran FTS5's check
        // checkpointed on closing).
        guard fileSize(temporary + "-wal") == 0 else {
            throw ZhikuError.fileOperationFailed(
                path: temporary, detail: "the verified copy has a write-ahead log that is not empty")
        }
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: temporary + suffix) }
        return report
    }

    /// Empties the write-ahead log of the database at `path` into the file, so that the file alone is
    /// the whole database. Fails if another process keeps the log from being checkpointed.
    private static func checkpoint(_ path: String, busyTimeout: Double) throws {
        do {
            let connection = try Connection(path: path, mode: .readWrite, busyTimeout: busyTimeout)
            // TRUNCATE waits (up to the busy timeout) for readers and writers, copies every frame into
            // the file and empties the log; its first column is 1 if it could not finish.
            let busy = try connection.queryFirst("PRAGMA wal_checkpoint(TRUNCATE)")?.int(0) ?? 0
            if busy != 0 {
                throw ZhikuError.databaseInUse(path: path, detail: "its write-ahead log could not be checkpointed")
            }
        } catch let error as SQLiteError where error.isNotADatabase {
            // A damaged database is what a restore is for: there is nothing to checkpoint in it.
        } catch let error as SQLiteError where error.isBusy {
            throw ZhikuError.databaseInUse(path: path, detail: "it stayed locked for \(busyTimeout) s")
        }
        // Closed above: the last connection to close removes the log. A process that still has the
        // file open would go on writing the old file's log, which the new file would then read.
        if SharedMemoryProbe.otherProcessesHaveOpen(databaseAt: path) {
            throw ZhikuError.databaseInUse(path: path, detail: "another process has it open")
        }
        if fileSize(path + "-wal") > 0 {
            throw ZhikuError.databaseInUse(path: path, detail: "\(path)-wal, its write-ahead log, is not empty")
        }
    }

    /// Keeps the file at `path` under the name `kept` as well: a hard link, or a copy where the file
    /// system has none.
    private static func keep(_ path: String, at kept: String) throws {
        if link(path, kept) == 0 { return }
        do {
            try FileManager.default.copyItem(atPath: path, toPath: kept)
        } catch {
            throw ZhikuError.fileOperationFailed(path: path, detail: "cannot keep a copy at \(kept): \(error)")
        }
    }

    /// Renames `temporary` to `target` (rename(2) replaces atomically). Without `replacing`, a hard link
    /// makes the new name instead, which fails rather than replace a file made there meanwhile.
    private static func moveIntoPlace(_ temporary: String, at target: String, replacing: Bool) throws {
        if !replacing {
            if link(temporary, target) == 0 {
                unlink(temporary)
                return
            }
            let error = errno
            if error == EEXIST { throw ZhikuError.destinationExists(path: target) }
            // No hard links on this file system: fall back to checking and renaming.
            if FileManager.default.fileExists(atPath: target) { throw ZhikuError.destinationExists(path: target) }
        }
        guard rename(temporary, target) == 0 else {
            throw ZhikuError.fileOperationFailed(
                path: target, detail: "cannot move \(temporary) into place: \(String(cString: strerror(errno)))")
        }
    }

    /// A new file name in the directory of `path`, hidden and named for its purpose, so that a copy
    /// left by a crash is recognisable; the same directory, so that the final rename is atomic.
    private static func temporaryPath(beside path: String, purpose: String) -> String {
        let url = URL(fileURLWithPath: path)
        let name = ".\(url.lastPathComponent).\(purpose)-\(UUID().uuidString.prefix(8).lowercased())"
        return url.deletingLastPathComponent().appending(path: name).path
    }

    /// Fails, naming `path`, if the folder it would be written in does not exist.
    private static func requireFolder(of path: String) throws {
        var isFolder: ObjCBool = false
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            throw ZhikuError.fileOperationFailed(path: path, detail: "the folder \(folder) does not exist")
        }
    }

    /// `path` itself if no file has that name, else `path-2`, `path-3` ….
    private static func uniquePath(_ path: String) -> String {
        var candidate = path
        var number = 2
        while FileManager.default.fileExists(atPath: candidate) {
            candidate = "\(path)-\(number)"
            number += 1
        }
        return candidate
    }

    private static func timestamp(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        return formatter.string(from: date)
    }

    /// An SQLite URI that opens the file at `path` as immutable: no locks, no log, no index file.
    /// See <https://www.sqlite.org/uri.html>.
    private static func immutableURI(_ path: String) -> String {
        var escaped = ""
        for character in URL(fileURLWithPath: path).standardizedFileURL.path {
            switch character {
            case "%": escaped += "%25"
            case "?": escaped += "%3f"
            case "#": escaped += "%23"
            default: escaped.append(character)
            }
        }
        return "file:" + escaped + "?mode=ro&immutable=1"
    }

    /// Removes a database file and the journal, log and index files SQLite may have made beside it.
    private static func removeDatabaseFiles(_ path: String) {
        for suffix in ["", "-journal", "-wal", "-shm"] {
            try? FileManager.default.removeItem(atPath: path + suffix)
        }
    }

    private static func fileSize(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
    }

    /// Whether two paths name the same file (the same device and inode).
    private static func isSameFile(_ first: String, _ second: String) -> Bool {
        var a = stat()
        var b = stat()
        guard stat(first, &a) == 0, stat(second, &b) == 0 else { return false }
        return a.st_dev == b.st_dev && a.st_ino == b.st_ino
    }
}
