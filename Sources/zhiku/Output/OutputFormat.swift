import ArgumentParser
import Foundation

/// How a command writes its results on standard output.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    /// Aligned columns for people; fits the terminal.
    case table
    /// One JSON array of objects, keys in column order.
    case json
    /// One JSON object per line.
    case jsonl
    /// RFC 4180 comma-separated values with a header line.
    case csv
    /// Tab-separated values with a header line; tabs and line breaks inside values become spaces.
    case tsv

    /// Writes `table` in this format to standard output.
    func write(_ table: OutputTable) {
        let text: String
        switch self {
        case .table: text = TableWriter.render(table, width: TerminalWidth.current)
        case .json:
            text = "[" + table.rows.map { JSONWriter.object(table.columns, $0) }.joined(separator: ",\n") + "]\n"
        case .jsonl: text = table.rows.map { JSONWriter.object(table.columns, $0) + "\n" }.joined()
        case .csv:
            text = ([table.columns.map(Self.csvField)] + table.rows.map { $0.map { Self.csvField($0.plainText) } })
                .map { $0.joined(separator: ",") + "\r\n" }.joined()
        case .tsv:
            text = ([table.columns] + table.rows.map { $0.map(\.plainText) })
                .map { $0.map(Self.tsvField).joined(separator: "\t") + "\n" }.joined()
        }
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    private static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    private static func tsvField(_ text: String) -> String {
        String(text.map { $0 == "\t" || $0 == "\n" || $0 == "\r" ? " " : $0 })
    }
}

/// JSON text written by hand, so that keys keep their column order and Chinese stays readable (not
/// escaped as \u sequences).
enum JSONWriter {
    static func object(_ columns: [String], _ values: [OutputValue]) -> String {
        "{" + zip(columns, values).map { string($0) + ": " + value($1) }.joined(separator: ", ") + "}"
    }

    static func value(_ value: OutputValue) -> String {
        switch value {
        case .null: return "null"
        case .integer(let number): return String(number)
        case .real(let number): return number.isFinite ? String(number) : "null"
        case .text(let text): return string(text)
        case .list(let values): return "[" + values.map(Self.value).joined(separator: ", ") + "]"
        case .object(let keys, let values): return object(keys, values)
        }
    }

    static func string(_ text: String) -> String {
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
