/// A plain-text table: the first column left-aligned, the others right-aligned, as numbers read best.
///
/// Widths count characters, so cells should be ASCII; Han text goes on lines of its own.
struct TextTable {
    /// The column headings; the first is usually empty.
    let header: [String]
    /// The rows, each with as many cells as the header (missing cells print empty).
    var rows: [[String]] = []

    /// Adds a row.
    mutating func append(_ cells: String...) {
        rows.append(cells)
    }

    /// The table as lines, indented by `indent` spaces, columns two spaces apart.
    func lines(indent: Int = 2) -> [String] {
        let all = [header] + rows
        let columns = all.map(\.count).max() ?? 0
        let widths = (0..<columns).map { column in
            all.map { column < $0.count ? $0[column].count : 0 }.max() ?? 0
        }
        return all.map { row in
            let cells = (0..<columns).map { column -> String in
                let cell = column < row.count ? row[column] : ""
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                return column == 0 ? cell + padding : padding + cell
            }
            let line = String(repeating: " ", count: indent) + cells.joined(separator: "  ")
            return String(line.reversed().drop(while: { $0 == " " }).reversed())
        }
    }
}
