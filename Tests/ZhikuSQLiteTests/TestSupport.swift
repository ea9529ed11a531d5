import Foundation
import Testing
import ZhikuSQLite

// The C constants of SQLite (CSQLite) are not visible to the tests, so the tests compare result codes
// with their literal values and name the constant in a comment. See https://www.sqlite.org/rescode.html.

/// Runs `body` with a new, empty directory under the system's temporary directory and removes the
/// directory and everything in it afterwards, whether `body` returns or throws.
func withTemporaryDirectory<Result>(_ body: (URL) throws -> Result) throws -> Result {
    let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("ZhikuSQLiteTests-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    return try body(directory)
}

/// Runs `body` with the path of a database file (not yet created) in a temporary directory that is
/// removed afterwards.
func withTemporaryDatabasePath<Result>(_ body: (String) throws -> Result) throws -> Result {
    try withTemporaryDirectory { directory in
        try body(directory.appendingPathComponent("test.sqlite").path)
    }
}

/// A private in-memory database.
func memoryDatabase() throws -> Connection {
    try Connection(path: ":memory:")
}

extension Connection {
    /// The single value of a query that must return exactly one row.
    func scalar(_ sql: String, _ arguments: any SQLiteBindable...) throws -> SQLiteValue {
        let rows = try query(sql, arguments: arguments)
        try #require(rows.count == 1, "expected one row from \(sql)")
        return rows[0][0]
    }

    /// The number of rows of `table`.
    func count(_ table: String) throws -> Int64 {
        guard case .integer(let count) = try scalar("SELECT count(*) FROM \(table)") else {
            Issue.record("count(*) did not return an integer")
            return -1
        }
        return count
    }
}

/// An error thrown by test code, to check that transactions roll back and rethrow it unchanged.
struct TestFailure: Error, Equatable {
    let reason: String
}
