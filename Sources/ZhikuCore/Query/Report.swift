import Foundation

/// A canned report: one read-only SELECT bundled with the program, described by its header comment.
///
/// The header is the run of `--` lines the file starts with, in this shape:
///
/// ```sql
/// -- Turns per speaker per month
/// --
/// -- What the report shows, in one or more paragraphs
/// -- separated by empty comment lines.
/// --
/// -- param: speaker  what the parameter means; not given, it is NULL.
/// --                 Lines indented under a parameter continue it.
/// -- param: per_topic = 3  a parameter with a default, bound when it is not given.
/// -- columns: month, speaker_id, speaker, turns
/// SELECT …
/// ```
///
/// The first line is the title; the `columns:` line names the result's columns, in order.
public struct Report: Sendable {
    /// A named parameter (`:name` in the SQL) that the header declares.
    public struct Parameter: Sendable, Equatable {
        /// The name, without the `:`.
        public let name: String
        /// What is bound when the parameter is not given; nil binds NULL.
        public let defaultValue: String?
        /// What the parameter means, for people.
        public let meaning: String
    }

    /// The name to ask for it by: the file name without `.sql`.
    public let name: String
    /// The header's first line.
    public let title: String
    /// The header's paragraphs, each on one line, separated by an empty line.
    public let description: String
    /// The parameters, in the order of the header.
    public let parameters: [Parameter]
    /// The columns of the result, in order.
    public let columns: [String]
    /// The whole file, header included.
    public let sql: String

    /// Reads a report from its file name (`topic_timeline.sql`) and text.
    public init(fileName: String, sql: String) throws {
        let name = fileName.hasSuffix(".sql") ? String(fileName.dropLast(4)) : fileName
        func malformed(_ reason: String) -> ZhikuError { .malformedReport(name: name, reason: reason) }

        let lines = Self.lines(of: sql)
        let header = lines.prefix { $0.hasPrefix("--") }.map { line -> Substring in
            let text = line.dropFirst(2)
            return text.hasPrefix(" ") ? text.dropFirst() : text
        }
        guard lines.dropFirst(header.count).contains(where: { !$0.allSatisfy(\.isWhitespace) }) else {
            throw malformed("there is no SQL after the header")
        }
        guard let title = header.first.map(Self.trimmed), !title.isEmpty else {
            throw malformed("the first line must be a comment with the title")
        }

        var paragraphs: [[Substring]] = [[]]
        var parameters: [(name: String, defaultValue: String?, meaning: [Substring])] = []
        var columns: [Substring]?
        // Which declaration an indented line continues: a parameter, or the column list.
        enum Continued { case none, parameter, columns }
        var continued = Continued.none
        for line in header.dropFirst() {
            let text = Self.trimmed(line)
            if line.first?.isWhitespace == true, !text.isEmpty, continued != .none {
                if continued == .parameter, let last = parameters.indices.last {
                    parameters[last].meaning.append(Substring(text))
                } else {
                    columns?.append(Substring(text))
                }
            } else if text.hasPrefix("param:") {
                let declaration = try Self.parameter(text.dropFirst("param:".count), malformed: malformed)
                guard !parameters.contains(where: { $0.name == declaration.name }) else {
                    throw malformed("the parameter \(declaration.name) is declared twice")
                }
                parameters.append((declaration.name, declaration.defaultValue, [declaration.meaning]))
                continued = .parameter
            } else if text.hasPrefix("columns:") {
                guard columns == nil else { throw malformed("there are two columns: lines") }
                columns = [Substring(text.dropFirst("columns:".count))]
                continued = .columns
            } else if text.isEmpty {
                continued = .none
                if !(paragraphs.last?.isEmpty ?? true) { paragraphs.append([]) }
            } else {
                // Most likely a continued declaration that lost its indent: say so rather than guess.
                guard parameters.isEmpty, columns == nil else {
                    throw malformed("'\(text)' follows the param: and columns: lines; describe the report before them")
                }
                paragraphs[paragraphs.count - 1].append(Substring(text))
            }
        }

        let description = paragraphs.filter { !$0.isEmpty }.map { $0.joined(separator: " ") }.joined(separator: "\n\n")
        guard !description.isEmpty else { throw malformed("a description must follow the title") }
        let columnList = (columns ?? []).joined(separator: " ")
        let columnNames = columnList.split(separator: ",", omittingEmptySubsequences: false).map {
            Self.trimmed($0)
        }
        guard !columnNames.isEmpty, !columnNames.contains(where: \.isEmpty) else {
            throw malformed("a columns: line must name the result's columns, separated by commas")
        }

        self.name = name
        self.title = title
        self.description = description
        self.parameters = parameters.map {
            Parameter(name: $0.name, defaultValue: $0.defaultValue, meaning: $0.meaning.joined(separator: " "))
        }
        self.columns = columnNames
        self.sql = sql
    }

    /// The lines of `text`, which end at "\n", "\r\n" or a lone "\r". Split on the UTF-8 bytes:
    /// by Character (grapheme clusters) it took a millisecond for the bundled reports, which the
    /// help of `zhiku report` reads at every start of the program.
    static func lines(of text: String) -> [Substring] {
        let utf8 = text.utf8
        var lines: [Substring] = []
        var start = utf8.startIndex
        var index = start
        while index != utf8.endIndex {
            let byte = utf8[index]
            guard byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") else {
                index = utf8.index(after: index)
                continue
            }
            lines.append(text[start..<index])
            index = utf8.index(after: index)
            if byte == UInt8(ascii: "\r"), index != utf8.endIndex, utf8[index] == UInt8(ascii: "\n") {
                index = utf8.index(after: index)
            }
            start = index
        }
        lines.append(text[start...])
        return lines
    }

    /// `text` without the white space at either end. Not Foundation's `trimmingCharacters(in:)`,
    /// whose first use costs the help of `zhiku report`, read at every start, a millisecond.
    private static func trimmed(_ text: Substring) -> String {
        let start = text.firstIndex { !$0.isWhitespace } ?? text.endIndex
        let end = text.lastIndex { !$0.isWhitespace }.map(text.index(after:)) ?? start
        return String(text[start..<end])
    }

    /// One `param:` declaration, after the `param:`: `NAME [= DEFAULT]  MEANING`.
    private static func parameter(
        _ declaration: Substring, malformed: (String) -> ZhikuError
    ) throws -> (name: String, defaultValue: String?, meaning: Substring) {
        var rest = declaration.drop(while: \.isWhitespace)
        let name = rest.prefix { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
        guard let first = name.first, !first.isNumber else {
            throw malformed("'param:\(declaration)' must start with a parameter name (letters, digits, _)")
        }
        rest = rest.dropFirst(name.count).drop(while: \.isWhitespace)
        var defaultValue: String?
        if rest.hasPrefix("=") {
            rest = rest.dropFirst().drop(while: \.isWhitespace)
            let value = rest.prefix { !$0.isWhitespace }
            guard !value.isEmpty else { throw malformed("the parameter \(name) has '=' but no default") }
            defaultValue = String(value)
            rest = rest.dropFirst(value.count).drop(while: \.isWhitespace)
        }
        guard !rest.isEmpty else { throw malformed("the parameter \(name) must say what it means") }
        return (String(name), defaultValue, rest)
    }
}
