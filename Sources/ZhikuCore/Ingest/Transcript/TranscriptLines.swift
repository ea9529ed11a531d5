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

    /// Splits a text whose line ends are `\n` into lines. Works on scalars: splitting a `String` by
    /// `Character` would run grapheme breaking over the whole document.
    static func split(_ text: String) -> [TranscriptLine] {
        var lines: [TranscriptLine] = []
        let scalars = text.unicodeScalars
        var lineStart = scalars.startIndex
        var offset = 0
        var lineOffset = 0
        var index = scalars.startIndex
        while true {
            if index == scalars.endIndex || scalars[index] == "\n" {
                let line = Substring(scalars[lineStart..<index])
                lines.append(
                    TranscriptLine(text: line, number: lines.count + 1, start: lineOffset, length: offset - lineOffset))
                guard index != scalars.endIndex else { break }
                index = scalars.index(after: index)
                offset += 1
                lineStart = index
                lineOffset = offset
                continue
            }
            index = scalars.index(after: index)
            offset += 1
        }
        return lines
    }
}
