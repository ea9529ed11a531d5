import Foundation

/// JSON text written by hand, so that keys keep their column order and Chinese stays readable (not
/// escaped as \u sequences).
public enum JSONWriter {
    /// A JSON object with `columns` as keys, in order, and `values` as their values.
    public static func object(_ columns: [String], _ values: [OutputValue]) -> String {
        "{" + zip(columns, values).map { string($0) + ": " + value($1) }.joined(separator: ", ") + "}"
    }

    /// The JSON text of one value.
    public static func value(_ value: OutputValue) -> String {
        switch value {
        case .null: return "null"
        case .integer(let number): return String(number)
        case .real(let number): return number.isFinite ? String(number) : "null"
        case .text(let text): return string(text)
        case .list(let values): return "[" + values.map(Self.value).joined(separator: ", ") + "]"
        case .object(let keys, let values): return object(keys, values)
        }
    }

    /// A JSON string literal; characters outside ASCII are written as they are, not escaped.
    public static func string(_ text: String) -> String {
        var escaped = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": escaped += "\\\""
            case "\\": escaped += "\\\\"
            case "\n": escaped += "\\n"
            case "\r": escaped += "\\r"
            case "\t": escaped += "\\t"
            case _ where scalar.value < 0x20:
                escaped += String(format: "\\u%04x", scalar.value)
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped + "\""
    }
}
