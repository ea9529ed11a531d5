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
        self.init(folded: text.unicodeScalars.map(fold.fold))
    }

    /// Splits text that is already folded into search tokens.
    public init(folded scalars: [Unicode.Scalar]) {
        var tokens: [SearchToken] = []
        Self.scan(scalars) { kind, range in
            let text =
                kind == .boundary
                ? String(Self.boundary) : String(String.UnicodeScalarView(scalars[range]))
            tokens.append(SearchToken(kind: kind, text: text, start: range.lowerBound, end: range.upperBound))
        }
        self.tokens = tokens
    }

    /// The text written to the index: the tokens joined by spaces.
    public var indexText: String {
        tokens.map(\.text).joined(separator: " ")
    }

    /// The index text of already folded scalars, built without making a token for each character:
    /// this runs over every character at ingest. Equal to `SearchForm(folded:).indexText`.
    ///
    /// The tokens of ``scan(_:_:)``, written as they come: a word's characters as soon as they are
    /// read (nothing else can come between them), a run of boundaries when something else follows.
    public static func indexText(folded scalars: some RandomAccessCollection<Unicode.Scalar>) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(scalars.count * 4)
        var inWord = false
        var inBoundary = false
        for scalar in scalars {
            switch classify(scalar) {
            case .character:
                if inBoundary {
                    appendBoundary(to: &bytes)
                    inBoundary = false
                }
                inWord = false
                if !bytes.isEmpty { bytes.append(0x20) }
                appendUTF8(scalar, to: &bytes)
            case .word:
                if inBoundary {
                    appendBoundary(to: &bytes)
                    inBoundary = false
                }
                if !inWord {
                    if !bytes.isEmpty { bytes.append(0x20) }
                    inWord = true
                }
                appendUTF8(scalar, to: &bytes)
            case .space:
                inWord = false
            case .boundary:
                inWord = false
                inBoundary = true
            }
        }
        if inBoundary { appendBoundary(to: &bytes) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The index text of the turn that spans `start..<end` of a document's scalars, folded with the
    /// database's `fold`: what the index holds for a stored turn, needed again to delete its entry from
    /// the contentless index and to verify that index. Offsets past the text are clamped, as at ingest.
    static func turnIndexText(_ scalars: [Unicode.Scalar], start: Int, end: Int, fold: FoldTable) -> String {
        let range = (start..<max(start, end)).clamped(to: 0..<scalars.count)
        return indexText(folded: scalars[range].map(fold.fold))
    }

    @inline(__always)
    private static func appendBoundary(to bytes: inout [UInt8]) {
        if !bytes.isEmpty { bytes.append(0x20) }
        appendUTF8(boundary, to: &bytes)
    }

    @inline(__always)
    private static func appendUTF8(_ scalar: Unicode.Scalar, to bytes: inout [UInt8]) {
        let value = scalar.value
        switch value {
        case 0..<0x80:
            bytes.append(UInt8(value))
        case 0x80..<0x800:
            bytes.append(UInt8(0xC0 | value >> 6))
            bytes.append(UInt8(0x80 | value & 0x3F))
        case 0x800..<0x1_0000:
            bytes.append(UInt8(0xE0 | value >> 12))
            bytes.append(UInt8(0x80 | value >> 6 & 0x3F))
            bytes.append(UInt8(0x80 | value & 0x3F))
        default:
            bytes.append(UInt8(0xF0 | value >> 18))
            bytes.append(UInt8(0x80 | value >> 12 & 0x3F))
            bytes.append(UInt8(0x80 | value >> 6 & 0x3F))
            bytes.append(UInt8(0x80 | value & 0x3F))
        }
    }

    /// Calls `emit` with the kind and scalar range of each token of folded text, in order: Han
    /// characters one by one, words whole, runs of punctuation and line breaks as one boundary.
    static func scan(
        _ scalars: some RandomAccessCollection<Unicode.Scalar>, _ emit: (SearchToken.Kind, Range<Int>) -> Void
    ) {
        var wordStart: Int?
        var boundaryStart: Int?
        var offset = 0
        func closeWord() {
            if let start = wordStart {
                emit(.word, start..<offset)
                wordStart = nil
            }
        }
        func closeBoundary() {
            if let start = boundaryStart {
                emit(.boundary, start..<offset)
                boundaryStart = nil
            }
        }
        for scalar in scalars {
            switch classify(scalar) {
            case .character:
                closeWord()
                closeBoundary()
                emit(.character, offset..<(offset + 1))
            case .word:
                closeBoundary()
                if wordStart == nil { wordStart = offset }
            case .space:
                closeWord()
            case .boundary:
                closeWord()
                if boundaryStart == nil { boundaryStart = offset }
            }
            offset += 1
        }
        closeWord()
        closeBoundary()
    }

    /// How a folded scalar is indexed.
    package enum CharacterClass: Sendable { case character, word, space, boundary }

    /// How one folded scalar is indexed. Mirrors `unicode61`: letters, digits and private-use
    /// characters are token characters; everything else separates tokens.
    ///
    /// Unicode property look-ups are slow, and this runs for every character of every document:
    /// the blocks Chinese text is written in are answered by range or from a small table, the rest
    /// with one look-up (see ``quickClass(_:)``). A table of the whole Basic Multilingual Plane
    /// answered as fast, but building it took a millisecond of every cold `zhiku search`.
    @inline(__always)
    package static func classify(_ scalar: Unicode.Scalar) -> CharacterClass {
        let value = scalar.value
        if value < 0x100 { return commonClasses[Int(value)] }
        if value >= 0x4E00 && value <= 0x9FFF { return .character }
        return lessCommonClass(scalar)
    }

    private static func lessCommonClass(_ scalar: Unicode.Scalar) -> CharacterClass {
        let value = scalar.value
        switch value {
        case 0x2000...0x206F: return commonClasses[Int(value - 0x2000) + 0x100]
        case 0x3000...0x303F: return commonClasses[Int(value - 0x3000) + 0x170]
        case 0xFF00...0xFFEF: return commonClasses[Int(value - 0xFF00) + 0x1B0]
        case 0x3400...0x4DBF, 0xAC00...0xD7AF, 0xE001...0xF8FF: return .character
        case 0xD800...0xDFFF: return .boundary  // surrogates: no scalar, never in text
        case ..<0x1_0000: return quickClass(scalar)
        default: return computeClass(scalar)
        }
    }

    /// The classes of Latin-1 (U+0000–00FF), general punctuation (U+2000–206F), CJK symbols and
    /// punctuation (U+3000–303F) and the half- and full-width forms (U+FF00–FFEF), one after another.
    private static let commonClasses: [CharacterClass] = {
        let blocks: [ClosedRange<UInt32>] = [0x0000...0x00FF, 0x2000...0x206F, 0x3000...0x303F, 0xFF00...0xFFEF]
        // No surrogates in these blocks: every value is a scalar, and the offsets above hold.
        return blocks.flatMap { block in block.compactMap(Unicode.Scalar.init).map(quickClass) }
    }()

    /// ``computeClass(_:)`` with one property look-up for most scalars of the Basic Multilingual
    /// Plane. Outside the blocks that ``classify(_:)`` answers by range, the plane has ideographs only among
    /// the CJK symbols (〆 〇 〡 …, U+3000–303F) and the compatibility ideographs (U+F900–FAFF), and
    /// they are letters (Lo) or letter numbers (Nl); white space that is not a line break is the tab
    /// and the space separators (Zs).
    static func quickClass(_ scalar: Unicode.Scalar) -> CharacterClass {
        let value = scalar.value
        if scalar == boundary { return .boundary }
        if isSyllabic(value) { return .character }
        let category = scalar.properties.generalCategory
        if (0x3000...0x303F).contains(value) || (0xF900...0xFAFF).contains(value),
            category == .otherLetter || category == .letterNumber, scalar.properties.isIdeographic
        {
            return .character
        }
        if value == 0x09 || category == .spaceSeparator { return .space }
        return categoryClass(category)
    }

    /// The class of a scalar that is no ideograph, syllable or white space, by its general category.
    private static func categoryClass(_ category: Unicode.GeneralCategory) -> CharacterClass {
        switch category {
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

    /// How one folded scalar is indexed, from its Unicode properties: the definition that
    /// ``classify(_:)`` computes faster.
    package static func computeClass(_ scalar: Unicode.Scalar) -> CharacterClass {
        if scalar == boundary { return .boundary }
        let properties = scalar.properties
        if properties.isIdeographic || isSyllabic(scalar.value) { return .character }
        if properties.isWhitespace && !isLineBreak(scalar.value) { return .space }
        return categoryClass(properties.generalCategory)
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
