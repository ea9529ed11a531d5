import ZhikuSQLite

/// The rows of a user's SQL statement.
public struct UserSQLResult: Sendable {
    /// The result column names.
    public let columns: [String]
    /// The rows, at most the row limit.
    public let rows: [Row]
    /// Whether more rows were left when the row limit was reached.
    public let reachedRowLimit: Bool
}

/// Runs SQL typed by a user: on a read-only connection whose authorizer refuses writes, ATTACH,
/// PRAGMA changes and extension loading, stopped at a time limit, with at most `maxRows` rows read.
/// Parameters are bound, never spliced into the text.
public enum UserSQL {
    /// Runs one statement against the database at `path`.
    ///
    /// `parameters` bind to `:name`, `@name` or `$name`; a value that reads as an integer or a number
    /// is bound as one, anything else as text.
    public static func run(
        _ sql: String, parameters: [String: String] = [:], databasePath path: String, timeout: Double = 5,
        maxRows: Int = 10_000
    ) throws -> UserSQLResult {
        try run(
            sql, values: parameters.mapValues(value(of:)), databasePath: path, timeout: timeout, maxRows: maxRows)
    }

    /// Runs one statement with parameters already given as SQLite values, so that a caller can bind
    /// NULL (a canned report's parameter that was not given).
    package static func run(
        _ sql: String, values: [String: SQLiteValue], databasePath path: String, timeout: Double, maxRows: Int
    ) throws -> UserSQLResult {
        guard maxRows > 0 else { throw ZhikuError.invalidArgument("the row limit must be at least 1, got \(maxRows)") }
        guard timeout > 0 else { throw ZhikuError.invalidArgument("the time limit must be positive, got \(timeout)") }
        let connection = try Connection(path: path, mode: .readOnly)
        connection.allowOnlyReading()
        do {
            return try connection.withTimeLimit(timeout) {
                let statement = try connection.prepare(sql)
                try statement.bind(named: values)
                var rows: [Row] = []
                var reachedLimit = false
                while try statement.step() {
                    guard rows.count < maxRows else {
                        reachedLimit = true
                        break
                    }
                    rows.append(statement.row())
                }
                return UserSQLResult(columns: statement.columns, rows: rows, reachedRowLimit: reachedLimit)
            }
        } catch let error as SQLiteError {
            // Classified by code: SQLITE_AUTH is the authorizer's refusal, SQLITE_INTERRUPT the time limit.
            if error.primaryCode == 23 { throw ZhikuError.sqlRefused(error.message) }
            if error.primaryCode == 9 { throw ZhikuError.sqlTimeLimit(seconds: timeout) }
            if error.primaryCode == 8 { throw ZhikuError.sqlRefused(error.message) }
            throw error
        }
    }

    /// A value typed on the command line as SQLite should see it: an integer or a number when it reads
    /// as one, text otherwise.
    package static func value(of text: String) -> SQLiteValue {
        if let integer = Int64(text) { return .integer(integer) }
        if let number = Double(text), number.isFinite { return .real(number) }
        return .text(text)
    }
}
