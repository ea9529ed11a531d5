import ZhikuSQLite

/// One cell of command output: what every format (table, JSON, CSV …) knows how to write.
public enum OutputValue: Equatable, Sendable {
    /// No value: JSON null, an empty cell.
    case null
    /// A whole number.
    case integer(Int64)
    /// A floating-point number.
    case real(Double)
    /// Text.
    case text(String)
    /// A list of values: a JSON array, a comma-separated cell.
    case list([OutputValue])
    /// A nested object, keys in order: for pages (`zhiku show`) in JSON.
    case object(keys: [String], values: [OutputValue])

    /// The value as SQLite returned it; a BLOB is shown as its size, never as raw bytes.
    public init(_ value: SQLiteValue) {
        switch value {
        case .null: self = .null
        case .integer(let number): self = .integer(number)
        case .real(let number): self = .real(number)
        case .text(let text): self = .text(text)
        case .blob(let data): self = .text("<\(data.count) bytes>")
        }
    }

    /// The value as plain text, for tables and CSV.
    public var plainText: String {
        switch self {
        case .null: return ""
        case .integer(let number): return String(number)
        case .real(let number): return String(number)
        case .text(let text): return text
        case .list(let values): return values.map(\.plainText).joined(separator: ", ")
        case .object(let keys, let values):
            return zip(keys, values).map { "\($0): \($1.plainText)" }.joined(separator: ", ")
        }
    }
}

/// Rows of output under named columns.
public struct OutputTable: Sendable {
    /// The column names, which are the keys of JSON objects.
    public var columns: [String]
    /// The rows, each with one value per column.
    public var rows: [[OutputValue]]

    /// A table of `rows` under `columns`.
    public init(columns: [String], rows: [[OutputValue]]) {
        self.columns = columns
        self.rows = rows
    }
}

extension OutputValue {
    /// A text value, or null.
    public static func text(_ text: String?) -> OutputValue { text.map(OutputValue.text) ?? .null }

    /// An integer value.
    public static func integer(_ number: Int) -> OutputValue { .integer(Int64(number)) }

    /// An integer value, or null.
    public static func integer(_ number: Int64?) -> OutputValue { number.map(OutputValue.integer) ?? .null }

    /// An object with the keys and values in the order given.
    public static func object(_ fields: KeyValuePairs<String, OutputValue>) -> OutputValue {
        .object(keys: fields.map(\.key), values: fields.map(\.value))
    }
}
