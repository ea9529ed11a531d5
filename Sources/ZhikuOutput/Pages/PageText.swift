/// A page of text for a terminal, built from a title, headings, items and indented bodies.
struct PageText {
    private(set) var text = ""

    /// The page's title, underlined.
    mutating func title(_ title: String) {
        text += title + "\n" + String(repeating: "═", count: min(60, DisplayWidth.of(title))) + "\n"
    }

    /// A plain line; an empty one is left out.
    mutating func line(_ line: String) {
        if !line.isEmpty { text += line + "\n" }
    }

    /// A heading, after a blank line.
    mutating func heading(_ heading: String) {
        text += "\n" + heading + "\n" + String(repeating: "─", count: min(60, DisplayWidth.of(heading))) + "\n"
    }

    /// An item of a list.
    mutating func item(_ item: String) {
        text += "  " + item + "\n"
    }

    /// Text under an item, indented; its own line breaks are kept.
    mutating func body(_ body: String) {
        for line in body.split(separator: "\n", omittingEmptySubsequences: false) {
            text += "      " + line + "\n"
        }
    }
}
