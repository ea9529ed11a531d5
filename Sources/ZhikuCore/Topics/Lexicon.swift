import Foundation

/// A user's topic lexicon: one topic per line, the name first, then its aliases in any script,
/// separated by tabs, commas (，,) or `|`. Blank lines and lines starting with `#` are skipped.
///
/// ```
/// # topic   aliases…
/// 芯片	晶片, 半導體晶片, chip
/// 摩尔定律	Moore's law
/// ```
public enum Lexicon {
    /// The topics of a lexicon file's text; `file` names it in errors.
    public static func parse(_ text: String, file: String) throws -> [TopicCandidate] {
        var topics: [TopicCandidate] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingWhitespace()
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let names = trimmed.split(whereSeparator: { "\t,，|、;；".contains($0) })
                .map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
            guard let name = names.first else {
                throw ZhikuError.malformedDocument(file: file, line: index + 1, detail: "no topic name on the line")
            }
            topics.append(TopicCandidate(name: name, origin: "lexicon", aliases: Array(names.dropFirst())))
        }
        return topics
    }
}
