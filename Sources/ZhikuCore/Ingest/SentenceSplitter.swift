/// Splits a stretch of a document into sentences, as ranges of Unicode scalar offsets.
///
/// Sentences end at `。！？!?；;…` (a run of them, such as `……` or `？！`, is one ending) and at line
/// breaks: a paragraph end always ends a sentence. Closing quotes and brackets right after an ending
/// stay with the sentence. Nothing splits inside a quotation or bracket (`「」『』“”‘’（）()【】《》〈〉
/// 〔〕［］` and straight `"`), so a quoted sentence stays in its host sentence; only brackets closed on
/// the same line count, so an unclosed quote cannot swallow what follows it. An ASCII `.` ends a
/// sentence only after a Latin word and before a space or the end (English text inside Chinese), never
/// in numbers, abbreviations or addresses (`3.5`, `e.g.`, `example.com`); URLs never split.
///
/// Runs in time linear in the length of the range, on the scalar array itself.
public enum SentenceSplitter {
    /// How a sentence ends.
    public enum Ending: Sendable, Equatable {
        /// `。`, `.` and their kin.
        case period
        /// `！` or `!`.
        case exclamation
        /// `？` or `?`, alone or in a run such as `？！`.
        case question
        /// `；` or `;`.
        case semicolon
        /// `…`, `……`, `...`.
        case ellipsis
        /// A terminator inside a quotation that closes the sentence, as in `他說：「好。」`: the
        /// sentence itself says nothing about the quotation being a question.
        case quotation
        /// No terminator: the sentence ends at a line break or at the end of the range.
        case none
    }

    /// One sentence: where it is and how it ends.
    public struct Sentence: Sendable, Equatable {
        /// Offsets of its first scalar and just past its last, in the whole text; never starts or
        /// ends with whitespace.
        public var range: Range<Int>
        /// How it ends.
        public var ending: Ending

        /// Creates a value from its parts.
        public init(range: Range<Int>, ending: Ending) {
            self.range = range
            self.ending = ending
        }
    }

    /// The sentences of `range` of `scalars`, in order; offsets count scalars from the start of
    /// `scalars`. A range reaching outside `scalars` is clipped to it.
    public static func sentences(in scalars: [Unicode.Scalar], range: Range<Int>) -> [Sentence] {
        var splitter = Splitter(scalars: scalars, range: range)
        return splitter.run()
    }
}

/// What a bracket-like scalar turned out to be once the whole line has been read.
private enum BracketRole: UInt8 {
    case none, opener, closer
}

/// The state of one split: a cursor over the scalars and the sentences found so far.
private struct Splitter {
    let scalars: [Unicode.Scalar]
    let lower: Int
    let upper: Int
    var roles: [BracketRole] = []
    var sentences: [SentenceSplitter.Sentence] = []
    var start: Int

    init(scalars: [Unicode.Scalar], range: Range<Int>) {
        self.scalars = scalars
        lower = max(range.lowerBound, 0)
        upper = max(min(range.upperBound, scalars.count), lower)
        start = lower
    }

    private func role(_ index: Int) -> BracketRole { roles[index - lower] }

    mutating func run() -> [SentenceSplitter.Sentence] {
        guard lower < upper else { return [] }
        matchBrackets()
        var depth = 0
        // Whether the last scalar that was not a closing bracket ended a sentence: a quotation that
        // closes right after its own terminator may end its host sentence.
        var terminatorBeforeClosers = false
        var index = lower
        while index < upper {
            let scalar = scalars[index]
            if TextClass.isLineBreak(scalar) {
                emit(upTo: index, .none)
                start = index + 1
                depth = 0
                terminatorBeforeClosers = false
                index += 1
                continue
            }
            if scalar == ":", let end = TextClass.urlEnd(scalars, colon: index, lower: lower, upper: upper) {
                index = end
                terminatorBeforeClosers = false
                continue
            }
            switch role(index) {
            case .opener:
                depth += 1
                terminatorBeforeClosers = false
                index += 1
                continue
            case .closer:
                depth -= 1
                if depth == 0 && terminatorBeforeClosers {
                    index = closeQuotation(after: index)
                    terminatorBeforeClosers = false
                } else {
                    index += 1
                }
                continue
            case .none:
                break
            }
            if TextClass.closerOpening(scalar) != nil {
                // An unmatched closer says nothing about where the sentence ends.
                index += 1
                continue
            }
            guard let (ending, end) = terminator(at: index) else {
                terminatorBeforeClosers = false
                index += 1
                continue
            }
            if depth > 0 {
                terminatorBeforeClosers = true
                index = end
                continue
            }
            let (finalEnding, sentenceEnd) = absorbEnding(from: end, ending: ending)
            emit(upTo: sentenceEnd, finalEnding)
            start = sentenceEnd
            index = sentenceEnd
        }
        emit(upTo: upper, .none)
        return sentences
    }

    /// A quotation has just closed after its own terminator (`他說：「好。」`). Its host sentence ends
    /// here when a terminator of its own follows, or the paragraph ends, or a space or another
    /// quotation follows; otherwise the host sentence goes on (`他說：「好。」然後…`). Returns where
    /// to continue reading.
    private mutating func closeQuotation(after closer: Int) -> Int {
        var end = closer + 1
        var ending = SentenceSplitter.Ending.quotation
        var ownTerminator = false
        while end < upper, role(end) != .opener {
            let scalar = scalars[end]
            if let kind = TextClass.trailingTerminatorEnding(scalars, at: end, upper: upper) {
                ending = ownTerminator ? TextClass.stronger(ending, kind) : kind
                ownTerminator = true
            } else if TextClass.closerOpening(scalar) == nil {
                break
            }
            end += 1
        }
        var next = end
        while next < upper, TextClass.isHorizontalSpace(scalars[next]) { next += 1 }
        let followedBySpace = next > end
        let ends =
            ownTerminator || next == upper || followedBySpace || TextClass.isLineBreak(scalars[next])
            || (role(next) == .opener && TextClass.isQuotationMark(scalars[next]))
        if ends {
            emit(upTo: end, ending)
            start = end
        }
        return end
    }

    /// The ending of a sentence whose terminator ends at `end`: the rest of a run of terminators and
    /// closing brackets (`。」`, `？！`, `……`) stays with it.
    private func absorbEnding(from end: Int, ending: SentenceSplitter.Ending) -> (SentenceSplitter.Ending, Int) {
        var end = end
        var ending = ending
        while end < upper, role(end) != .opener {
            if let kind = TextClass.trailingTerminatorEnding(scalars, at: end, upper: upper) {
                ending = TextClass.stronger(ending, kind)
            } else if TextClass.closerOpening(scalars[end]) == nil {
                break
            }
            end += 1
        }
        return (ending, end)
    }

    /// Whether a sentence may end at `index`, and if so how and just past which scalar.
    private func terminator(at index: Int) -> (SentenceSplitter.Ending, Int)? {
        let scalar = scalars[index]
        switch scalar {
        case "。", "｡", "！", "？", "；", "…", "⋯", "‥", "‼", "⁇", "⁈", "⁉":
            return (TextClass.ending(of: scalar), index + 1)
        case "!", "?":
            // Inside a URL or an identifier (`a?b=1`) a question mark is not punctuation.
            if index + 1 < upper, index > lower, TextClass.isURLContinuation(scalars[index + 1]),
                TextClass.isURLPrefix(scalars[index - 1])
            {
                return nil
            }
            return (TextClass.ending(of: scalar), index + 1)
        case ";":
            return (.semicolon, index + 1)
        case "．":
            let betweenAlphanumerics =
                index > lower && index + 1 < upper && TextClass.isAlphanumeric(scalars[index - 1])
                && TextClass.isAlphanumeric(scalars[index + 1])
            return betweenAlphanumerics ? nil : (.period, index + 1)
        case ".":
            return period(at: index)
        default:
            return nil
        }
    }

    /// An ASCII full stop ends a sentence of English inside Chinese text, and nothing else: not a
    /// decimal point, an abbreviation, a domain name or a list number.
    private func period(at index: Int) -> (SentenceSplitter.Ending, Int)? {
        var runEnd = index + 1
        while runEnd < upper, scalars[runEnd] == "." { runEnd += 1 }
        if runEnd - index >= 2 {
            // `...` is an ellipsis, but `1..5` is a range.
            if runEnd < upper, TextClass.isASCIIAlphanumeric(scalars[runEnd]) { return nil }
            return (.ellipsis, runEnd)
        }
        var next = index + 1
        while next < upper, TextClass.closerOpening(scalars[next]) != nil { next += 1 }
        guard next == upper || TextClass.isWhitespace(scalars[next]) else { return nil }
        while next < upper, TextClass.isHorizontalSpace(scalars[next]) { next += 1 }
        if next < upper, TextClass.isASCIILowercase(scalars[next]) || TextClass.isASCIIDigit(scalars[next]) {
            // A sentence does not go on in lower case: `e.g. the`, `approx. 5`.
            return nil
        }
        var wordEnd = index
        while wordEnd > lower, TextClass.closerOpening(scalars[wordEnd - 1]) != nil { wordEnd -= 1 }
        var wordStart = wordEnd
        while wordStart > lower, wordEnd - wordStart < 64,
            TextClass.isASCIIAlphanumeric(scalars[wordStart - 1]) || scalars[wordStart - 1] == "."
        {
            wordStart -= 1
        }
        guard TextClass.isSentenceFinalWord(scalars[wordStart..<wordEnd]) else { return nil }
        return (.period, index + 1)
    }

    /// Pairs opening and closing brackets line by line, so that only a bracket closed on its own line
    /// protects what it encloses.
    private mutating func matchBrackets() {
        roles = [BracketRole](repeating: .none, count: upper - lower)
        var stack: [(position: Int, closer: Unicode.Scalar)] = []
        var index = lower
        while index < upper {
            let scalar = scalars[index]
            if TextClass.isLineBreak(scalar) {
                stack.removeAll(keepingCapacity: true)
                index += 1
                continue
            }
            if scalar == ":", let end = TextClass.urlEnd(scalars, colon: index, lower: lower, upper: upper) {
                index = end
                continue
            }
            if scalar == "\"" {
                if let found = Self.open(stack, closedBy: scalar) {
                    pair(stack[found].position, index)
                    stack.removeSubrange(found...)
                } else {
                    stack.append((index, scalar))
                }
            } else if let closer = TextClass.closer(ofOpener: scalar) {
                stack.append((index, closer))
            } else if TextClass.closerOpening(scalar) != nil, let found = Self.open(stack, closedBy: scalar) {
                // Brackets opened inside and never closed are dropped with it.
                pair(stack[found].position, index)
                stack.removeSubrange(found...)
            }
            index += 1
        }
    }

    private mutating func pair(_ opener: Int, _ closer: Int) {
        roles[opener - lower] = .opener
        roles[closer - lower] = .closer
    }

    /// The open bracket that `closer` closes, looking only a few levels down: a stray closer must
    /// not make the scan quadratic.
    private static func open(_ stack: [(position: Int, closer: Unicode.Scalar)], closedBy closer: Unicode.Scalar)
        -> Int?
    {
        var candidate = stack.count - 1
        while candidate >= 0 && candidate >= stack.count - 4 {
            if stack[candidate].closer == closer { return candidate }
            candidate -= 1
        }
        return nil
    }

    private mutating func emit(upTo end: Int, _ ending: SentenceSplitter.Ending) {
        var first = start
        var last = end
        while first < last, TextClass.isWhitespace(scalars[first]) { first += 1 }
        while last > first, TextClass.isWhitespace(scalars[last - 1]) { last -= 1 }
        if first < last { sentences.append(.init(range: first..<last, ending: ending)) }
    }
}

/// Classes of scalars that sentence and claim rules rely on. Fast paths for ASCII and CJK come first:
/// these run once per scalar of the corpus.
enum TextClass {
    static func isLineBreak(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A, 0x0B, 0x0C, 0x0D, 0x85, 0x2028, 0x2029: return true
        default: return false
        }
    }

    /// Whitespace within a line, including the ideographic space and zero-width spaces that pasted
    /// text carries.
    static func isHorizontalSpace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x20, 0xA0, 0x1680, 0x2000...0x200B, 0x202F, 0x205F, 0x3000, 0xFEFF: return true
        default: return false
        }
    }

    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        isHorizontalSpace(scalar) || isLineBreak(scalar)
    }

    static func isASCIILowercase(_ scalar: Unicode.Scalar) -> Bool { scalar.value >= 0x61 && scalar.value <= 0x7A }

    static func isASCIIUppercase(_ scalar: Unicode.Scalar) -> Bool { scalar.value >= 0x41 && scalar.value <= 0x5A }

    static func isASCIIDigit(_ scalar: Unicode.Scalar) -> Bool { scalar.value >= 0x30 && scalar.value <= 0x39 }

    static func isASCIIAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        isASCIILowercase(scalar) || isASCIIUppercase(scalar) || isASCIIDigit(scalar)
    }

    /// ASCII or full-width digits.
    static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        isASCIIDigit(scalar) || (scalar.value >= 0xFF10 && scalar.value <= 0xFF19)
    }

    /// ASCII or full-width letters and digits.
    static func isAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0xFF10...0xFF19, 0xFF21...0xFF3A, 0xFF41...0xFF5A: return true
        default: return false
        }
    }

    /// Characters of scripts written without spaces, each of which counts as a word-like unit:
    /// Han, kana, hangul, bopomofo.
    static func isCharacterScript(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x2E7F: return false
        case 0x3005, 0x3007, 0x3021...0x3029, 0x3038...0x303B: return true
        case 0x3040...0x30FF, 0x3100...0x312F, 0x3130...0x318F, 0x31A0...0x31BF, 0x31F0...0x31FF: return true
        case 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xAC00...0xD7AF, 0xF900...0xFAFF, 0x20000...0x3FFFF: return true
        default: return false
        }
    }

    /// Letters and digits of scripts that separate words with spaces (Latin, Greek, Cyrillic,
    /// full-width Latin): a run of them is one word.
    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x80 { return isASCIIAlphanumeric(scalar) }
        if isAlphanumeric(scalar) { return true }
        if isCharacterScript(scalar) { return false }
        if scalar.value >= 0x2E80 && scalar.value < 0xA000 { return false }
        let properties = scalar.properties
        return properties.isAlphabetic || properties.numericType != nil
    }

    /// The closing bracket that `scalar` opens, if it opens one (the straight `"` is handled apart).
    static func closer(ofOpener scalar: Unicode.Scalar) -> Unicode.Scalar? {
        switch scalar {
        case "「": return "」"
        case "『": return "』"
        case "“": return "”"
        case "‘": return "’"
        case "（": return "）"
        case "(": return ")"
        case "【": return "】"
        case "《": return "》"
        case "〈": return "〉"
        case "〔": return "〕"
        case "［": return "］"
        case "﹁": return "﹂"
        case "﹃": return "﹄"
        default: return nil
        }
    }

    /// The opening bracket that `scalar` closes, if it closes one.
    static func closerOpening(_ scalar: Unicode.Scalar) -> Unicode.Scalar? {
        switch scalar {
        case "」": return "「"
        case "』": return "『"
        case "”": return "“"
        case "’": return "‘"
        case "）": return "（"
        case ")": return "("
        case "】": return "【"
        case "》": return "《"
        case "〉": return "〈"
        case "〕": return "〔"
        case "］": return "［"
        case "﹂": return "﹁"
        case "﹄": return "﹃"
        case "\"": return "\""
        default: return nil
        }
    }

    /// Marks that open a quoted utterance, as opposed to a parenthesis or a title.
    static func isQuotationMark(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "「", "『", "“", "‘", "\"", "﹁", "﹃": return true
        default: return false
        }
    }

    static func ending(of scalar: Unicode.Scalar) -> SentenceSplitter.Ending {
        switch scalar {
        case "？", "?", "⁇", "⁈", "⁉": return .question
        case "！", "!", "‼": return .exclamation
        case "；", ";": return .semicolon
        case "…", "⋯", "‥": return .ellipsis
        default: return .period
        }
    }

    /// A question mark anywhere in a run of terminators makes the run a question (`？！`); an
    /// exclamation outweighs the rest.
    static func stronger(_ first: SentenceSplitter.Ending, _ second: SentenceSplitter.Ending)
        -> SentenceSplitter.Ending
    {
        func rank(_ ending: SentenceSplitter.Ending) -> Int {
            switch ending {
            case .question: return 5
            case .exclamation: return 4
            case .period: return 3
            case .ellipsis: return 2
            case .semicolon: return 1
            case .quotation, .none: return 0
            }
        }
        return rank(second) > rank(first) ? second : first
    }

    /// A terminator that continues a run after the first one; a `.` followed by a letter or digit
    /// (`。.NET`) starts a word instead.
    static func trailingTerminatorEnding(_ scalars: [Unicode.Scalar], at index: Int, upper: Int)
        -> SentenceSplitter.Ending?
    {
        let scalar = scalars[index]
        switch scalar {
        case "。", "｡", "．", "！", "？", "；", ";", "…", "⋯", "‥", "‼", "⁇", "⁈", "⁉", "!", "?":
            return ending(of: scalar)
        case ".":
            if index + 1 < upper && isASCIIAlphanumeric(scalars[index + 1]) { return nil }
            return .period
        default:
            return nil
        }
    }

    /// Whether `word` (letters, digits and dots before a `.`) can end an English sentence: it has a
    /// letter, is not an initial (`J.`), an abbreviation written with dots (`e.g.`, `U.S.`) or a
    /// title (`Dr.`).
    static func isSentenceFinalWord(_ word: ArraySlice<Unicode.Scalar>) -> Bool {
        guard !word.isEmpty else { return false }
        var segmentStart = word.startIndex
        var longestSegment = 0
        var hasDot = false
        for index in word.indices where word[index] == "." {
            hasDot = true
            longestSegment = max(longestSegment, index - segmentStart)
            segmentStart = index + 1
        }
        let last = word[segmentStart...]
        longestSegment = max(longestSegment, last.count)
        if hasDot && longestSegment <= 1 { return false }
        guard last.count >= 2, last.contains(where: { isASCIILowercase($0) || isASCIIUppercase($0) }) else {
            return false
        }
        return !titleAbbreviations.contains { equalsIgnoringASCIICase(last, $0) }
    }

    private static let titleAbbreviations: [[Unicode.Scalar]] = [
        "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "vs", "no", "fig", "vol", "mt", "gen", "col", "lt",
    ].map { Array($0.unicodeScalars) }

    /// ASCII upper case folded to lower case; everything else unchanged.
    static func asciiLowercased(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        isASCIIUppercase(scalar) ? Unicode.Scalar(UInt8(truncatingIfNeeded: scalar.value + 0x20)) : scalar
    }

    /// Whether `text` is `lowercaseWord`, ignoring ASCII case.
    static func equalsIgnoringASCIICase(_ text: ArraySlice<Unicode.Scalar>, _ lowercaseWord: [Unicode.Scalar]) -> Bool {
        guard text.count == lowercaseWord.count else { return false }
        return zip(text, lowercaseWord).allSatisfy { asciiLowercased($0) == $1 }
    }

    /// Scalars that may stand before a `?` inside a URL or an identifier.
    static func isURLPrefix(_ scalar: Unicode.Scalar) -> Bool {
        isASCIIAlphanumeric(scalar) || scalar == "/" || scalar == "=" || scalar == "&" || scalar == "_"
            || scalar == "-" || scalar == "."
    }

    /// Scalars that may follow a `?` inside a URL or an identifier.
    static func isURLContinuation(_ scalar: Unicode.Scalar) -> Bool {
        isASCIIAlphanumeric(scalar) || scalar == "=" || scalar == "&" || scalar == "/" || scalar == "_"
    }

    /// When `colon` is the `:` of `scheme://`, where the URL ends: at the first space, non-ASCII
    /// scalar, quote or closing parenthesis, leaving out trailing punctuation so that a sentence
    /// ending right after a URL still ends.
    static func urlEnd(_ scalars: [Unicode.Scalar], colon: Int, lower: Int, upper: Int) -> Int? {
        guard colon > lower, colon + 2 < upper, scalars[colon + 1] == "/", scalars[colon + 2] == "/",
            isASCIILowercase(scalars[colon - 1]) || isASCIIUppercase(scalars[colon - 1])
        else { return nil }
        var end = colon + 3
        while end < upper {
            let value = scalars[end].value
            if value <= 0x20 || value >= 0x7F || value == 0x22 || value == 0x29 || value == 0x3C || value == 0x3E {
                break
            }
            end += 1
        }
        while end > colon + 3 {
            switch scalars[end - 1] {
            case ".", ",", ";", ":", "!", "?", "'": end -= 1
            default: return end
            }
        }
        return end
    }
}
