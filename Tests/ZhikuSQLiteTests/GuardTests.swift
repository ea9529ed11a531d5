import Foundation
import Testing
import ZhikuSQLite

/// SQL typed by users runs read-only and bounded in time.
@Suite("Read-only guard and time limit")
struct GuardTests {
    /// A database file with one table, and a read-only guarded connection to it.
    private func withGuardedDatabase(_ body: (Connection, Connection, String) throws -> Void) throws {
        try withTemporaryDatabasePath { path in
            let writer = try Connection(path: path)
            try writer.execute("CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (1), (2), (3);")
            let reader = try Connection(path: path, mode: .readOnly)
            reader.allowOnlyReading()
            try body(reader, writer, path)
        }
    }

    /// Everything the file holds, as the sqlite3 shell's `.dump` would compare it.
    private func contents(_ connection: Connection) throws -> String {
        let schema = try connection.query("SELECT sql FROM sqlite_master ORDER BY name").map { try $0.string(0) }
        let rows = try connection.query("SELECT x FROM t ORDER BY x").map { String(try $0.int64(0)) }
        let version = try connection.userVersion()
        return (schema + rows + [String(version)]).joined(separator: "|")
    }

    @Test(
        "statements that write, attach, change settings or load code are refused",
        arguments: [
            "DELETE FROM t", "DROP TABLE t", "INSERT INTO t VALUES (4)", "UPDATE t SET x = 0",
            "CREATE TABLE u (y)", "ALTER TABLE t ADD COLUMN y", "ATTACH DATABASE ':memory:' AS other",
            "PRAGMA writable_schema = 1", "PRAGMA user_version = 7", "SELECT load_extension('libevil')",
            "CREATE INDEX t_x ON t(x)", "ANALYZE",
        ])
    func refused(sql: String) throws {
        try withGuardedDatabase { reader, writer, _ in
            let before = try contents(writer)
            #expect {
                try reader.query(sql)
            } throws: { error in
                // 23 = SQLITE_AUTH: refused by the authorizer when prepared, whatever code SQLite
                // itself reported on the way. Nothing runs.
                (error as? SQLiteError)?.primaryCode == 23
            }
            #expect(try contents(writer) == before)
        }
    }

    @Test(
        "reading is allowed: queries, recursive CTEs, describing PRAGMAs",
        arguments: [
            "SELECT count(*) FROM t",
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5) SELECT sum(i) FROM n",
            "PRAGMA table_info(t)", "PRAGMA user_version", "SELECT upper('a'), length('芯片')",
        ])
    func allowed(sql: String) throws {
        try withGuardedDatabase { (reader, _, _) throws in
            #expect(!(try reader.query(sql)).isEmpty)
        }
    }

    @Test("a query that never ends is interrupted at the time limit, and the database is unchanged")
    func timeLimit() throws {
        try withGuardedDatabase { reader, writer, _ in
            let before = try contents(writer)
            #expect {
                try reader.withTimeLimit(0.2) {
                    try reader.query(
                        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT max(i) FROM n")
                }
            } throws: { error in
                // 9 = SQLITE_INTERRUPT
                (error as? SQLiteError)?.primaryCode == 9
            }
            // The limit is gone afterwards: the connection works as before.
            #expect(try reader.query("SELECT count(*) FROM t").first?.int(0) == 3)
            #expect(try contents(writer) == before)
        }
    }
}
