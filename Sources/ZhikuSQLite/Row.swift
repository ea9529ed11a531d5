import CSQLite
import Foundation

/// One result row, copied out of SQLite so that it can outlive its statement and cross threads.
///
/// The accessors throw when the value is NULL or of another storage class, naming the column;
/// the `optional…` accessors return nil for NULL.
public struct Row: Sendable {
    /// The result column names, in order.
    public let columns: [String]
    /// The values, in column order.
    public let values: [SQLiteValue]

    /// Creates a row from its columns and values.
    public init(columns: [String], values: [SQLiteValue]) {
        self.columns = columns
        self.values = values
    }

    /// The value of the column at `index`, or `.null` past the end.
    public subscript(index: Int) -> SQLiteValue {
        values.indices.contains(index) ? values[index] : .null
    }

    /// The value of the column named `name`, or `.null` if there is no such column.
    public subscript(name: String) -> SQLiteValue {
        guard let index = columns.firstIndex(of: name) else { return .null }
        return values[index]
    }

    /// The integer at `index`.
    public func int64(_ index: Int) throws -> Int64 {
        guard case .integer(let value) = self[index] else { throw mismatch(index, "an integer") }
        return value
    }

    /// The integer at `index`, or nil for NULL.
    public func optionalInt64(_ index: Int) throws -> Int64? {
        if case .null = self[index] { return nil }
        return try int64(index)
    }

    /// The integer at `index`, as `Int`.
    public func int(_ index: Int) throws -> Int {
        Int(try int64(index))
    }

    /// The floating-point number at `index`; an integer is widened.
    public func double(_ index: Int) throws -> Double {
        switch self[index] {
        case .real(let value): return value
        case .integer(let value): return Double(value)
        default: throw mismatch(index, "a number")
        }
    }

    /// The text at `index`.
    public func string(_ index: Int) throws -> String {
        guard case .text(let value) = self[index] else { throw mismatch(index, "text") }
        return value
    }

    /// The text at `index`, or nil for NULL.
    public func optionalString(_ index: Int) throws -> String? {
        if case .null = self[index] { return nil }
        return try string(index)
    }

    /// The bytes at `index`. A zero-length BLOB reads as empty `Data`, not as NULL.
    public func data(_ index: Int) throws -> Data {
        guard case .blob(let value) = self[index] else { throw mismatch(index, "a blob") }
        return value
    }

    /// Whether the value at `index` is NULL.
    public func isNull(_ index: Int) -> Bool {
        if case .null = self[index] { return true }
        return false
    }

    private func mismatch(_ index: Int, _ expected: String) -> SQLiteError {
        let name = columns.indices.contains(index) ? "'\(columns[index])'" : "#\(index)"
        let found: String
        switch self[index] {
        case .null: found = "NULL"
        case .integer: found = "an integer"
        case .real: found = "a real"
        case .text: found = "text"
        case .blob: found = "a blob"
        }
        return SQLiteError(code: SQLITE_MISMATCH, message: "column \(name) is \(found), expected \(expected)")
    }
}
