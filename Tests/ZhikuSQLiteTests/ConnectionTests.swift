import Foundation
import Testing
import ZhikuSQLite

@Suite("Connection: opening and configuration")
struct ConnectionOpeningTests {
    @Test func fileDatabaseIsSwitchedToWAL() throws {
        try withTemporaryDatabasePath { path in
            let connection = try Connection(path: path)
            #expect(try connection.scalar("PRAGMA journal_mode") == .text("wal"))
            #expect(connection.path == path)
            #expect(FileManager.default.fileExists(atPath: path))
        }
    }

    @Test func walModePersistsInTheFileForLaterConnections() throws {
        try withTemporaryDatabasePath { path in
            do {
                let writer = try Connection(path: path)
                try writer.execute("CREATE TABLE t(x)")
            }
            let reader = try Connection(path: path, mode: .readOnly)
            #expect(try reader.scalar("PRAGMA journal_mode") == .text("wal"))
        }
    }

    @Test func fileDatabaseUsesNormalSynchronousMode() throws {
        try withTemporaryDatabasePath { path in
            let connection = try Connection(path: path)
            #expect(try connection.scalar("PRAGMA synchronous") == .integer(1))  // 1 = NORMAL
        }
    }

    @Test func fileDatabaseEnforcesForeignKeys() throws {
        try withTemporaryDatabasePath { path in
            let connection = try Connection(path: path)
            #expect(try connection.scalar("PRAGMA foreign_keys") == .integer(1))
            try connection.execute(
                """
                CREATE TABLE parent(id INTEGER PRIMARY KEY);
                CREATE TABLE child(id INTEGER PRIMARY KEY, parent_id INTEGER NOT NULL REFERENCES parent(id));
                """)
            let error = try #require(throws: SQLiteError.self) {
                try connection.run("INSERT INTO child(parent_id) VALUES (?)", 42)
            }
            #expect(error.code == 787)  // SQLITE_CONSTRAINT_FOREIGNKEY
            #expect(error.primaryCode == 19)  // SQLITE_CONSTRAINT
            #expect(error.isConstraintViolation)
            #expect(try connection.count("child") == 0)
        }
    }

    @Test func memoryDatabaseEnforcesForeignKeysAndKeepsItsJournalInMemory() throws {
        let connection = try memoryDatabase()
        #expect(try connection.scalar("PRAGMA foreign_keys") == .integer(1))
        #expect(try connection.scalar("PRAGMA journal_mode") == .text("memory"))
    }

    @Test func eachMemoryConnectionIsPrivate() throws {
        let first = try memoryDatabase()
        let second = try memoryDatabase()
        try first.execute("CREATE TABLE only_in_first(x)")
        let error = try #require(throws: SQLiteError.self) {
            try second.query("SELECT * FROM only_in_first")
        }
        #expect(error.code == 1)  // SQLITE_ERROR
        #expect(error.message.contains("no such table"))
    }

    @Test func readWriteModeOpensAnExistingFileAndSwitchesItToWAL() throws {
        try withTemporaryDatabasePath { path in
            #expect(FileManager.default.createFile(atPath: path, contents: nil))
            let connection = try Connection(path: path, mode: .readWrite)
            #expect(try connection.scalar("PRAGMA journal_mode") == .text("wal"))
            try connection.execute("CREATE TABLE t(x)")
            try connection.run("INSERT INTO t VALUES (?)", 1)
            #expect(try connection.count("t") == 1)
        }
    }

    @Test func readWriteModeRefusesAMissingFile() throws {
        try withTemporaryDatabasePath { path in
            let error = try #require(throws: SQLiteError.self) {
                try Connection(path: path, mode: .readWrite)
            }
            #expect(error.primaryCode == 14)  // SQLITE_CANTOPEN
            #expect(error.message.contains(path))
            #expect(!FileManager.default.fileExists(atPath: path))
        }
    }

    @Test func readOnlyModeRefusesAMissingFile() throws {
        try withTemporaryDatabasePath { path in
            let error = try #require(throws: SQLiteError.self) {
                try Connection(path: path, mode: .readOnly)
            }
            #expect(error.primaryCode == 14)  // SQLITE_CANTOPEN
            #expect(!FileManager.default.fileExists(atPath: path))
        }
    }

    @Test func openingAFileInAMissingDirectoryFails() throws {
        try withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("no/such/dir/test.sqlite").path
            let error = try #require(throws: SQLiteError.self) { try Connection(path: path) }
            #expect(error.primaryCode == 14)  // SQLITE_CANTOPEN
            #expect(String(describing: error).contains("cannot open"))
        }
    }

    @Test func fileThatIsNotADatabaseIsRefused() throws {
        try withTemporaryDatabasePath { path in
            let garbage = Data(repeating: 0x5A, count: 4096)
            #expect(FileManager.default.createFile(atPath: path, contents: garbage))
            let error = try #require(throws: SQLiteError.self) { try Connection(path: path) }
            #expect(error.primaryCode == 26)  // SQLITE_NOTADB
            #expect(FileManager.default.contents(atPath: path) == garbage)
        }
    }

    @Test func emptyPathOpensAPrivateTemporaryDatabase() throws {
        let connection = try Connection(path: "")
        #expect(try connection.scalar("PRAGMA foreign_keys") == .integer(1))
        #expect(try connection.scalar("PRAGMA journal_mode") != .text("wal"))
        try connection.execute("CREATE TABLE t(x); INSERT INTO t VALUES (1)")
        #expect(try connection.count("t") == 1)
    }

    @Test func libraryVersionIsSQLite3() {
        #expect(Connection.libraryVersion.hasPrefix("3."))
    }
}

@Suite("Connection: read-only mode")
struct ReadOnlyConnectionTests {
    /// Creates a database with table `t` holding one row, then runs `body` with its path.
    private func withPopulatedDatabase(_ body: (String) throws -> Void) throws {
        try withTemporaryDatabasePath { path in
            do {
                let writer = try Connection(path: path)
                try writer.execute("CREATE TABLE t(id INTEGER PRIMARY KEY, name TEXT)")
                try writer.run("INSERT INTO t(name) VALUES (?)", "existing")
            }
            try body(path)
        }
    }

    @Test func readOnlyConnectionReadsData() throws {
        try withPopulatedDatabase { path in
            let reader = try Connection(path: path, mode: .readOnly)
            let row = try #require(try reader.queryFirst("SELECT name FROM t"))
            #expect(try row.string(0) == "existing")
            #expect(try reader.scalar("PRAGMA foreign_keys") == .integer(1))
        }
    }

    @Test func readOnlyConnectionRefusesInsert() throws {
        try withPopulatedDatabase { path in
            let reader = try Connection(path: path, mode: .readOnly)
            let error = try #require(throws: SQLiteError.self) {
                try reader.run("INSERT INTO t(name) VALUES (?)", "new")
            }
            #expect(error.primaryCode == 8)  // SQLITE_READONLY
            #expect(error.sql == "INSERT INTO t(name) VALUES (?)")
            #expect(try reader.count("t") == 1)
        }
    }

    @Test func readOnlyConnectionRefusesSchemaChangesThroughExecute() throws {
        try withPopulatedDatabase { path in
            let reader = try Connection(path: path, mode: .readOnly)
            let error = try #require(throws: SQLiteError.self) {
                try reader.execute("CREATE TABLE other(x)")
            }
            #expect(error.primaryCode == 8)  // SQLITE_READONLY
        }
    }

    @Test func readOnlyConnectionRefusesSettingUserVersion() throws {
        try withPopulatedDatabase { path in
            let reader = try Connection(path: path, mode: .readOnly)
            let error = try #require(throws: SQLiteError.self) { try reader.setUserVersion(7) }
            #expect(error.primaryCode == 8)  // SQLITE_READONLY
            #expect(try reader.userVersion() == 0)
        }
    }

    @Test func readOnlyConnectionRefusesWritesInsideATransaction() throws {
        try withPopulatedDatabase { path in
            let reader = try Connection(path: path, mode: .readOnly)
            let error = try #require(throws: SQLiteError.self) {
                try reader.transaction {
                    try reader.run("UPDATE t SET name = ?", "changed")
                }
            }
            #expect(error.primaryCode == 8)  // SQLITE_READONLY
            #expect(!reader.isInTransaction)
            #expect(try reader.scalar("SELECT name FROM t") == .text("existing"))
        }
    }

    @Test func readOnlyStatementIsReportedAsReadOnly() throws {
        try withPopulatedDatabase { path in
            let reader = try Connection(path: path, mode: .readOnly)
            #expect(try reader.prepare("SELECT * FROM t").isReadOnly)
            #expect(try !reader.prepare("DELETE FROM t").isReadOnly)
        }
    }
}

@Suite("Connection: helpers")
struct ConnectionHelperTests {
    @Test func userVersionStartsAtZero() throws {
        #expect(try memoryDatabase().userVersion() == 0)
    }

    @Test(arguments: [1, 42, -1, Int(Int32.max), Int(Int32.min)])
    func userVersionRoundTrips(version: Int) throws {
        let connection = try memoryDatabase()
        try connection.setUserVersion(version)
        #expect(try connection.userVersion() == version)
    }

    @Test func userVersionCanBeChangedRepeatedly() throws {
        let connection = try memoryDatabase()
        for version in [3, 1, 9] {
            try connection.setUserVersion(version)
            #expect(try connection.userVersion() == version)
        }
    }

    @Test func userVersionPersistsInTheFile() throws {
        try withTemporaryDatabasePath { path in
            do {
                let connection = try Connection(path: path)
                try connection.setUserVersion(5)
            }
            let reopened = try Connection(path: path, mode: .readOnly)
            #expect(try reopened.userVersion() == 5)
        }
    }

    @Test func executeRunsSeveralStatements() throws {
        let connection = try memoryDatabase()
        try connection.execute(
            """
            CREATE TABLE t(x);
            INSERT INTO t VALUES (1);
            INSERT INTO t VALUES (2);
            -- a comment
            """)
        #expect(try connection.count("t") == 2)
    }

    @Test func runReturnsTheNumberOfChangedRows() throws {
        let connection = try memoryDatabase()
        try connection.execute("CREATE TABLE t(x INTEGER)")
        #expect(try connection.run("INSERT INTO t VALUES (?), (?), (?)", 1, 2, 3) == 3)
        #expect(try connection.run("UPDATE t SET x = x + 10 WHERE x >= ?", 2) == 2)
        #expect(try connection.run("DELETE FROM t WHERE x = ?", 999) == 0)
        #expect(try connection.run("DELETE FROM t") == 3)
    }

    @Test func lastInsertRowIDIsTheRowidOfTheLastInsert() throws {
        let connection = try memoryDatabase()
        try connection.execute("CREATE TABLE t(id INTEGER PRIMARY KEY, x)")
        try connection.run("INSERT INTO t(x) VALUES (?)", "a")
        #expect(connection.lastInsertRowID == 1)
        try connection.run("INSERT INTO t(id, x) VALUES (?, ?)", 100, "b")
        #expect(connection.lastInsertRowID == 100)
        try connection.run("INSERT INTO t(x) VALUES (?)", "c")
        #expect(connection.lastInsertRowID == 101)
    }

    @Test func queryReturnsAllRowsInOrder() throws {
        let connection = try memoryDatabase()
        let rows = try connection.query(
            """
            WITH RECURSIVE n(value) AS (SELECT 1 UNION ALL SELECT value + 1 FROM n WHERE value < 5)
            SELECT value FROM n
            """
        )
        .map { try $0.int(0) }
        #expect(rows == [1, 2, 3, 4, 5])
    }

    @Test func queryWithArgumentsArrayBindsThem() throws {
        let connection = try memoryDatabase()
        let rows = try connection.query("SELECT ? + ?", arguments: [40, 2])
        #expect(try rows.first?.int(0) == 42)
    }

    @Test func queryFirstReturnsNilWithoutRows() throws {
        let connection = try memoryDatabase()
        try connection.execute("CREATE TABLE t(x)")
        #expect(try connection.queryFirst("SELECT x FROM t") == nil)
    }

    @Test func queryFirstReturnsTheFirstRowAndReleasesTheStatement() throws {
        let connection = try memoryDatabase()
        try connection.execute("CREATE TABLE t(x); INSERT INTO t VALUES (1), (2), (3)")
        let row = try #require(try connection.queryFirst("SELECT x FROM t ORDER BY x"))
        #expect(try row.int(0) == 1)
        // A statement left in the middle of its rows would keep the table locked.
        try connection.execute("DROP TABLE t")
    }

    @Test func isInTransactionFollowsBeginAndCommit() throws {
        let connection = try memoryDatabase()
        #expect(!connection.isInTransaction)
        try connection.execute("BEGIN")
        #expect(connection.isInTransaction)
        try connection.execute("COMMIT")
        #expect(!connection.isInTransaction)
    }

    @Test func secondWriterGetsABusyErrorWhileTheFirstHoldsTheWriteLock() throws {
        try withTemporaryDatabasePath { path in
            let first = try Connection(path: path)
            try first.execute("CREATE TABLE t(x)")
            let second = try Connection(path: path, busyTimeout: 0)
            try first.execute("BEGIN IMMEDIATE")
            let error = try #require(throws: SQLiteError.self) {
                try second.run("INSERT INTO t VALUES (?)", 1)
            }
            #expect(error.primaryCode == 5)  // SQLITE_BUSY
            #expect(error.isBusy)
            #expect(!error.isConstraintViolation)
            try first.execute("COMMIT")
            try second.run("INSERT INTO t VALUES (?)", 1)
            #expect(try first.count("t") == 1)
        }
    }

    @Test func readerSeesCommittedDataWhileAWriterIsInATransaction() throws {
        try withTemporaryDatabasePath { path in
            let writer = try Connection(path: path)
            try writer.execute("CREATE TABLE t(x)")
            let reader = try Connection(path: path, mode: .readOnly, busyTimeout: 0)
            try writer.transaction {
                try writer.run("INSERT INTO t VALUES (?)", 1)
                // WAL: the reader is not blocked and does not see the uncommitted row.
                #expect(try reader.count("t") == 0)
            }
            #expect(try reader.count("t") == 1)
        }
    }
}
