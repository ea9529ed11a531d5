import ArgumentParser
import Foundation
import ZhikuOutput

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
