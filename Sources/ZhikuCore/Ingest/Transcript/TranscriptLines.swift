/// One line of a document, with where it stands in the whole text.
struct TranscriptLine {
    /// The line's text, without its line break.
    let text: Substring
    /// The line's number, from 1.
    let number: Int
    /// Offset of the line's first scalar in the document text.
    let start: Int
    /// The number of scalars in the line.
    let length: Int

    /// Offset just past the line's last character that is not white space.
    var contentEnd: Int {
        var end = length
        let scalars = Array(text.unicodeScalars)
        while end > 0, scalars[end - 1].properties.isWhitespace { end -= 1 }
        return start + end
    }

    /// Offset of the line's first character that is not white space.
    var contentStart: Int {
        start
            + (text.unicodeScalars.firstIndex { !$0.properties.isWhitespace }.map {
                text.unicodeScalars.distance(from: text.unicodeScalars.startIndex, to: $0)
            } ?? length)
    }

    /// Whether the line has nothing but white space.
    var isBlank: Bool { text.unicodeScalars.allSatisfy { $0.properties.isWhitespace } }

    /// Splits a text whose line ends are `\n` into lines.
    static func split(_ text: String) -> [TranscriptLine] {
        var lines: [TranscriptLine] = []
        var offset = 0
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let length = line.unicodeScalars.count
            lines.append(TranscriptLine(text: line, number: index + 1, start: offset, length: length))
            offset += length + 1
        }
        return lines
    }
}
