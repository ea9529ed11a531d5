import CSQLite

extension Statement {
    /// Calls `body` with the UTF-8 bytes of the text in column `index` of the current row, read in
    /// place (NULL reads as no bytes). The bytes are valid only during the call.
    ///
    /// For scans over millions of rows; call it only after ``step()`` returned true.
    public func withText<T>(at index: Int32, _ body: (UnsafeRawBufferPointer) throws -> T) rethrows -> T {
        // sqlite3_column_text first, then sqlite3_column_bytes: the order SQLite documents as safe.
        let bytes = sqlite3_column_text(handle, index)
        let count = Int(sqlite3_column_bytes(handle, index))
        return try body(UnsafeRawBufferPointer(start: bytes, count: bytes == nil ? 0 : count))
    }
}
