import Foundation
import ZhikuSQLite

/// The size of one database file and of the tables in it, measured after compaction.
struct DatabaseSize {
    /// How the table sizes were measured.
    enum Method: String {
        /// Pages per table from the `dbstat` virtual table: the space each table takes in the file.
        case dbstat = "dbstat pages"
        /// `sum(length(block))` of each FTS5 `_data` table only, where SQLite lacks `dbstat`.
        case dataBlocks = "FTS5 _data block bytes"
    }

    /// The bytes of the main database file (its WAL is empty after the truncating checkpoint).
    let fileBytes: Int64
    /// The bytes of each table and index, largest first.
    let objects: [(name: String, bytes: Int64)]
    /// How ``objects`` was measured.
    let method: Method

    /// The bytes of the objects whose name is one of `names`.
    func bytes(of names: [String]) -> Int64 {
        objects.filter { names.contains($0.name) }.reduce(0) { $0 + $1.bytes }
    }

    /// The bytes of every object whose name starts with `prefix`.
    func bytes(prefixed prefix: String) -> Int64 {
        objects.filter { $0.name.hasPrefix(prefix) }.reduce(0) { $0 + $1.bytes }
    }
}

/// Compacts a database and measures it, the same way for A and B.
enum IndexSize {
    /// Moves the WAL into the file and rebuilds the file without free pages.
    ///
    /// VACUUM in WAL mode writes the new file through the WAL, so a second checkpoint is what
    /// actually brings the main file to its final size.
    static func compact(_ connection: Connection) throws {
        try connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        try connection.execute("VACUUM")
        try connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    }

    /// The file size and the size of each table; `ftsTables` are the FTS5 tables whose `_data` is
    /// measured when `dbstat` is missing.
    static func measure(_ connection: Connection, ftsTables: [String]) throws -> DatabaseSize {
        let attributes = try FileManager.default.attributesOfItem(atPath: connection.path)
        let fileBytes = (attributes[.size] as? NSNumber)?.int64Value ?? 0
        if hasDBStat(connection) {
            let rows = try connection.query(
                "SELECT name, sum(pgsize) FROM dbstat GROUP BY name ORDER BY sum(pgsize) DESC, name")
            return DatabaseSize(
                fileBytes: fileBytes, objects: try rows.map { (try $0.string(0), try $0.int64(1)) }, method: .dbstat)
        }
        var objects: [(name: String, bytes: Int64)] = []
        for table in ftsTables {
            // The name comes from this program, never from input, so splicing it is safe.
            let bytes = try connection.queryFirst("SELECT coalesce(sum(length(block)), 0) FROM \(table)_data")?.int64(0)
            objects.append(("\(table)_data", bytes ?? 0))
        }
        return DatabaseSize(fileBytes: fileBytes, objects: objects, method: .dataBlocks)
    }

    /// Whether this SQLite was compiled with the `dbstat` virtual table (SQLITE_ENABLE_DBSTAT_VTAB).
    /// See <https://www.sqlite.org/dbstat.html>.
    static func hasDBStat(_ connection: Connection) -> Bool {
        do {
            _ = try connection.queryFirst("SELECT * FROM dbstat LIMIT 1")
            return true
        } catch {
            // "no such table: dbstat": this SQLite was built without it.
            return false
        }
    }
}
