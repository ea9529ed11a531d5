extension Store {
    /// SQLite's `PRAGMA data_version`: a number that changes when another connection (in this process
    /// or another) commits to the file. See <https://sqlite.org/pragma.html#pragma_data_version>.
    public func dataVersion() throws -> Int64 {
        try connection.queryFirst("PRAGMA data_version")?.int64(0) ?? 0
    }
}
