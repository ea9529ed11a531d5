import CSQLite

/// An error reported by SQLite, or by this wrapper when a value does not have the expected type.
///
/// It carries SQLite's extended result code, its message and the SQL that failed, never the bound
/// values: user data stays out of logs. Classify errors by ``code``, not by message text.
/// See <https://www.sqlite.org/rescode.html>.
public struct SQLiteError: Error, Sendable, CustomStringConvertible {
    /// The extended result code, such as `SQLITE_CONSTRAINT_UNIQUE`.
    public let code: Int32
    /// SQLite's own message, or this wrapper's for type mismatches.
    public let message: String
    /// The statement that failed, when there was one.
    public let sql: String?

    /// Creates an error from its parts.
    public init(code: Int32, message: String, sql: String? = nil) {
        self.code = code
        self.message = message
        self.sql = sql
    }

    /// The primary result code (the low byte of the extended code), such as `SQLITE_CONSTRAINT`.
    public var primaryCode: Int32 { code & 0xFF }

    /// Whether another connection held a lock for longer than the busy timeout.
    public var isBusy: Bool { primaryCode == SQLITE_BUSY || primaryCode == SQLITE_LOCKED }

    /// Whether the file is not a database, or its header is damaged beyond reading.
    public var isNotADatabase: Bool { primaryCode == SQLITE_NOTADB }

    /// Whether a constraint (unique, foreign key, check, not null) refused the change.
    public var isConstraintViolation: Bool { primaryCode == SQLITE_CONSTRAINT }

    /// The message for a person to read.
    public var description: String {
        let name = String(cString: sqlite3_errstr(code))
        var text = "SQLite error \(code) (\(name)): \(message)"
        if let sql { text += " — in: \(sql)" }
        return text
    }

    /// The error SQLite has recorded on `db` for result code `code`.
    static func from(_ db: OpaquePointer?, code: Int32, sql: String?) -> SQLiteError {
        let extended = db.map { sqlite3_extended_errcode($0) } ?? code
        let message =
            db.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) }
            ?? String(cString: sqlite3_errstr(code))
        // sqlite3_extended_errcode describes the most recent failure; trust it only if it agrees.
        return SQLiteError(code: extended & 0xFF == code & 0xFF ? extended : code, message: message, sql: sql)
    }
}
