import Foundation
import Testing
import ZhikuSQLite

@Suite("SQLiteError: codes, SQL text and privacy")
struct SQLiteErrorTests {
    private let secret = "s3cret-Pa55w0rd-𠮶"

    private func databaseWithConstraints() throws -> Connection {
        let connection = try memoryDatabase()
        try connection.execute(
            """
            CREATE TABLE parent(id INTEGER PRIMARY KEY);
            CREATE TABLE account(
                id INTEGER PRIMARY KEY,
                token TEXT NOT NULL UNIQUE,
                note TEXT CONSTRAINT note_short CHECK (length(note) < 5),
                parent_id INTEGER REFERENCES parent(id)
            );
            CREATE TABLE strict_numbers(n INTEGER) STRICT;
            """)
        return connection
    }

    /// Checks that no rendering of `error` contains the secret.
    private func expectSecretAbsent(from error: SQLiteError, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(!error.message.contains(secret), sourceLocation: sourceLocation)
        #expect(!(error.sql ?? "").contains(secret), sourceLocation: sourceLocation)
        #expect(!error.description.contains(secret), sourceLocation: sourceLocation)
        #expect(!String(describing: error).contains(secret), sourceLocation: sourceLocation)
        #expect(!String(reflecting: error).contains(secret), sourceLocation: sourceLocation)
        #expect(!"\(error)".contains(secret), sourceLocation: sourceLocation)
        #expect(!error.localizedDescription.contains(secret), sourceLocation: sourceLocation)
    }

    @Test func uniqueViolationCarriesExtendedCodeAndSQL() throws {
        let connection = try databaseWithConstraints()
        let sql = "INSERT INTO account(token) VALUES (?)"
        try connection.run(sql, secret)
        let error = try #require(throws: SQLiteError.self) { try connection.run(sql, secret) }
        #expect(error.code == 2067)  // SQLITE_CONSTRAINT_UNIQUE
        #expect(error.primaryCode == 19)  // SQLITE_CONSTRAINT
        #expect(error.isConstraintViolation)
        #expect(!error.isBusy)
        #expect(error.sql == sql)
        #expect(error.message.contains("UNIQUE constraint failed: account.token"))
        #expect(error.description.contains("2067"))
        #expect(error.description.contains(sql))
        #expect(error.description.contains("UNIQUE constraint failed"))
        expectSecretAbsent(from: error)
    }

    @Test func uniqueViolationThroughNamedParametersKeepsTheValueOut() throws {
        let connection = try databaseWithConstraints()
        let statement = try connection.prepare("INSERT INTO account(token) VALUES (:token)")
        try statement.bind(named: ["token": secret])
        try statement.run()
        try statement.bind(named: [":token": secret])
        let error = try #require(throws: SQLiteError.self) { try statement.run() }
        #expect(error.code == 2067)  // SQLITE_CONSTRAINT_UNIQUE
        #expect(error.sql == "INSERT INTO account(token) VALUES (:token)")
        expectSecretAbsent(from: error)
    }

    @Test func notNullViolationCarriesItsExtendedCode() throws {
        let connection = try databaseWithConstraints()
        let error = try #require(throws: SQLiteError.self) {
            try connection.run("INSERT INTO account(token, note) VALUES (?, ?)", String?.none, "n")
        }
        #expect(error.code == 1299)  // SQLITE_CONSTRAINT_NOTNULL
        #expect(error.primaryCode == 19)  // SQLITE_CONSTRAINT
    }

    @Test func checkViolationKeepsTheValueOut() throws {
        let connection = try databaseWithConstraints()
        let error = try #require(throws: SQLiteError.self) {
            try connection.run("INSERT INTO account(token, note) VALUES (?, ?)", "t", secret)
        }
        #expect(error.code == 275)  // SQLITE_CONSTRAINT_CHECK
        #expect(error.message.contains("note_short"))
        expectSecretAbsent(from: error)
    }

    @Test func foreignKeyViolationKeepsTheValueOut() throws {
        let connection = try databaseWithConstraints()
        let error = try #require(throws: SQLiteError.self) {
            try connection.run("INSERT INTO account(token, parent_id) VALUES (?, ?)", secret, 999)
        }
        #expect(error.code == 787)  // SQLITE_CONSTRAINT_FOREIGNKEY
        expectSecretAbsent(from: error)
    }

    @Test func strictTypeViolationKeepsTheValueOut() throws {
        let connection = try databaseWithConstraints()
        let error = try #require(throws: SQLiteError.self) {
            try connection.run("INSERT INTO strict_numbers VALUES (?)", secret)
        }
        #expect(error.code == 3091)  // SQLITE_CONSTRAINT_DATATYPE
        #expect(error.isConstraintViolation)
        expectSecretAbsent(from: error)
    }

    @Test func syntaxErrorInPrepareReportsCodeOneAndTheSQL() throws {
        let connection = try memoryDatabase()
        let sql = "SELEC 1 FROM nowhere"
        let error = try #require(throws: SQLiteError.self) { try connection.prepare(sql) }
        #expect(error.code == 1)  // SQLITE_ERROR
        #expect(error.primaryCode == 1)  // SQLITE_ERROR
        #expect(error.sql == sql)
        #expect(error.message.contains("syntax error"))
        #expect(error.description.contains(sql))
        #expect(error.description.contains("SQLite error 1"))
    }

    @Test func syntaxErrorInQueryReportsCodeOneAndTheSQL() throws {
        let connection = try memoryDatabase()
        let sql = "SELECT FROM WHERE ?"
        let error = try #require(throws: SQLiteError.self) { try connection.query(sql, 1) }
        #expect(error.code == 1)  // SQLITE_ERROR
        #expect(error.sql == sql)
        #expect(error.description.contains(sql))
    }

    @Test func syntaxErrorInExecuteReportsCodeOneAndTheSQL() throws {
        let connection = try memoryDatabase()
        let sql = "CREATE TABLE ok(x); CREATE TABEL broken(y);"
        let error = try #require(throws: SQLiteError.self) { try connection.execute(sql) }
        #expect(error.code == 1)  // SQLITE_ERROR
        #expect(error.sql == sql)
        #expect(error.message.contains("syntax error"))
        #expect(error.description.contains(sql))
    }

    @Test func unknownTableIsAnErrorNamingTheTable() throws {
        let connection = try memoryDatabase()
        let error = try #require(throws: SQLiteError.self) {
            try connection.query("SELECT * FROM missing_table")
        }
        #expect(error.code == 1)  // SQLITE_ERROR
        #expect(error.message.contains("no such table: missing_table"))
    }

    @Test func runtimeErrorWhileSteppingCarriesTheSQL() throws {
        let connection = try memoryDatabase()
        let sql = "SELECT abs(?)"
        // abs() of the smallest integer overflows when the statement runs, not when it is prepared.
        let error = try #require(throws: SQLiteError.self) { try connection.query(sql, Int64.min) }
        #expect(error.code == 1)  // SQLITE_ERROR
        #expect(error.message.contains("integer overflow"))
        #expect(error.sql == sql)
    }

    @Test func primaryCodeIsTheLowByteOfTheExtendedCode() {
        // SQLITE_CONSTRAINT_UNIQUE -> SQLITE_CONSTRAINT
        #expect(SQLiteError(code: 2067, message: "").primaryCode == 19)
        #expect(SQLiteError(code: 1555, message: "").primaryCode == 19)  // SQLITE_CONSTRAINT_PRIMARYKEY
        #expect(SQLiteError(code: 264, message: "").primaryCode == 8)  // SQLITE_READONLY_RECOVERY -> SQLITE_READONLY
        #expect(SQLiteError(code: 1, message: "").primaryCode == 1)  // SQLITE_ERROR
    }

    @Test(arguments: [
        (Int32(5), true),  // SQLITE_BUSY
        (261, true),  // SQLITE_BUSY_RECOVERY
        (517, true),  // SQLITE_BUSY_SNAPSHOT
        (6, true),  // SQLITE_LOCKED
        (262, true),  // SQLITE_LOCKED_SHAREDCACHE
        (19, false),  // SQLITE_CONSTRAINT
        (1, false),  // SQLITE_ERROR
        (8, false),  // SQLITE_READONLY
    ])
    func isBusyClassifiesLockErrors(code: Int32, busy: Bool) {
        let error = SQLiteError(code: code, message: "m")
        #expect(error.isBusy == busy)
        #expect(error.isConstraintViolation == (code & 0xFF == 19))
    }

    @Test func descriptionNamesCodeMessageAndSQL() {
        let error = SQLiteError(code: 2067, message: "UNIQUE constraint failed: t.x", sql: "INSERT INTO t VALUES (?)")
        #expect(
            error.description
                == "SQLite error 2067 (constraint failed): UNIQUE constraint failed: t.x — in: INSERT INTO t VALUES (?)"
        )
    }

    @Test func descriptionWithoutSQLOmitsTheSQLPart() {
        let error = SQLiteError(code: 20, message: "column 'x' is NULL, expected text")
        #expect(error.sql == nil)
        #expect(error.description == "SQLite error 20 (datatype mismatch): column 'x' is NULL, expected text")
    }

    @Test func parameterCountErrorNeverQuotesTheValues() throws {
        let connection = try memoryDatabase()
        let error = try #require(throws: SQLiteError.self) {
            try connection.query("SELECT ?", secret, secret)
        }
        #expect(error.code == 25)  // SQLITE_RANGE
        expectSecretAbsent(from: error)
    }
}
