/// Recognises speaker labels at the start of a line, and refuses the colons that are not labels:
/// times and ratios (`20:46`, `3:1`), URLs, agenda items and notes (`業務報告：`, `說明：`), speech
/// quoted inside a turn (`他對我說：`), and sentences with a colon far into them.
///
/// The checks work on folded text (simplified, half width, lower case), so one list of words serves
/// both scripts.
struct LabelRecognizer {
    let fold: FoldTable
    /// The names already judged by ``isPlausibleName(_:dress:)``: a document repeats its labels on
    /// every turn, and the word lists are long.
    private let judged = JudgedNames()

    /// A recognizer comparing folded text with `fold`.
    init(fold: FoldTable) {
        self.fold = fold
    }

    /// The longest name accepted in an undressed label, in scalars. Markdown headings and bold text
    /// mark a label as structure, so they may carry organisation and title (行政院環保署…處長).
    static let plainNameLimit = 12
    static let dressedNameLimit = 32

    /// The label at the start of `line`, if there is one.
    func label(in line: Substring) -> SpeakerLabel? {
        // Every label ends in a colon within the characters looked at below (the bold form's too):
        // most lines of speech have none there, and are let go before anything is copied.
        guard line.unicodeScalars.prefix(Self.dressedNameLimit * 4).contains(where: Self.isColon) else { return nil }
        // A label sits in the first few dozen characters: copying the rest of a long paragraph for
        // every line would cost more than the whole search for a colon.
        let scalars = Array(line.unicodeScalars.prefix(Self.dressedNameLimit * 4))
        var position = 0
        while position < scalars.count, scalars[position].properties.isWhitespace { position += 1 }
        var dress = SpeakerLabel.Dress.plain
        if position < scalars.count, scalars[position] == "#" {
            var level = 0
            while position < scalars.count, scalars[position] == "#" {
                position += 1
                level += 1
            }
            guard level <= 6, position < scalars.count, scalars[position] == " " else { return nil }
            while position < scalars.count, scalars[position] == " " { position += 1 }
            dress = .heading
        }

        let body: [Unicode.Scalar]
        var contentStart: Int
        if let bold = boldSpan(scalars, from: position) {
            // `**Name**：` or `**Name：**`
            let inner = Array(scalars[bold.inner])
            var after = bold.after
            if let last = inner.last, Self.isColon(last) {
                body = Array(inner.dropLast())
            } else if after < scalars.count, Self.isColon(scalars[after]) {
                body = inner
                after += 1
            } else {
                return nil
            }
            contentStart = after
            if dress == .plain { dress = .bold }
        } else {
            let limit = min(scalars.count, position + Self.dressedNameLimit + 12)
            guard let colon = (position..<limit).first(where: { Self.isColon(scalars[$0]) }) else { return nil }
            body = Array(scalars[position..<colon])
            contentStart = colon + 1
            // `https://…` and `3:1` are not labels.
            if contentStart < scalars.count, scalars[contentStart] == "/" { return nil }
        }
        while contentStart < scalars.count, scalars[contentStart].properties.isWhitespace { contentStart += 1 }
        return parseBody(body, dress: dress, contentStart: contentStart)
    }

    private func parseBody(_ body: [Unicode.Scalar], dress: SpeakerLabel.Dress, contentStart: Int) -> SpeakerLabel? {
        // The same label comes back on every turn of its speaker: read once, then only its content's
        // start differs.
        let key = JudgedNames.BodyKey(body: body, dress: dress)
        if let known = judged.labels[key] {
            guard var label = known else { return nil }
            label.contentStart = contentStart
            return label
        }
        let label = readBody(body, dress: dress, contentStart: contentStart)
        judged.labels[key] = .some(label)
        return label
    }

    private func readBody(_ body: [Unicode.Scalar], dress: SpeakerLabel.Dress, contentStart: Int) -> SpeakerLabel? {
        var text = String(utf8Encoding: body).trimmingWhitespace()
        let written = text
        // A leading timestamp (`00:01:02 - Name`, `[00:01:02] Name`) says when, not who.
        let (withoutTime, hadTimestamp) = Self.removeTimestamp(text)
        text = withoutTime
        if text.isEmpty {
            return hadTimestamp
                ? SpeakerLabel(
                    name: "", role: nil, abbreviation: nil, written: written, dress: dress, contentStart: contentStart,
                    isContinuation: true)
                : nil
        }

        var role: String?
        var abbreviation: String?
        while let (inner, rest) = Self.trailingBracket(text) {
            if PhotoPosition.matches(inner) {
                // (左二) is where the person sits in a photo, not who they are.
            } else if Self.isAbbreviation(inner) {
                abbreviation = inner
            } else if role == nil, inner.unicodeScalars.count <= 8,
                !inner.unicodeScalars.contains(where: Self.isSentencePunctuation)
            {
                role = inner
            } else {
                return nil
            }
            text = rest.trimmingWhitespace()
        }
        guard isPlausibleName(text, dress: dress) else { return nil }
        return SpeakerLabel(
            name: text, role: role, abbreviation: abbreviation, written: written, dress: dress,
            contentStart: contentStart, isContinuation: false)
    }

    /// Whether `name` can be a speaker's name or role, as opposed to the start of a sentence.
    func isPlausibleName(_ name: String, dress: SpeakerLabel.Dress) -> Bool {
        // Keyed by the bytes: the verdict counts scalars, and String equality would merge names that
        // are only canonically equivalent.
        let key = JudgedNames.Key(name: Array(name.utf8), dress: dress)
        if let verdict = judged.verdicts[key] { return verdict }
        let verdict = judgePlausibility(name, dress: dress)
        judged.verdicts[key] = verdict
        return verdict
    }

    private func judgePlausibility(_ name: String, dress: SpeakerLabel.Dress) -> Bool {
        let scalars = Array(name.unicodeScalars)
        let limit = dress == .plain ? Self.plainNameLimit : Self.dressedNameLimit
        guard !scalars.isEmpty else { return false }
        // Latin names are counted in words, Han names in characters.
        let isLatin = scalars.allSatisfy { $0.isASCII }
        if isLatin {
            let words = name.split(whereSeparator: { $0 == " " })
            guard words.count <= 5, scalars.count <= 40 else { return false }
            guard words.allSatisfy({ $0.first?.isLetter == true }) else { return false }
        } else if scalars.count > limit {
            return false
        }
        // Something to name: a letter, not only digits (`20:46`, `3:1`).
        guard scalars.contains(where: { $0.properties.isAlphabetic }) else { return false }
        if scalars.contains(where: { Self.isSentencePunctuation($0) && $0 != "、" }) { return false }
        // 乙、丙 names two people; a list of longer items is a sentence.
        if name.contains("、"), name.split(separator: "、").contains(where: { $0.unicodeScalars.count > 4 }) {
            return false
        }
        let folded = fold.fold(name)
        if LabelVocabulary.isStructureWord(folded) || LabelVocabulary.endsWithSpeechVerb(folded)
            || LabelVocabulary.isNumberedItem(folded, dressed: dress != .plain)
            || LabelVocabulary.endsLikeSentence(folded)
        {
            return false
        }
        return true
    }

    /// `**…**` at `start`: the range inside the marks and the position after the closing marks.
    private func boldSpan(_ scalars: [Unicode.Scalar], from start: Int) -> (inner: Range<Int>, after: Int)? {
        guard start + 1 < scalars.count else { return nil }
        let mark = scalars[start]
        guard mark == "*" || mark == "_", scalars[start + 1] == mark else { return nil }
        let innerStart = start + 2
        var index = innerStart
        while index + 1 < scalars.count {
            if scalars[index] == mark, scalars[index + 1] == mark {
                return index > innerStart ? (innerStart..<index, index + 2) : nil
            }
            index += 1
        }
        return nil
    }

    static func isColon(_ scalar: Unicode.Scalar) -> Bool {
        scalar == ":" || scalar == "：" || scalar == "︰"
    }

    static func isSentencePunctuation(_ scalar: Unicode.Scalar) -> Bool {
        "，。！？；、「」『』“”《》…,!?;\"".unicodeScalars.contains(scalar)
    }

    /// `EKJ`, `PB`: an abbreviation of the name before it.
    private static func isAbbreviation(_ text: String) -> Bool {
        let scalars = text.unicodeScalars
        return (2...6).contains(scalars.count) && scalars.allSatisfy { $0.properties.isUppercase }
    }

    /// Splits `name（inner）` into the bracket's content and what stands before it.
    private static func trailingBracket(_ text: String) -> (inner: String, rest: String)? {
        let scalars = Array(text.unicodeScalars)
        guard let last = scalars.last, last == ")" || last == "）" else { return nil }
        guard let open = scalars.lastIndex(where: { $0 == "(" || $0 == "（" }), open > 0 else { return nil }
        let inner = String(utf8Encoding: scalars[(open + 1)..<(scalars.count - 1)]).trimmingWhitespace()
        let rest = String(utf8Encoding: scalars[..<open])
        return inner.isEmpty ? nil : (inner, rest)
    }

    /// Removes `00:01:02 - ` or `[00:01:02]` from the front of a label.
    static func removeTimestamp(_ text: String) -> (String, Bool) {
        var scalars = Array(text.unicodeScalars)[...]
        if scalars.first == "[" || scalars.first == "(" { scalars = scalars.dropFirst() }
        var digits = 0
        var colons = 0
        var index = scalars.startIndex
        while index < scalars.endIndex, ("0"..."9").contains(scalars[index]) || scalars[index] == ":" {
            if scalars[index] == ":" { colons += 1 } else { digits += 1 }
            index += 1
        }
        guard colons >= 1, digits >= 3 else { return (text, false) }
        var rest = scalars[index...]
        while let first = rest.first, "]) -–—".unicodeScalars.contains(first) { rest = rest.dropFirst() }
        return (String(utf8Encoding: rest).trimmingWhitespace(), true)
    }
}

/// The verdicts of ``LabelRecognizer/isPlausibleName(_:dress:)`` and the labels read, for one parse.
/// A class, so that the recognizer, a value passed around the parser, shares one memory.
private final class JudgedNames {
    struct Key: Hashable {
        let name: [UInt8]
        let dress: SpeakerLabel.Dress
    }

    /// What stands before a label's colon, compared scalar by scalar, and how it is dressed.
    struct BodyKey: Hashable {
        let body: [Unicode.Scalar]
        let dress: SpeakerLabel.Dress
    }

    var verdicts: [Key: Bool] = [:]
    /// The label each body was read as (nil: not a label).
    var labels: [BodyKey: SpeakerLabel?] = [:]
}

extension StringProtocol {
    /// The text without white space at either end.
    func trimmingWhitespace() -> String {
        // Cut as a substring of scalars, whose UTF-8 is copied at once: rebuilding a string scalar
        // by scalar was a tenth of the parsing threads' time (it runs for every line).
        let scalars = Substring(self).unicodeScalars
        guard let first = scalars.firstIndex(where: { !TranscriptLine.isWhitespace($0) }),
            let last = scalars.lastIndex(where: { !TranscriptLine.isWhitespace($0) })
        else { return "" }
        return String(Substring(scalars[first...last]))
    }
}
