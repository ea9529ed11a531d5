import Foundation
import Testing
import ZhikuSQLite

@Suite("Connection: transactions")
struct TransactionTests {
    private func databaseWithTable() throws -> Connection {
        let connection = try memoryDatabase()
        try connection.execute("CREATE TABLE t(name TEXT UNIQUE NOT NULL)")
        return connection
    }

    private func names(_ connection: Connection) throws -> [String] {
        try connection.query("SELECT name FROM t ORDER BY rowid").map { try $0.string(0) }
    }

    @Test func commitsWhenTheBodyReturns() throws {
        let connection = try databaseWithTable()
        let result = try connection.transaction {
            #expect(connection.isInTransaction)
            try connection.run("INSERT INTO t VALUES (?)", "a")
            try connection.run("INSERT INTO t VALUES (?)", "b")
            return 7
        }
        #expect(result == 7)
        #expect(!connection.isInTransaction)
        #expect(try names(connection) == ["a", "b"])
    }

    @Test func rollsBackAndRethrowsTheBodysError() throws {
        let connection = try databaseWithTable()
        try connection.run("INSERT INTO t VALUES (?)", "before")
        #expect(throws: TestFailure(reason: "body failed")) {
            try connection.transaction {
                try connection.run("INSERT INTO t VALUES (?)", "a")
                try connection.run("DELETE FROM t WHERE name = ?", "before")
                throw TestFailure(reason: "body failed")
            }
        }
        #expect(!connection.isInTransaction)
        #expect(try names(connection) == ["before"])
    }

    @Test func rollsBackAndRethrowsAnSQLiteError() throws {
        let connection = try databaseWithTable()
        let error = try #require(throws: SQLiteError.self) {
            try connection.transaction {
                try connection.run("INSERT INTO t VALUES (?)", "a")
                try connection.run("INSERT INTO t VALUES (?)", "a")
            }
        }
        #expect(error.code == 2067)  // SQLITE_CONSTRAINT_UNIQUE
        #expect(!connection.isInTransaction)
        #expect(try names(connection).isEmpty)
    }

    @Test func connectionIsUsableAfterARollback() throws {
        let connection = try databaseWithTable()
        _ = try? connection.transaction {
            try connection.run("INSERT INTO t VALUES (?)", "lost")
            throw TestFailure(reason: "roll back")
        }
        _ = try connection.transaction {
            try connection.run("INSERT INTO t VALUES (?)", "kept")
        }
        #expect(try names(connection) == ["kept"])
    }

    @Test func bodyThatRollsBackByItselfHasItsErrorRethrown() throws {
        let connection = try databaseWithTable()
        #expect(throws: TestFailure.self) {
            try connection.transaction {
                try connection.run("INSERT INTO t VALUES (?)", "a")
                try connection.execute("ROLLBACK")
                throw TestFailure(reason: "after own rollback")
            }
        }
        #expect(!connection.isInTransaction)
        #expect(try names(connection).isEmpty)
    }

    @Test func nestedTransactionCommitsWithTheOuterOne() throws {
        let connection = try databaseWithTable()
        try connection.transaction {
            try connection.run("INSERT INTO t VALUES (?)", "outer")
            try connection.transaction {
                #expect(connection.isInTransaction)
                try connection.run("INSERT INTO t VALUES (?)", "inner")
            }
            #expect(connection.isInTransaction)
        }
        #expect(!connection.isInTransaction)
        #expect(try names(connection) == ["outer", "inner"])
    }

    @Test func nestedRollbackLeavesTheOuterTransactionUsable() throws {
        let connection = try databaseWithTable()
        try connection.transaction {
            try connection.run("INSERT INTO t VALUES (?)", "outer-1")
            #expect(throws: TestFailure(reason: "inner failed")) {
                try connection.transaction {
                    try connection.run("INSERT INTO t VALUES (?)", "inner")
                    try connection.run("DELETE FROM t WHERE name = ?", "outer-1")
                    throw TestFailure(reason: "inner failed")
                }
            }
            #expect(connection.isInTransaction)
            #expect(try names(connection) == ["outer-1"])
            try connection.run("INSERT INTO t VALUES (?)", "outer-2")
        }
        #expect(!connection.isInTransaction)
        #expect(try names(connection) == ["outer-1", "outer-2"])
    }

    @Test func nestedConstraintViolationRollsBackOnlyTheSavepoint() throws {
        let connection = try databaseWithTable()
        try connection.transaction {
            try connection.run("INSERT INTO t VALUES (?)", "taken")
            let error = try #require(throws: SQLiteError.self) {
                try connection.transaction {
                    try connection.run("INSERT INTO t VALUES (?)", "fresh")
                    try connection.run("INSERT INTO t VALUES (?)", "taken")
                }
            }
            #expect(error.isConstraintViolation)
            try connection.run("INSERT INTO t VALUES (?)", "fresh")
        }
        #expect(try names(connection) == ["taken", "fresh"])
    }

    @Test func innerErrorNotCaughtRollsBackEverything() throws {
        let connection = try databaseWithTable()
        #expect(throws: TestFailure.self) {
            try connection.transaction {
                try connection.run("INSERT INTO t VALUES (?)", "outer")
                try connection.transaction {
                    try connection.run("INSERT INTO t VALUES (?)", "inner")
                    throw TestFailure(reason: "propagates")
                }
            }
        }
        #expect(!connection.isInTransaction)
        #expect(try names(connection).isEmpty)
    }

    @Test func doublyNestedRollbackKeepsBothOuterLevels() throws {
        let connection = try databaseWithTable()
        try connection.transaction {
            try connection.run("INSERT INTO t VALUES (?)", "level-1")
            try connection.transaction {
                try connection.run("INSERT INTO t VALUES (?)", "level-2")
                _ = try? connection.transaction {
                    try connection.run("INSERT INTO t VALUES (?)", "level-3")
                    throw TestFailure(reason: "innermost")
                }
                try connection.run("INSERT INTO t VALUES (?)", "level-2b")
            }
        }
        #expect(try names(connection) == ["level-1", "level-2", "level-2b"])
    }

    @Test func middleLevelRollbackDiscardsItsInnerCommittedSavepoint() throws {
        let connection = try databaseWithTable()
        try connection.transaction {
            try connection.run("INSERT INTO t VALUES (?)", "level-1")
            _ = try? connection.transaction {
                _ = try connection.transaction {
                    try connection.run("INSERT INTO t VALUES (?)", "level-3")
                }
                throw TestFailure(reason: "middle")
            }
        }
        #expect(try names(connection) == ["level-1"])
    }

    @Test func nestedTransactionReturnsItsValue() throws {
        let connection = try databaseWithTable()
        let value = try connection.transaction {
            try connection.transaction { "inner value" }
        }
        #expect(value == "inner value")
    }

    @Test func transactionInsideAManualTransactionIsASavepoint() throws {
        let connection = try databaseWithTable()
        try connection.execute("BEGIN")
        try connection.run("INSERT INTO t VALUES (?)", "manual")
        _ = try? connection.transaction {
            try connection.run("INSERT INTO t VALUES (?)", "nested")
            throw TestFailure(reason: "nested")
        }
        #expect(connection.isInTransaction)
        try connection.execute("COMMIT")
        #expect(try names(connection) == ["manual"])
    }

    @Test func failedCommitRollsBackAndThrows() throws {
        let connection = try memoryDatabase()
        try connection.execute(
            """
            CREATE TABLE parent(id INTEGER PRIMARY KEY);
            CREATE TABLE child(parent_id INTEGER REFERENCES parent(id) DEFERRABLE INITIALLY DEFERRED);
            """)
        let error = try #require(throws: SQLiteError.self) {
            try connection.transaction {
                // Deferred: the violation is only found at COMMIT.
                try connection.run("INSERT INTO child VALUES (?)", 1)
            }
        }
        #expect(error.code == 787)  // SQLITE_CONSTRAINT_FOREIGNKEY
        #expect(error.sql == "COMMIT")
        #expect(!connection.isInTransaction)
        #expect(try connection.count("child") == 0)
    }

    @Test func transactionTakesTheWriteLockAtOnce() throws {
        try withTemporaryDatabasePath { path in
            let first = try Connection(path: path)
            try first.execute("CREATE TABLE t(x)")
            let second = try Connection(path: path, busyTimeout: 0)
            try first.transaction {
                // BEGIN IMMEDIATE: the second writer is refused at BEGIN, before its body runs.
                var bodyRan = false
                let error = try #require(throws: SQLiteError.self) {
                    try second.transaction { bodyRan = true }
                }
                #expect(error.isBusy)
                #expect(error.primaryCode == 5)  // SQLITE_BUSY
                #expect(!bodyRan)
                #expect(!second.isInTransaction)
            }
            _ = try second.transaction { try second.run("INSERT INTO t VALUES (?)", 1) }
            #expect(try first.count("t") == 1)
        }
    }

    @Test func committedTransactionIsDurableAcrossConnections() throws {
        try withTemporaryDatabasePath { path in
            do {
                let writer = try Connection(path: path)
                try writer.execute("CREATE TABLE t(name TEXT)")
                _ = try writer.transaction {
                    try writer.run("INSERT INTO t VALUES (?)", "committed")
                }
                _ = try? writer.transaction {
                    try writer.run("INSERT INTO t VALUES (?)", "rolled back")
                    throw TestFailure(reason: "discard")
                }
            }
            let reader = try Connection(path: path, mode: .readOnly)
            let names = try reader.query("SELECT name FROM t").map { try $0.string(0) }
            #expect(names == ["committed"])
        }
    }
}
