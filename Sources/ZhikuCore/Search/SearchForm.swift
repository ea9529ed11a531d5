/// A piece of a text as the index sees it, with its place in the original text.
public struct SearchToken: Sendable, Equatable {
    /// What kind of piece it is.
    public enum Kind: Sendable, Equatable {
        /// One Han (or kana, hangul, bopomofo) character: each is its own token, so that a query of
        /// any length matches at any position.
        case character
        /// A run of letters and digits from a script that separates words (`mcu`, `28nm`).
        case word
        /// Punctuation or a line break: a boundary that a phrase must not cross.
        case boundary
    }

    /// The token's kind.
    public let kind: Kind
    /// The folded text of the token, as it is written in the search form.
    public let text: String
    /// Offset of the token's first scalar in the original text, in Unicode scalars.
    public let start: Int
    /// Offset just past the token's last scalar, in Unicode scalars.
    public let end: Int
}

/// The search form of a text: what Zhiku writes into the FTS5 index.
///
/// Every character is folded (see ``FoldTable``); Han characters become one token each; runs of
/// letters and digits stay words; spaces separate tokens; punctuation and line breaks become the
/// boundary token U+E000, so that a phrase never matches across a comma (`芯，片` does not contain
/// `芯片`). The tokens are joined by single spaces, which FTS5's built-in `unicode61` tokenizer
/// splits back into exactly these tokens: no custom tokenizer is needed to read or search the file.
///
/// Example: `"晶片，28nm MCU"` → `"晶 片 \u{E000} 28nm mcu"`.
public struct SearchForm: Sendable {
    /// The token written for a boundary. A private-use character: `unicode61` keeps it as a token
    /// (its default categories are `L* N* Co`), and real text practically never contains it.
    public static let boundary: Unicode.Scalar = "\u{E000}"

    /// The tokens of the text, in order, never two boundaries in a row.
    public let tokens: [SearchToken]

    /// Splits `text` into search tokens, folding each character with `fold`.
    public init(_ text: some StringProtocol, fold: FoldTable) {
        var tokens: [SearchToken] = []
        var word = String.UnicodeScalarView()
        var wordStart = 0
        var offset = 0

        func closeWord() {
            guard !word.isEmpty else { return }
            tokens.append(SearchToken(kind: .word, text: String(word), start: wordStart, end: offset))
            word = String.UnicodeScalarView()
        }

        for original in text.unicodeScalars {
            let scalar = fold.fold(original)
            switch SearchForm.classify(scalar) {
            case .character:
                closeWord()
                tokens.append(SearchToken(kind: .character, text: String(scalar), start: offset, end: offset + 1))
            case .word:
                if word.isEmpty { wordStart = offset }
                word.append(scalar)
            case .space:
                closeWord()
            case .boundary:
                closeWord()
                if let last = tokens.last, last.kind == .boundary {
                    tokens[tokens.count - 1] = SearchToken(
                        kind: .boundary, text: last.text, start: last.start, end: offset + 1)
                } else {
                    tokens.append(
                        SearchToken(kind: .boundary, text: String(Self.boundary), start: offset, end: offset + 1))
                }
            }
            offset += 1
        }
        closeWord()
        self.tokens = tokens
    }

    /// The text written to the index: the tokens joined by spaces.
    public var indexText: String {
        tokens.map(\.text).joined(separator: " ")
    }

    enum CharacterClass { case character, word, space, boundary }

    /// How one folded scalar is indexed. Mirrors `unicode61`: letters, digits and private-use
    /// characters are token characters; everything else separates tokens.
    static func classify(_ scalar: Unicode.Scalar) -> CharacterClass {
        if scalar == boundary { return .boundary }
        let properties = scalar.properties
        if properties.isIdeographic || isSyllabic(scalar.value) { return .character }
        if properties.isWhitespace && !isLineBreak(scalar.value) { return .space }
        switch properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
            .decimalNumber, .letterNumber, .otherNumber:
            return .word
        case .privateUse:
            return .character
        case .nonspacingMark, .spacingMark, .enclosingMark, .format:
            // unicode61 splits on marks too; treating them as spaces keeps both sides in agreement.
            return .space
        default:
            return .boundary
        }
    }

    /// Scripts written without spaces between words: every character is a token, as for Han.
    private static func isSyllabic(_ value: UInt32) -> Bool {
        switch value {
        case 0x1100...0x11FF, 0x3040...0x30FF, 0x3100...0x312F, 0x3130...0x318F, 0x31A0...0x31BF,
            0x31F0...0x31FF, 0xAC00...0xD7AF, 0xFF66...0xFF9F:
            return true
        default:
            return false
        }
    }

    private static func isLineBreak(_ value: UInt32) -> Bool {
        value == 0x0A || value == 0x0B || value == 0x0C || value == 0x0D || value == 0x85 || value == 0x2028
            || value == 0x2029
    }
}
