/// One line of a document, with where it stands in the whole text.
package struct TranscriptLine {
    /// The line's text, without its line break.
    let text: Substring
    /// The line's number, from 1.
    let number: Int
    /// Offset of the line's first scalar in the document text.
    let start: Int
    /// The number of scalars in the line.
    let length: Int

    /// Offset of the line's first character that is not white space (`start + length` if none).
    let contentStart: Int
    /// Offset just past the line's last character that is not white space.
    let contentEnd: Int

    /// Whether the line has nothing but white space.
    var isBlank: Bool { contentStart >= contentEnd }

    /// Splits a text whose line ends are `\n` into lines. Works on scalars: splitting a `String` by
    /// `Character` would run grapheme breaking over the whole document.
    static func split(_ text: String) -> [TranscriptLine] {
        var lines: [TranscriptLine] = []
        var lineStart = text.unicodeScalars.startIndex
        var lineOffset = 0
        var offset = 0
        // Where the line's content begins and ends, found in the same pass: computed later, they would
        // walk every line again for each turn that asks.
        var firstContent: Int?
        var lastContent = 0
        func closeLine(at end: String.UnicodeScalarView.Index) {
            lines.append(
                TranscriptLine(
                    text: Substring(text.unicodeScalars[lineStart..<end]), number: lines.count + 1, start: lineOffset,
                    length: offset - lineOffset, contentStart: firstContent ?? offset,
                    contentEnd: firstContent == nil ? offset : lastContent))
        }
        var index = text.unicodeScalars.startIndex
        while index != text.unicodeScalars.endIndex {
            let scalar = text.unicodeScalars[index]
            let next = text.unicodeScalars.index(after: index)
            if scalar == "\n" {
                closeLine(at: index)
                offset += 1
                lineStart = next
                lineOffset = offset
                firstContent = nil
            } else {
                if !Self.isWhitespace(scalar) {
                    if firstContent == nil { firstContent = offset }
                    lastContent = offset + 1
                }
                offset += 1
            }
            index = next
        }
        closeLine(at: text.unicodeScalars.endIndex)
        return lines
    }

    /// `Unicode.Scalar.Properties.isWhitespace`, written out: the property look-up, run for every
    /// character of every document, is slow, and a table of it took milliseconds to build at each
    /// start of the program. White_Space has held these 25 scalars since Unicode 6.3; a test
    /// compares them with the property over every scalar.
    @inline(__always)
    package static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value > 0x3000 { return false }  // Han and everything after: the common case
        switch value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
            return true
        default:
            return false
        }
    }
}
