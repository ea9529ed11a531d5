import Crypto
import Foundation

/// Reads JSON Lines transcripts: one structured document per line.
///
/// Each line is an object:
/// `{"title": "…", "date": "2024-03-01", "source": "…", "turns": [{"speaker": "王智", "text": "…",
/// "role": "主持人", "affiliation": "…", "section": "…"}]}`. Only `title` and `turns` (each with
/// `text`) are required; a turn without `speaker` is text that nobody said. The document's text is
/// rebuilt as `姓名：話` paragraphs, so offsets and lines point into that text.
public enum JSONLinesReader {
    struct Line: Decodable {
        struct Turn: Decodable {
            var speaker: String?
            var text: String
            var role: String?
            var affiliation: String?
            var section: String?
        }
        var title: String
        var date: String?
        var source: String?
        var turns: [Turn]
    }

    /// Parses every non-blank line of `text`; `origin` names the file in errors and in document origins.
    public static func documents(in text: String, origin: String) throws -> [ParsedDocument] {
        var documents: [ParsedDocument] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { continue }
            let decoded: Line
            do {
                decoded = try JSONDecoder().decode(Line.self, from: Data(trimmed.utf8))
            } catch {
                throw ZhikuError.invalidArgument("\(origin):\(index + 1): not a transcript object: \(describe(error))")
            }
            documents.append(
                document(decoded, origin: "\(origin)#\(index + 1)", sha256: SHA256.hexDigest(of: Data(trimmed.utf8))))
        }
        return documents
    }

    private static func document(_ line: Line, origin: String, sha256: String) -> ParsedDocument {
        var text = line.title + "\n"
        var offset = line.title.unicodeScalars.count + 1
        var lineNumber = 2
        var result = ParsedDocument(
            origin: origin, contentSHA256: sha256, title: line.title, date: line.date, source: line.source,
            format: "jsonl", encoding: "UTF-8", text: "")

        func append(_ piece: String) {
            text += piece
            offset += piece.unicodeScalars.count
            lineNumber += piece.unicodeScalars.count(where: { $0 == "\n" })
        }

        for turn in line.turns {
            var section: Int?
            if let heading = turn.section, result.sections.last?.heading != heading {
                append("\n")
                result.sections.append(.init(heading: heading, level: 2, line: lineNumber, start: offset))
                append(heading + "\n")
            }
            section = result.sections.indices.last
            append("\n")
            var speaker: Int?
            if let name = turn.speaker?.trimmingCharacters(in: .whitespaces), !name.isEmpty {
                if let known = result.appearances.firstIndex(where: { $0.name == name }) {
                    speaker = known
                } else {
                    result.appearances.append(.init(name: name, affiliation: turn.affiliation, role: turn.role))
                    speaker = result.appearances.count - 1
                }
                append(name + "：")
            }
            let start = offset
            let startLine = lineNumber
            append(turn.text)
            result.turns.append(
                .init(
                    speaker: speaker, label: turn.speaker, section: section, line: startLine, start: start, end: offset)
            )
            append("\n")
        }
        result.text = text
        return result
    }

    private static func describe(_ error: Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): return "missing \"\(key.stringValue)\""
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            return "wrong type at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
        case DecodingError.dataCorrupted: return "invalid JSON"
        default: return "\(error)"
        }
    }
}
