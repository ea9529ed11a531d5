import Foundation
import ZhikuOutput

/// Renders a table with columns aligned by display width: a Han character takes two columns of a
/// terminal, a combining mark none. Wide tables are fitted to the terminal by shortening the widest
/// cells, marked with "…".
enum TableWriter {
    static func render(_ table: OutputTable, width: Int?) -> String {
        guard !table.columns.isEmpty else { return "" }
        let cells = table.rows.map { $0.map { $0.plainText.replacingOccurrences(of: "\n", with: " ") } }
        var widths = table.columns.indices.map { column in
            ([table.columns[column]] + cells.map { column < $0.count ? $0[column] : "" }).map(DisplayWidth.of).max()
                ?? 0
        }
        if let width {
            // Shrink the widest column until the table fits, but never below the header's width.
            let separators = 2 * (widths.count - 1)
            while widths.reduce(separators, +) > width,
                let widest = widths.indices.max(by: { widths[$0] < widths[$1] }),
                widths[widest] > max(4, DisplayWidth.of(table.columns[widest]))
            {
                widths[widest] -= 1
            }
        }
        var lines = [
            line(table.columns, widths), widths.map { String(repeating: "─", count: $0) }.joined(separator: "  "),
        ]
        lines += cells.map { line($0, widths) }
        return lines.map { $0.trimmingTrailingSpaces() + "\n" }.joined()
    }

    private static func line(_ cells: [String], _ widths: [Int]) -> String {
        widths.indices.map { column in
            let cell = column < cells.count ? cells[column] : ""
            let fitted = DisplayWidth.truncate(cell, to: widths[column])
            return fitted + String(repeating: " ", count: max(0, widths[column] - DisplayWidth.of(fitted)))
        }.joined(separator: "  ")
    }
}

/// The width of the terminal on standard output, or nil when output goes to a pipe or file.
enum TerminalWidth {
    static var current: Int? {
        guard isatty(STDOUT_FILENO) == 1 else { return nil }
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init)
    }
}

extension String {
    fileprivate func trimmingTrailingSpaces() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
