import Foundation
import Testing
import ZhikuSQLite

@Suite("Connection: statement cache")
struct StatementCacheTests {
    @Test func sameSQLReturnsTheSameStatement() throws {
        let connection = try memoryDatabase()
        let first = try connection.cachedStatement("SELECT 1")
        let second = try connection.cachedStatement("SELECT 1")
        #expect(first === second)
        #expect(try connection.cachedStatement("SELECT 2") !== first)
    }

    @Test func prepareAlwaysReturnsANewStatement() throws {
        let connection = try memoryDatabase()
        let cached = try connection.cachedStatement("SELECT 1")
        let first = try connection.prepare("SELECT 1")
        let second = try connection.prepare("SELECT 1")
        #expect(first !== second)
        #expect(first !== cached)
    }

    @Test func queryReusesTheCachedStatement() throws {
        let connection = try memoryDatabase()
        let sql = "SELECT ? * 2"
        _ = try connection.query(sql, 1)
        let cached = try connection.cachedStatement(sql)
        #expect(try connection.query(sql, 21).first?.int(0) == 42)
        #expect(try connection.cachedStatement(sql) === cached)
    }

    @Test func cachedStatementIsResetWhenTakenAgain() throws {
        let connection = try memoryDatabase()
        try connection.execute("CREATE TABLE t(x); INSERT INTO t VALUES (1), (2), (3)")
        let sql = "SELECT x FROM t ORDER BY x"
        let statement = try connection.cachedStatement(sql)
        #expect(try statement.step())
        #expect(try statement.step())
        #expect(try connection.query(sql).map { try $0.int(0) } == [1, 2, 3])
    }

    @Test func repeatedQueriesBindFreshArguments() throws {
        let connection = try memoryDatabase()
        try connection.execute("CREATE TABLE t(id INTEGER PRIMARY KEY, name TEXT)")
        for name in ["a", "b", "c"] {
            try connection.run("INSERT INTO t(name) VALUES (?)", name)
        }
        for (id, name) in [(1, "a"), (2, "b"), (3, "c")] {
            let row = try #require(try connection.queryFirst("SELECT name FROM t WHERE id = ?", id))
            #expect(try row.string(0) == name)
        }
        #expect(try connection.queryFirst("SELECT name FROM t WHERE id = ?", 4) == nil)
    }

    @Test func cachedStatementWorksAfterAConstraintError() throws {
        let connection = try memoryDatabase()
        try connection.execute("CREATE TABLE t(name TEXT UNIQUE)")
        let sql = "INSERT INTO t VALUES (?)"
        try connection.run(sql, "a")
        let statement = try connection.cachedStatement(sql)
        let error = try #require(throws: SQLiteError.self) { try connection.run(sql, "a") }
        #expect(error.code == 2067)  // SQLITE_CONSTRAINT_UNIQUE
        #expect(try connection.run(sql, "b") == 1)
        #expect(try connection.cachedStatement(sql) === statement)
        #expect(try connection.count("t") == 2)
    }

    @Test func cachedStatementWorksAfterAnErrorWhileStepping() throws {
        let connection = try memoryDatabase()
        let sql = "SELECT abs(?)"
        #expect(throws: SQLiteError.self) { try connection.query(sql, Int64.min) }
        #expect(try connection.query(sql, -5).first?.int(0) == 5)
        #expect(throws: SQLiteError.self) { try connection.queryFirst(sql, Int64.min) }
        #expect(try connection.queryFirst(sql, -6)?.int(0) == 6)
    }

    @Test func cachedStatementWorksAfterABindingError() throws {
        let connection = try memoryDatabase()
        let sql = "SELECT ? + ?"
        #expect(throws: SQLiteError.self) { try connection.query(sql, 1) }
        #expect(try connection.query(sql, 1, 2).first?.int(0) == 3)
    }

    @Test func failedPreparationIsNotCached() throws {
        let connection = try memoryDatabase()
        let sql = "SELECT x FROM later"
        #expect(throws: SQLiteError.self) { try connection.query(sql) }
        try connection.execute("CREATE TABLE later(x); INSERT INTO later VALUES (9)")
        #expect(try connection.query(sql).first?.int(0) == 9)
    }

    @Test func cachedStatementFollowsSchemaChanges() throws {
        let connection = try memoryDatabase()
        try connection.execute("CREATE TABLE t(a); INSERT INTO t VALUES (1)")
        let sql = "SELECT * FROM t"
        #expect(try connection.query(sql).first?.values == [.integer(1)])
        try connection.execute("ALTER TABLE t ADD COLUMN b DEFAULT 2")
        // SQLite prepares the statement again; the row must show the new column too.
        let row = try #require(try connection.query(sql).first)
        #expect(row.values == [.integer(1), .integer(2)])
        #expect(row.columns == ["a", "b"])
    }

    @Test func cachedStatementFollowsADroppedColumn() throws {
        let connection = try memoryDatabase()
        try connection.execute("CREATE TABLE t(a, b); INSERT INTO t VALUES (1, 2)")
        let sql = "SELECT * FROM t"
        #expect(try connection.query(sql).first?.values == [.integer(1), .integer(2)])
        try connection.execute("ALTER TABLE t DROP COLUMN b")
        let row = try #require(try connection.query(sql).first)
        #expect(row.values == [.integer(1)])
        #expect(row.columns == ["a"])
    }

    @Test func freshlyPreparedStatementSeesANewColumn() throws {
        let connection = try memoryDatabase()
        try connection.execute("CREATE TABLE t(a); INSERT INTO t VALUES (1)")
        try connection.execute("ALTER TABLE t ADD COLUMN b DEFAULT 2")
        let statement = try connection.prepare("SELECT * FROM t")
        #expect(statement.columns == ["a", "b"])
        #expect(try statement.rows().first?.values == [.integer(1), .integer(2)])
    }

    @Test func cachedStatementSurvivesDroppingAndRecreatingTheTable() throws {
        let connection = try memoryDatabase()
        try connection.execute("CREATE TABLE t(x); INSERT INTO t VALUES ('old')")
        let sql = "SELECT x FROM t"
        #expect(try connection.query(sql).first?.string(0) == "old")
        try connection.execute("DROP TABLE t; CREATE TABLE t(x); INSERT INTO t VALUES ('new')")
        #expect(try connection.query(sql).first?.string(0) == "new")
    }

    @Test func manyDistinctStatementsCanBeCached() throws {
        let connection = try memoryDatabase()
        for number in 0..<200 {
            #expect(try connection.query("SELECT \(number)").first?.int(0) == number)
        }
        #expect(try connection.query("SELECT 7").first?.int(0) == 7)
    }
}

@Suite("Statement: lifetime")
struct StatementLifetimeTests {
    @Test func statementOutlivingItsConnectionStillStepsAndFinalizes() throws {
        var connection: Connection? = try memoryDatabase()
        weak let released = connection
        let statement = try #require(connection).prepare("SELECT 1 UNION ALL SELECT 2")
        connection = nil
        #expect(released == nil, "the test must really drop the connection")
        // sqlite3_close_v2 leaves a zombie handle until the last statement is finalized; stepping
        // must either work or throw, never crash.
        do {
            let values = try statement.rows().map { try $0.int(0) }
            #expect(values == [1, 2])
        } catch let error as SQLiteError {
            Issue.record("stepping after the connection was released threw \(error)")
        }
    }

    @Test func statementOutlivingItsFileConnectionReadsTheTable() throws {
        try withTemporaryDatabasePath { path in
            var connection: Connection? = try Connection(path: path)
            weak let released = connection
            try #require(connection).execute("CREATE TABLE t(x); INSERT INTO t VALUES ('still here')")
            var statement: Statement? = try #require(connection).prepare("SELECT x FROM t")
            connection = nil
            #expect(released == nil, "the test must really drop the connection")
            let rows = try #require(statement).rows()
            #expect(rows.first?.values == [.text("still here")])
            statement = nil  // finalizes the last statement, which closes the zombie handle
            // The file is closed cleanly and opens again.
            let reopened = try Connection(path: path)
            #expect(try reopened.count("t") == 1)
        }
    }

    @Test func cachedStatementOutlivingItsConnectionStillWorks() throws {
        var connection: Connection? = try memoryDatabase()
        weak let released = connection
        let statement = try #require(connection).cachedStatement("SELECT ?")
        connection = nil
        #expect(released == nil, "the test must really drop the connection")
        try statement.bind(["after"])
        #expect(try statement.rows().first?.values == [.text("after")])
    }

    @Test func statementErrorAfterItsConnectionWasReleasedIsThrownNotCrashed() throws {
        var connection: Connection? = try memoryDatabase()
        weak let released = connection
        let statement = try #require(connection).prepare("SELECT abs(?)")
        connection = nil
        #expect(released == nil, "the test must really drop the connection")
        try statement.bind([Int64.min])
        let error = try #require(throws: SQLiteError.self) { try statement.rows() }
        #expect(error.primaryCode == 1)  // SQLITE_ERROR
        #expect(error.sql == "SELECT abs(?)")
    }

    @Test func writeThroughAStatementOutlivingItsConnection() throws {
        try withTemporaryDatabasePath { path in
            var connection: Connection? = try Connection(path: path)
            weak let released = connection
            try #require(connection).execute("CREATE TABLE t(x)")
            var insert: Statement? = try #require(connection).prepare("INSERT INTO t VALUES (?)")
            connection = nil
            #expect(released == nil, "the test must really drop the connection")
            try #require(insert).bind(["late"])
            try #require(insert).run()
            insert = nil
            let reopened = try Connection(path: path, mode: .readOnly)
            #expect(try reopened.query("SELECT x FROM t").first?.values == [.text("late")])
        }
    }
}
