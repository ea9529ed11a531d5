import CSQLite
import Foundation

/// A connection to one SQLite database. It owns its handle and closes it when released.
///
/// Not Sendable: one thread (or serial queue) owns a connection. Write connections are set up for
/// WAL, foreign keys and a busy timeout; see ``Connection/init(path:mode:busyTimeout:)``.
/// See <https://www.sqlite.org/c3ref/sqlite3.html>.
public final class Connection {
    /// How the database file is opened.
    public enum Mode: Sendable {
        /// Read and write; create the file if it does not exist.
        case readWriteCreate
        /// Read and write an existing file.
        case readWrite
        /// Read only: SQLite refuses every write on this connection.
        case readOnly
    }

    let handle: OpaquePointer
    /// The path the connection was opened with.
    public let path: String
    private var statementCache: [String: Statement] = [:]
    /// Set by the read-only authorizer when it refuses something (see ``allowOnlyReading()``).
    let refusals = AuthorizerRefusals()

    /// Opens the database at `path` (`:memory:` for a private in-memory database).
    ///
    /// Foreign keys are enforced. A writable file database is switched to WAL so that readers never
    /// wait for the writer. Lock waits give up after `busyTimeout` seconds.
    public init(path: String, mode: Mode = .readWriteCreate, busyTimeout: Double = 5) throws {
        var flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI
        switch mode {
        case .readWriteCreate: flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
        case .readWrite: flags |= SQLITE_OPEN_READWRITE
        case .readOnly: flags |= SQLITE_OPEN_READONLY
        }
        var db: OpaquePointer?
        let code = sqlite3_open_v2(path, &db, flags, nil)
        guard code == SQLITE_OK, let db else {
            let error = SQLiteError.from(db, code: code == SQLITE_OK ? SQLITE_CANTOPEN : code, sql: nil)
            sqlite3_close_v2(db)
            throw SQLiteError(code: error.code, message: "cannot open \(path): \(error.message)")
        }
        self.handle = db
        self.path = path
        sqlite3_extended_result_codes(db, 1)
        // Clamped: Int32(_:) traps on infinity, NaN and values past about 24 days.
        let milliseconds = busyTimeout.isFinite ? min(max(busyTimeout * 1000, 0), Double(Int32.max)) : Double(Int32.max)
        sqlite3_busy_timeout(db, Int32(milliseconds))
        try execute("PRAGMA foreign_keys = ON")
        if mode != .readOnly && path != ":memory:" && !path.isEmpty {
            try execute("PRAGMA journal_mode = WAL")
            // In WAL mode NORMAL is durable across application crashes; only a power loss may drop
            // the last transactions, never corrupt the file.
            try execute("PRAGMA synchronous = NORMAL")
        }
    }

    deinit {
        statementCache.removeAll()
        sqlite3_close_v2(handle)
    }

    /// Runs one or more SQL statements with no parameters and no results, such as a migration file.
    public func execute(_ sql: String) throws {
        var message: UnsafeMutablePointer<CChar>?
        let code = sqlite3_exec(handle, sql, nil, nil, &message)
        if code != SQLITE_OK {
            let text = message.map { String(cString: $0) } ?? String(cString: sqlite3_errstr(code))
            sqlite3_free(message)
            throw SQLiteError(code: sqlite3_extended_errcode(handle), message: text, sql: sql)
        }
    }

    /// Prepares a statement that the caller owns.
    public func prepare(_ sql: String) throws -> Statement {
        refusals.happened = false
        do {
            return try Statement(db: handle, sql: sql)
        } catch let error as SQLiteError where refusals.happened {
            // SQLite may report an authorizer's refusal under another code (SQLITE_SCHEMA when it
            // re-prepared after loading the schema); the refusal is what happened, so say so.
            throw SQLiteError(code: SQLITE_AUTH, message: error.message, sql: sql)
        }
    }

    /// A prepared statement from this connection's cache, prepared on first use.
    ///
    /// Use it for the fixed SQL of the application, not for SQL typed by users.
    public func cachedStatement(_ sql: String) throws -> Statement {
        if let statement = statementCache[sql] {
            try statement.reset()
            return statement
        }
        let statement = try prepare(sql)
        statementCache[sql] = statement
        return statement
    }

    /// Runs a cached statement with positional parameters and returns its rows.
    public func query(_ sql: String, _ arguments: any SQLiteBindable...) throws -> [Row] {
        try query(sql, arguments: arguments)
    }

    /// Runs a cached statement with positional parameters and returns its rows.
    public func query(_ sql: String, arguments: [any SQLiteBindable]) throws -> [Row] {
        let statement = try cachedStatement(sql)
        try statement.bind(arguments)
        return try statement.rows()
    }

    /// Runs a cached statement with positional parameters and returns its first row, if any.
    public func queryFirst(_ sql: String, _ arguments: any SQLiteBindable...) throws -> Row? {
        let statement = try cachedStatement(sql)
        try statement.bind(arguments)
        defer { try? statement.reset() }
        return try statement.step() ? statement.row() : nil
    }

    /// Runs a cached statement that changes data; returns the number of rows it changed.
    @discardableResult
    public func run(_ sql: String, _ arguments: any SQLiteBindable...) throws -> Int {
        let statement = try cachedStatement(sql)
        try statement.bind(arguments)
        try statement.run()
        return Int(sqlite3_changes64(handle))
    }

    /// The rows inserted, changed or deleted through this connection since it was opened.
    /// See <https://www.sqlite.org/c3ref/total_changes.html>.
    public var totalChanges: Int { Int(sqlite3_total_changes64(handle)) }

    /// The rowid of the last row inserted on this connection.
    public var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    /// The number of rows the last INSERT, UPDATE or DELETE on this connection changed.
    public var changes: Int { Int(sqlite3_changes64(handle)) }

    /// Whether the connection is inside a transaction.
    public var isInTransaction: Bool { sqlite3_get_autocommit(handle) == 0 }

    /// `PRAGMA user_version`: the schema version this project keeps in the file header.
    public func userVersion() throws -> Int {
        try queryFirst("PRAGMA user_version")?.int(0) ?? 0
    }

    /// Sets `PRAGMA user_version`.
    public func setUserVersion(_ version: Int) throws {
        guard let version = Int32(exactly: version) else {
            throw SQLiteError(code: SQLITE_RANGE, message: "user_version must fit in 32 bits, got \(version)")
        }
        // PRAGMA takes no bound parameters; the value is an integer, never user text.
        try execute("PRAGMA user_version = \(version)")
    }

    /// Runs `body` in a transaction: commits if it returns, rolls back and rethrows if it throws.
    ///
    /// `BEGIN IMMEDIATE` takes the write lock at once, so two writers wait for each other at the
    /// start instead of failing with `SQLITE_BUSY` half-way through.
    /// Nested calls run inside the outer transaction as savepoints.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        if isInTransaction {
            return try savepoint(body)
        }
        try execute("BEGIN IMMEDIATE")
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            if isInTransaction { try? execute("ROLLBACK") }
            throw error
        }
    }

    private func savepoint<T>(_ body: () throws -> T) throws -> T {
        try execute("SAVEPOINT zhiku_nested")
        do {
            let result = try body()
            try execute("RELEASE zhiku_nested")
            return result
        } catch {
            try? execute("ROLLBACK TO zhiku_nested")
            try? execute("RELEASE zhiku_nested")
            throw error
        }
    }

    /// SQLite's library version, such as "3.40.1".
    public static var libraryVersion: String { String(cString: sqlite3_libversion()) }
}
