/// Reads TalkBank CHAT transcripts (`.cha`), the format of CHILDES, AphasiaBank and the other TalkBank corpora.
///
/// A CHAT file is a sequence of tiers, one a line, a long tier continuing on lines that start with a tab:
///
/// - headers start with `@`: `@Begin`, `@Participants:` (`CODE [Name] Role`, comma-separated), `@Date:`
///   (`17-JAN-2023`), `@Title:` or else `@Situation:` (the title), `@Media:` (the source), `@End`; the others
///   are read past;
/// - main tiers `*CODE:` hold what a participant said, one utterance each;
/// - dependent tiers (`%mor:`, `%gra:`, `%com:` …) annotate the main tier above them and are dropped.
///
/// The document's text is rebuilt as a title line and one `姓名：話` paragraph per utterance, so offsets and
/// lines point into that text. Each utterance is cleaned of what is transcription, not speech: media bullets,
/// bracketed codes (`[/]`, `[//]`, `[*]`, `[= …]`, `[: …]`, `[+ …]` …), `<…>` scope marks, fillers and
/// events (`&-呃`, `&=笑`), pauses (`(.)`, `(1.5)`), unintelligible or untranscribed material (`xxx`, `yyy`,
/// `www`), omitted words (`0是`), word suffixes (`@s:eng`) and the special terminators and linkers (`+...`,
/// `+/.`, `+<`). Retraced words stay: they were said. Its own final `.`, `?`, `!` (or `。`, `？`, `！`) stay too.
/// The words, separated by spaces in CHAT, are joined the way the language is written: no space next to a Han
/// character, one space between Latin words. Characters are kept as written, in either script.
public enum ChatReader {
    /// One logical tier: its first line's kind and number, with its continuation lines joined by spaces.
    private struct Tier {
        enum Kind { case header, main, dependent }
        var kind: Kind
        var line: Int
        var text: String
    }

    /// A participant as declared in `@Participants`.
    private struct Participant {
        var code: String
        var name: String?
        var role: String?
    }

    /// An utterance kept for the document: its speaker, the code as written and the cleaned text.
    private struct Utterance {
        var speaker: Int
        var code: String
        var text: String
    }

    /// Parses a CHAT transcript. `origin` and `sha256` are stored as they are; `file` names the file in errors.
    ///
    /// Throws ``ZhikuError/malformedDocument(file:line:detail:)`` for a file without `@Begin`, without any main
    /// tier, or with a main tier whose speaker is not declared in `@Participants`. Utterances with nothing said
    /// once the transcription codes are dropped (`xxx .`, `0 [=! 點頭] .`) are left out.
    public static func parse(_ text: String, file: String, origin: String, sha256: String) throws -> ParsedDocument {
        let tiers = tiers(in: text)
        guard tiers.contains(where: { $0.kind == .header && headerKey($0.text) == "Begin" }) else {
            throw ZhikuError.malformedDocument(
                file: file, line: 1, detail: "no @Begin header: this is not a CHAT transcript")
        }

        var begun = false
        var sawMainTier = false
        var lastLine = 1
        var participants: [Participant] = []
        var headers: [String: String] = [:]
        var utterances: [Utterance] = []

        tierLoop: for tier in tiers {
            lastLine = tier.line
            switch tier.kind {
            case .header:
                let key = headerKey(tier.text)
                let value = headerValue(tier.text)
                switch key {
                case "Begin": begun = true
                case "End": break tierLoop
                case "Participants":
                    for participant in self.participants(in: value)
                    where !participants.contains(where: { $0.code == participant.code }) {
                        participants.append(participant)
                    }
                default:
                    if headers[key] == nil, !value.isEmpty { headers[key] = value }
                }
            case .main:
                sawMainTier = true
                guard begun else {
                    throw ZhikuError.malformedDocument(file: file, line: tier.line, detail: "utterance before @Begin")
                }
                guard let colon = tier.text.firstIndex(of: ":") else {
                    throw ZhikuError.malformedDocument(
                        file: file, line: tier.line, detail: "a main tier needs a speaker code and a colon: *CODE:")
                }
                let code = String(tier.text[tier.text.index(after: tier.text.startIndex)..<colon])
                    .trimmingCharacters(in: .whitespaces)
                guard let speaker = participants.firstIndex(where: { $0.code == code }) else {
                    let declared = participants.map(\.code).joined(separator: ", ")
                    throw ZhikuError.malformedDocument(
                        file: file, line: tier.line,
                        detail: "speaker \(code.isEmpty ? "(none)" : code) is not declared in @Participants"
                            + (declared.isEmpty ? " (there is no @Participants header)" : " (\(declared))"))
                }
                let cleaned = clean(String(tier.text[tier.text.index(after: colon)...]))
                if !cleaned.isEmpty { utterances.append(.init(speaker: speaker, code: code, text: cleaned)) }
            case .dependent:
                continue
            }
        }

        guard sawMainTier else {
            throw ZhikuError.malformedDocument(
                file: file, line: lastLine, detail: "no utterances: a CHAT transcript needs *CODE: main tiers")
        }

        let title = headers["Title"] ?? headers["Situation"] ?? baseName(file)
        // A participant known only by code (MOT, CHI) is a role: the MOT of another file is another person.
        let appearances = participants.map {
            ParsedDocument.Appearance(name: $0.name ?? $0.code, role: $0.role, isRoleOnly: $0.name == nil)
        }
        return document(
            ParsedDocument(
                origin: origin, contentSHA256: sha256, title: title, date: headers["Date"].flatMap(isoDate),
                source: headers["Media"].flatMap(mediaName), format: "chat", encoding: "UTF-8", text: "",
                appearances: appearances),
            utterances: utterances)
    }

    /// Fills in the rebuilt text and the turns: a title line, then a blank line and a `Name：text` line each.
    private static func document(_ empty: ParsedDocument, utterances: [Utterance]) -> ParsedDocument {
        var result = empty
        var text = result.title + "\n"
        var offset = result.title.unicodeScalars.count + 1
        var lineNumber = 2 + result.title.unicodeScalars.count(where: { $0 == "\n" })
        for utterance in utterances {
            let prefix = "\n" + result.appearances[utterance.speaker].name + "："
            text += prefix
            offset += prefix.unicodeScalars.count
            lineNumber += 1
            let start = offset
            text += utterance.text + "\n"
            offset += utterance.text.unicodeScalars.count
            result.turns.append(
                .init(
                    speaker: utterance.speaker, label: utterance.code, section: nil, line: lineNumber, start: start,
                    end: offset))
            offset += 1
            lineNumber += 1
        }
        result.text = text
        return result
    }

    // MARK: - Lines and tiers

    /// Groups the lines into tiers: a line starting with `@`, `*` or `%` opens one; any other non-blank line
    /// (properly, one starting with a tab) continues the tier above it; a blank line closes it.
    private static func tiers(in text: String) -> [Tier] {
        var tiers: [Tier] = []
        var open = false
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        for (index, rawLine) in lines.enumerated() {
            var line = Substring(rawLine)
            if index == 0, line.first == "\u{FEFF}" { line = line.dropFirst() }
            let kind: Tier.Kind?
            switch line.first {
            case "@": kind = .header
            case "*": kind = .main
            case "%": kind = .dependent
            default: kind = nil
            }
            if let kind {
                tiers.append(Tier(kind: kind, line: index + 1, text: String(line)))
                open = true
            } else if line.allSatisfy(\.isWhitespace) {
                open = false
            } else if open, let last = tiers.indices.last {
                tiers[last].text += " " + line.trimmingCharacters(in: .whitespaces)
            }
        }
        return tiers
    }

    /// `Participants` for `@Participants:\tCHI …`, `Begin` for `@Begin`.
    private static func headerKey(_ tier: String) -> String {
        let body = tier.dropFirst()
        let key = body.firstIndex(of: ":").map { body[..<$0] } ?? body
        return key.trimmingCharacters(in: .whitespaces)
    }

    /// What follows the header's colon, trimmed; empty for a header without one.
    private static func headerValue(_ tier: String) -> String {
        guard let colon = tier.firstIndex(of: ":") else { return "" }
        return tier[tier.index(after: colon)...].trimmingCharacters(in: .whitespaces)
    }

    /// `CHI Target_Child, MOT Mother, INV Lin_Yating Investigator`: code, optional name, role.
    private static func participants(in value: String) -> [Participant] {
        value.split(separator: ",").compactMap { entry in
            let parts = entry.split(whereSeparator: \.isWhitespace).map(String.init)
            guard let code = parts.first else { return nil }
            switch parts.count {
            case 1: return Participant(code: code)
            case 2: return Participant(code: code, role: parts[1])
            default:
                let name = parts[1..<(parts.count - 1)].joined(separator: " ").replacing("_", with: " ")
                return Participant(code: code, name: name, role: parts.last)
            }
        }
    }

    /// `17-JAN-2023` → `2023-01-17`; nil for anything else.
    private static func isoDate(_ value: String) -> String? {
        let months = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]
        let parts = value.split(separator: "-")
        guard parts.count == 3, let day = Int(parts[0]), (1...31).contains(day),
            let month = months.firstIndex(of: parts[1].uppercased()), parts[2].count == 4,
            parts[2].allSatisfy(\.isASCII), let year = Int(parts[2])
        else { return nil }
        return "\(year)-\(month < 9 ? "0" : "")\(month + 1)-\(day < 10 ? "0" : "")\(day)"
    }

    /// The media name of `@Media:\tname, audio`.
    private static func mediaName(_ value: String) -> String? {
        let name = value.split(separator: ",").first?.trimmingCharacters(in: .whitespaces) ?? ""
        return name.isEmpty ? nil : name
    }

    /// The file's name without folders and extension, for a transcript with no title header.
    private static func baseName(_ file: String) -> String {
        let name = file.split(separator: "/").last.map(String.init) ?? file
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
        return String(name[..<dot])
    }

    // MARK: - Cleaning an utterance

    /// Characters that are wide (Han, kana, hangul, CJK punctuation, full-width forms): no spaces around them.
    private static func isWide(_ character: Character) -> Bool {
        (character.unicodeScalars.first?.value ?? 0) >= 0x2E80
    }

    /// Separators inside an utterance, ASCII or full-width.
    private static let commas: Set<Character> = [",", ";", "，", "、", "；"]
    /// Utterance terminators kept from the transcript.
    private static let terminators: Set<Character> = [".", "?", "!", "。", "？", "！"]
    /// Punctuation that attaches to the word before it.
    private static let attachesLeft: Set<Character> = [".", ",", "?", "!", ";", ":", ")", "]", "”", "’", "…"]
    /// Punctuation that attaches to the word after it.
    private static let attachesRight: Set<Character> = ["(", "[", "“", "‘"]
    /// Marks inside words: shortenings `(be)cause`, pauses between syllables, pitch, stress, overlap.
    private static let wordMarks: Set<Character> = ["(", ")", "^", "ˈ", "ˌ", "↑", "↓", "≠", "⌈", "⌉", "⌊", "⌋"]
    /// Intonation and tempo marks standing as words of their own (conversation-analysis CHAT).
    private static let standaloneMarks: Set<Character> = ["⇗", "↗", "→", "↘", "⇘", "∞", "≋", "≈", "↫", "∙"]

    /// The utterance of a main tier with the transcription codes dropped and its words joined; empty when
    /// nothing said is left.
    private static func clean(_ content: String) -> String {
        var plain = ""
        var skipUntil: Character?
        for character in content {
            if let end = skipUntil {
                if character == end {
                    skipUntil = nil
                    plain.append(" ")
                }
                continue
            }
            switch character {
            case "\u{15}": skipUntil = "\u{15}"  // media bullet: 1234_5678, or an old %snd:"file"_1_2
            case "[": skipUntil = "]"  // [/], [//], [*], [= …], [: …], [+ …], [>], [?], [- zho] …
            case "<", ">": plain.append(" ")  // the scope of the bracketed code after it
            default: plain.append(character)
            }
        }

        var output = ""
        for token in plain.split(whereSeparator: \.isWhitespace) {
            for word in words(in: token) { append(word, to: &output) }
        }
        while let last = output.last, commas.contains(last) { output.removeLast() }
        return output.contains(where: { $0.isLetter || $0.isNumber }) ? output : ""
    }

    /// What a whitespace-separated token of a main tier contributes to the text: nothing for a code, else its
    /// words with word-internal marks removed (compounds `火+车` and `New_York` give their parts).
    private static func words(in token: Substring) -> [String] {
        guard let first = token.first else { return [] }
        // Fillers, events, fragments and interposed words (&-呃, &=笑, &+b, &*MOT:对); old pauses (#, #1_5).
        if first == "&" || first == "#" { return [] }
        // Terminators and linkers: +..., +/., +//., +..?, +!?, +"/., +<, +^, +, …
        if first == "+", !token.contains(where: { $0.isLetter || $0.isNumber }) { return [] }
        // Omitted words (0是) and actions without speech (0).
        if first == "0", token.dropFirst().first.map({ !$0.isNumber && $0 != "." }) ?? true { return [] }
        if token.allSatisfy({ standaloneMarks.contains($0) }) { return [] }
        if token == "‡" || token == "„" { return [","] }  // vocative and tag markers

        var word = removingPauses(token)
        if let at = word.firstIndex(of: "@"), at != word.startIndex { word = String(word[..<at]) }
        if ["xxx", "yyy", "www"].contains(word) { return [] }
        word = removingLengthening(word.filter { !wordMarks.contains($0) })
        return word.split(whereSeparator: { $0 == "+" || $0 == "_" }).map(String.init)
    }

    /// Drops pauses `(.)`, `(..)`, `(...)`, `(1.5)`, `(1:02.5)` wherever they stand.
    private static func removingPauses(_ token: Substring) -> String {
        var result = ""
        var rest = token[...]
        while let open = rest.firstIndex(of: "(") {
            let inside = rest[rest.index(after: open)...]
            if let close = inside.firstIndex(of: ")"), close != inside.startIndex,
                inside[..<close].allSatisfy({ $0 == "." || $0 == ":" || $0.isASCII && $0.isNumber })
            {
                result += rest[..<open]
                rest = inside[inside.index(after: close)...]
            } else {
                result += rest[...open]
                rest = inside
            }
        }
        return result + rest
    }

    /// Drops the lengthening colons of `no:`, keeping a colon between digits (`3:2`).
    private static func removingLengthening(_ word: String) -> String {
        let characters = Array(word)
        var result = ""
        for (index, character) in characters.enumerated() {
            if character == ":", characters.count > 1 {
                let before = index > 0 && characters[index - 1].isNumber
                let after = index + 1 < characters.count && characters[index + 1].isNumber
                if !(before && after) { continue }
            }
            result.append(character)
        }
        return result
    }

    /// Appends a word or a punctuation token, with a space only between two words written with spaces.
    private static func append(_ word: String, to output: inout String) {
        guard let first = word.first else { return }
        if word.count == 1, commas.contains(first) {
            // No separator at the start, after another one, or where a dropped code left two in a row.
            guard let last = output.last, !commas.contains(last), !attachesRight.contains(last) else { return }
            output += word
            return
        }
        if terminators.contains(first), let last = output.last, commas.contains(last) { output.removeLast() }
        if let last = output.last, !isWide(last), !isWide(first), !attachesLeft.contains(first),
            !attachesRight.contains(last)
        {
            output += " "
        }
        output += word
    }
}
