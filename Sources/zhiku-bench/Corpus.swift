import Foundation

/// One paragraph of a corpus file: a run of non-blank lines, which the benchmark indexes as one turn.
struct Paragraph: Sendable {
    /// The paragraph's text, exactly as in the file (line ends normalised to `\n`).
    let text: String
    /// The line of the file where it starts, counting from 1.
    let line: Int
    /// Offset of its first scalar in the file's text, in Unicode scalars.
    let start: Int
    /// Offset just past its last scalar, in Unicode scalars.
    let end: Int
}

/// One text file of the corpus, split into paragraphs.
struct CorpusFile: Sendable {
    /// The path below the corpus directory, which is unique and serves as the document's origin.
    let relativePath: String
    /// The decoded text, line ends normalised to `\n`, as Zhiku stores a document's text.
    let text: String
    /// The size of the file on disk.
    let byteCount: Int
    /// The paragraphs, in order; blank lines separate them and belong to none.
    let paragraphs: [Paragraph]
}

/// The text files of a directory tree, read once and held in memory, so that both indexes are built
/// from the very same paragraphs and no build time is spent reading files.
struct Corpus: Sendable {
    /// The directory the files were read from.
    let directory: URL
    /// The files, sorted by path so that every run sees the same order.
    let files: [CorpusFile]
    /// Files that were left out, with the reason (not UTF-8, unreadable).
    let skipped: [String]

    /// Every paragraph of every file, in file order.
    var paragraphs: [Paragraph] { files.flatMap(\.paragraphs) }

    /// Reads every `.md` and `.txt` file below `directory`.
    static func load(from directory: URL) throws -> Corpus {
        let fileManager = FileManager.default
        var isDirectory: ObjCBool = false
        guard fileManager.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw BenchError.usage("the corpus directory \(directory.path) does not exist")
        }
        guard let enumerator = fileManager.enumerator(at: directory, includingPropertiesForKeys: [.isRegularFileKey])
        else {
            throw BenchError.usage("cannot list \(directory.path)")
        }
        let base = directory.standardizedFileURL.path
        var paths: [String] = []
        for case let url as URL in enumerator where ["md", "txt"].contains(url.pathExtension.lowercased()) {
            if (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true {
                paths.append(url.standardizedFileURL.path)
            }
        }
        var files: [CorpusFile] = []
        var skipped: [String] = []
        for path in paths.sorted() {
            let relative = path.hasPrefix(base + "/") ? String(path.dropFirst(base.count + 1)) : path
            guard let data = fileManager.contents(atPath: path) else {
                skipped.append("\(relative): unreadable")
                continue
            }
            guard let decoded = String(data: data, encoding: .utf8) else {
                skipped.append("\(relative): not UTF-8")
                continue
            }
            let text = normalizeLineEnds(decoded)
            files.append(
                CorpusFile(relativePath: relative, text: text, byteCount: data.count, paragraphs: paragraphs(of: text)))
        }
        guard !files.isEmpty else {
            throw BenchError.usage("no .md or .txt files below \(directory.path)")
        }
        return Corpus(directory: directory, files: files, skipped: skipped)
    }

    /// The text with a leading byte-order mark removed and CR LF and lone CR turned into LF: the
    /// schema wants a document's text with `\n` line ends, and offsets count scalars of that text.
    static func normalizeLineEnds(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        var previousWasCR = false
        for (index, scalar) in text.unicodeScalars.enumerated() {
            if index == 0 && scalar == "\u{FEFF}" { continue }
            if scalar == "\r" {
                scalars.append("\n")
                previousWasCR = true
                continue
            }
            if !(scalar == "\n" && previousWasCR) { scalars.append(scalar) }
            previousWasCR = false
        }
        return String(scalars)
    }

    /// Splits `text` at blank lines (empty or only white space) into paragraphs.
    static func paragraphs(of text: String) -> [Paragraph] {
        var result: [Paragraph] = []
        var offset = 0
        // The paragraph being collected: where it starts and the lines it has so far.
        var open: (line: Int, start: Int, lines: [Substring])?

        func close() {
            guard let current = open else { return }
            let joined = current.lines.joined(separator: "\n")
            result.append(
                Paragraph(
                    text: joined, line: current.line, start: current.start,
                    end: current.start + joined.unicodeScalars.count))
            open = nil
        }

        // Splitting by Character is safe here: a line feed is always a grapheme of its own.
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.unicodeScalars.allSatisfy(\.properties.isWhitespace) {
                close()
            } else if open == nil {
                open = (line: index + 1, start: offset, lines: [line])
            } else {
                open?.lines.append(line)
            }
            offset += line.unicodeScalars.count + 1
        }
        close()
        return result
    }
}
