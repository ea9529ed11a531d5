import CSQLite
import Foundation

/// SQLite's `SQLITE_TRANSIENT`: SQLite copies the bound bytes before the call returns.
private let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

/// A prepared statement. It owns its handle and finalizes it when released.
///
/// Not Sendable: use it on the thread that owns its ``Connection``. It keeps the database handle
/// valid by itself, because the connection closes with `sqlite3_close_v2`, which waits for every
/// statement to be finalized. See <https://www.sqlite.org/c3ref/stmt.html>.
public final class Statement {
    let handle: OpaquePointer
    let db: OpaquePointer
    /// The SQL text the statement was prepared from.
    public let sql: String
    /// The result column names. Read from SQLite each time, because a statement that SQLite
    /// re-prepares after a schema change (`SELECT *` after `ALTER TABLE`) can change its columns.
    public var columns: [String] {
        (0..<sqlite3_column_count(handle)).map { index in
            sqlite3_column_name(handle, index).map { String(cString: $0) } ?? ""
        }
    }

    init(db: OpaquePointer, sql: String) throws {
        var statement: OpaquePointer?
        var tail: UnsafePointer<CChar>?
        let code = sql.withCString { text in
            let code = sqlite3_prepare_v3(db, text, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, &tail)
            // What follows the first statement must be nothing but space and comments: running only the
            // first of several statements silently would lose the rest.
            if code == SQLITE_OK, let rest = tail, Statement.hasAnotherStatement(db, rest) { return SQLITE_MISUSE }
            return code
        }
        guard code == SQLITE_OK, let statement else {
            sqlite3_finalize(statement)
            if code == SQLITE_MISUSE, statement != nil {
                throw SQLiteError(code: SQLITE_MISUSE, message: "only one statement can be run at a time", sql: sql)
            }
            if code == SQLITE_OK {
                throw SQLiteError(code: SQLITE_MISUSE, message: "the SQL contains no statement", sql: sql)
            }
            throw SQLiteError.from(db, code: code, sql: sql)
        }
        self.handle = statement
        self.db = db
        self.sql = sql
    }

    private static func hasAnotherStatement(_ db: OpaquePointer, _ rest: UnsafePointer<CChar>) -> Bool {
        var next: OpaquePointer?
        let code = sqlite3_prepare_v2(db, rest, -1, &next, nil)
        defer { sqlite3_finalize(next) }
        // A syntax error in the rest is also something that would have been ignored.
        return code != SQLITE_OK || next != nil
    }

    deinit {
        sqlite3_finalize(handle)
    }

    /// Whether the statement leaves the database unchanged, as SQLite judges it.
    public var isReadOnly: Bool { sqlite3_stmt_readonly(handle) != 0 }

    /// Clears earlier bindings and binds `values` to the positional parameters `?1`, `?2`, ….
    public func bind(_ values: [any SQLiteBindable]) throws {
        try reset()
        sqlite3_clear_bindings(handle)
        let count = Int(sqlite3_bind_parameter_count(handle))
        guard values.count == count else {
            throw SQLiteError(
                code: SQLITE_RANGE, message: "expected \(count) parameters, got \(values.count)", sql: sql)
        }
        for (offset, value) in values.enumerated() {
            try bind(value.sqliteValue, at: Int32(offset + 1))
        }
    }

    /// Clears earlier bindings and binds named parameters (`:name`, `@name` or `$name`).
    ///
    /// Keys may be given with or without their prefix. A parameter of the statement that is not in
    /// `values` is an error, and so is a key that names no parameter.
    public func bind(named values: [String: any SQLiteBindable]) throws {
        try reset()
        sqlite3_clear_bindings(handle)
        var unused = Set(values.keys)
        for index in stride(from: Int32(1), through: sqlite3_bind_parameter_count(handle), by: 1) {
            guard let cName = sqlite3_bind_parameter_name(handle, index) else {
                throw SQLiteError(code: SQLITE_RANGE, message: "parameter ?\(index) has no name", sql: sql)
            }
            let name = String(cString: cName)
            let bare = String(name.dropFirst())
            guard let value = values[name] ?? values[bare] else {
                throw SQLiteError(code: SQLITE_RANGE, message: "no value for parameter \(name)", sql: sql)
            }
            unused.remove(name)
            unused.remove(bare)
            try bind(value.sqliteValue, at: index)
        }
        if let extra = unused.sorted().first {
            throw SQLiteError(code: SQLITE_RANGE, message: "the statement has no parameter named \(extra)", sql: sql)
        }
    }

    private func bind(_ value: SQLiteValue, at index: Int32) throws {
        let code: Int32
        switch value {
        case .null:
            code = sqlite3_bind_null(handle, index)
        case .integer(let number):
            code = sqlite3_bind_int64(handle, index, number)
        case .real(let number):
            code = sqlite3_bind_double(handle, index, number)
        case .text(let text):
            // Bound with its byte length, so text with NUL characters survives whole.
            var text = text
            code = text.withUTF8 { bytes in
                // An empty buffer may have no address, and a NULL pointer would bind NULL, not ''.
                guard let base = bytes.baseAddress else { return sqlite3_bind_text(handle, index, "", 0, transient) }
                return base.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                    sqlite3_bind_text(handle, index, $0, Int32(bytes.count), transient)
                }
            }
        case .blob(let data):
            if data.isEmpty {
                code = sqlite3_bind_zeroblob(handle, index, 0)
            } else {
                code = data.withUnsafeBytes { bytes in
                    sqlite3_bind_blob(handle, index, bytes.baseAddress, Int32(bytes.count), transient)
                }
            }
        }
        guard code == SQLITE_OK else { throw SQLiteError.from(db, code: code, sql: sql) }
    }

    /// Advances to the next row; returns false when the statement is done.
    public func step() throws -> Bool {
        let code = sqlite3_step(handle)
        switch code {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default:
            let error = SQLiteError.from(db, code: code, sql: sql)
            sqlite3_reset(handle)
            throw error
        }
    }

    /// Resets the statement so that it can run again; keeps the bindings.
    public func reset() throws {
        // sqlite3_reset repeats the last step's error, which step() has already thrown.
        sqlite3_reset(handle)
    }

    /// The current row, copied.
    public func row() -> Row {
        row(columns: columns)
    }

    /// Column `index` of the current row as an integer, nil for NULL, without copying the row:
    /// for loops over thousands of rows that need a number or two of each.
    public func int64(at index: Int) -> Int64? {
        let column = Int32(index)
        return sqlite3_column_type(handle, column) == SQLITE_NULL ? nil : sqlite3_column_int64(handle, column)
    }

    /// Column `index` of the current row as a real number, nil for NULL, without copying the row.
    public func double(at index: Int) -> Double? {
        let column = Int32(index)
        return sqlite3_column_type(handle, column) == SQLITE_NULL ? nil : sqlite3_column_double(handle, column)
    }

    /// The current row with column names already read for this run of the statement.
    private func row(columns: [String]) -> Row {
        Row(columns: columns, values: (0..<Int32(columns.count)).map(value(at:)))
    }

    private func value(at index: Int32) -> SQLiteValue {
        switch sqlite3_column_type(handle, index) {
        case SQLITE_INTEGER:
            return .integer(sqlite3_column_int64(handle, index))
        case SQLITE_FLOAT:
            return .real(sqlite3_column_double(handle, index))
        case SQLITE_TEXT:
            let count = Int(sqlite3_column_bytes(handle, index))
            guard let bytes = sqlite3_column_text(handle, index) else { return .text("") }
            return .text(String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self))
        case SQLITE_BLOB:
            let count = Int(sqlite3_column_bytes(handle, index))
            guard count > 0, let bytes = sqlite3_column_blob(handle, index) else { return .blob(Data()) }
            return .blob(Data(bytes: bytes, count: count))
        default:
            return .null
        }
    }

    /// Runs the statement to completion and returns every row.
    public func rows() throws -> [Row] {
        var result: [Row] = []
        try forEachRow { result.append($0) }
        return result
    }

    /// Runs the statement to completion, calling `body` with each row.
    public func forEachRow(_ body: (Row) throws -> Void) throws {
        defer { sqlite3_reset(handle) }
        var names: [String]?
        while try step() {
            // Names are read after the first step, when any re-preparation has happened.
            let columns = names ?? self.columns
            names = columns
            try body(row(columns: columns))
        }
    }

    /// Runs a statement that returns no rows (or ignores them).
    public func run() throws {
        defer { sqlite3_reset(handle) }
        while try step() {}
    }
}
