import Foundation

/// One SQLite value, with SQLite's five storage classes.
/// See <https://www.sqlite.org/datatype3.html>.
public enum SQLiteValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob(Data)
}

/// A Swift value that can be bound to a statement parameter.
public protocol SQLiteBindable {
    /// The value as SQLite stores it.
    var sqliteValue: SQLiteValue { get }
}

extension SQLiteValue: SQLiteBindable {
    /// The value as SQLite stores it.
    public var sqliteValue: SQLiteValue { self }
}

extension Int64: SQLiteBindable {
    /// The value as SQLite stores it.
    public var sqliteValue: SQLiteValue { .integer(self) }
}

extension Int: SQLiteBindable {
    /// The value as SQLite stores it.
    public var sqliteValue: SQLiteValue { .integer(Int64(self)) }
}

extension Int32: SQLiteBindable {
    /// The value as SQLite stores it.
    public var sqliteValue: SQLiteValue { .integer(Int64(self)) }
}

extension Bool: SQLiteBindable {
    /// The value as SQLite stores it.
    public var sqliteValue: SQLiteValue { .integer(self ? 1 : 0) }
}

extension Double: SQLiteBindable {
    /// The value as SQLite stores it.
    public var sqliteValue: SQLiteValue { .real(self) }
}

extension String: SQLiteBindable {
    /// The value as SQLite stores it.
    public var sqliteValue: SQLiteValue { .text(self) }
}

extension Substring: SQLiteBindable {
    /// The value as SQLite stores it.
    public var sqliteValue: SQLiteValue { .text(String(self)) }
}

extension Data: SQLiteBindable {
    /// The value as SQLite stores it.
    public var sqliteValue: SQLiteValue { .blob(self) }
}

extension Optional: SQLiteBindable where Wrapped: SQLiteBindable {
    /// The value as SQLite stores it.
    public var sqliteValue: SQLiteValue { self?.sqliteValue ?? .null }
}
