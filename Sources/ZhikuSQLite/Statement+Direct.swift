import CSQLite

/// SQLite's `SQLITE_TRANSIENT`: SQLite copies the bound bytes before the call returns.
private let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

/// One value at a time, for statements that run hundreds of thousands of times in a loop (bulk
/// inserts, corpus scans): no array of parameters, no copied ``Row``, the other bindings kept.
///
/// The binders replace one parameter of a statement that is not running (after ``run()``, or after
/// ``reset()``); the column readers read the current row, after ``step()`` returned true.
/// See <https://www.sqlite.org/c3ref/bind_blob.html> and <https://www.sqlite.org/c3ref/column_blob.html>.
extension Statement {
    /// Binds an integer to the parameter at `index` (from 1).
    public func bind(_ value: Int64, at index: Int32) throws {
        try check(sqlite3_bind_int64(handle, index, value))
    }

    /// Binds an integer to the parameter at `index` (from 1).
    public func bind(_ value: Int, at index: Int32) throws {
        try check(sqlite3_bind_int64(handle, index, Int64(value)))
    }

    /// Binds an integer, or NULL for nil, to the parameter at `index` (from 1).
    public func bind(_ value: Int64?, at index: Int32) throws {
        guard let value else { return try check(sqlite3_bind_null(handle, index)) }
        try check(sqlite3_bind_int64(handle, index, value))
    }

    /// Binds text, or NULL for nil, to the parameter at `index` (from 1). The text is bound with
    /// its byte length, so text with NUL characters survives whole.
    public func bind(_ value: String?, at index: Int32) throws {
        guard var text = value else { return try check(sqlite3_bind_null(handle, index)) }
        let code = text.withUTF8 { bytes in
            // An empty buffer may have no address, and a NULL pointer would bind NULL, not ''.
            guard let base = bytes.baseAddress else { return sqlite3_bind_text(handle, index, "", 0, transient) }
            return base.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                sqlite3_bind_text(handle, index, $0, Int32(bytes.count), transient)
            }
        }
        try check(code)
    }

    /// The integer in column `index` (from 0) of the current row; 0 for NULL.
    public func columnInt64(_ index: Int32) -> Int64 {
        sqlite3_column_int64(handle, index)
    }

    /// Whether column `index` (from 0) of the current row is NULL.
    public func columnIsNull(_ index: Int32) -> Bool {
        sqlite3_column_type(handle, index) == SQLITE_NULL
    }

    /// Calls `body` with the UTF-8 bytes of the text in column `index` (from 0) of the current row,
    /// without copying them into a `String`: a scan over a whole corpus decodes only what it needs.
    /// The bytes are valid only during the call. NULL reads as no bytes.
    public func withColumnText<T>(_ index: Int32, _ body: (UnsafeBufferPointer<UInt8>) throws -> T) rethrows -> T {
        // sqlite3_column_text before sqlite3_column_bytes, as SQLite's documentation advises.
        let bytes = sqlite3_column_text(handle, index)
        let count = Int(sqlite3_column_bytes(handle, index))
        return try body(UnsafeBufferPointer(start: count > 0 ? bytes : nil, count: bytes == nil ? 0 : count))
    }

    private func check(_ code: Int32) throws {
        guard code == SQLITE_OK else { throw SQLiteError.from(db, code: code, sql: sql) }
    }
}
