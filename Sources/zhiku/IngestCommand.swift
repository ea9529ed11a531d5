import ArgumentParser
import Foundation
import ZhikuCore

/// `zhiku ingest`: reads documents into the database.
struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Read transcripts into the database.",
        discussion: """
            Reads files, directories (recursively, hidden files skipped) and `-` for standard input.
            Encodings are detected: UTF-8 (with or without BOM), UTF-16 with BOM, GB18030/GBK/GB2312,
            Big5-HKSCS. Formats: transcript text and Markdown, TalkBank CHAT (.cha), JSON Lines (.jsonl,
            one structured document per line; see the README).

            Each document is stored in one transaction: an error leaves the database as it was before
            that document. The same content again is reported as unchanged; a changed file at the same
            path replaces its document. Files that fail are reported, the others are still ingested,
            and the exit status is 1.

            Examples:
              zhiku ingest Samples/corpus --topics Samples/topics.txt
              zhiku ingest --db talks.sqlite --encoding big5 old-minutes.txt
              curl -s https://example.org/talk.txt | zhiku ingest -
            """
    )

    @OptionGroup var database: DatabaseOptions

    @Option(help: "Decode every file with this encoding instead of detecting it (gb18030, big5-hkscs, utf-16, …).")
    var encoding: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "A topic lexicon: one topic per line, then its aliases in any script, separated by tabs or commas.",
            valueName: "file"))
    var topics: String?

    @Argument(help: "Files or directories to read; - reads standard input.")
    var paths: [String]

    func validate() throws {
        if paths.isEmpty { throw ValidationError("give at least one file or directory, or - for standard input") }
    }

    func run() throws {
        let store = try database.openStore(OpenCC())
        if let topics {
            let text = try String(contentsOfFile: topics, encoding: .utf8)
            let added = try store.addLexicon(Lexicon.parse(text, file: topics))
            printError("topics: \(added) new from \(topics)")
        }
        let sources = try IngestSources.expand(paths)
        var progress = IngestProgress(total: sources.count, totalBytes: sources.reduce(0) { $0 + $1.size })
        var failures = 0
        try store.bulkLoad {
            Ingester(store: store, reader: DocumentReader(fold: store.fold, encoding: encoding))
                .ingest(sources.map(\.source)) { event in
                    if let error = event.error {
                        failures += 1
                        progress.clearLine()
                        printError("Error: \(error)")
                    }
                    progress.record(event)
                }
            progress.finish(failures: failures)
            // Corpus-wide work, after the documents: key phrases from statistics, and the mentions of
            // every topic that is new in this run in the documents stored before it.
            let started = Date()
            let completion = try store.completeCorpus()
            printError(
                "topics: \(completion.addedKeyPhrases) new key phrases (\(completion.removedKeyPhrases) no longer "
                    + "found); \(completion.completedTopics) new topics found across the corpus in "
                    + "\(String(format: "%.1f", Date().timeIntervalSince(started))) s")
        }
        if failures > 0 { throw ExitCode.failure }
    }
}

/// The sources named on the command line, with their sizes for progress.
enum IngestSources {
    /// Expands paths into sources: files as they are, directories into the files below them
    /// (sorted, hidden entries skipped), `-` into standard input.
    static func expand(_ paths: [String]) throws -> [(source: IngestSource, size: Int)] {
        var sources: [(IngestSource, Int)] = []
        for path in paths {
            if path == "-" {
                let data = FileHandle.standardInput.readDataToEndOfFile()
                sources.append((.standardInput(data), data.count))
                continue
            }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw ValidationError("\(path): no such file or directory")
            }
            guard isDirectory.boolValue else {
                sources.append((.file(path), status(of: path)?.size ?? 0))
                continue
            }
            let enumerator = FileManager.default.enumerator(
                at: URL(fileURLWithPath: path), includingPropertiesForKeys: [.isRegularFileKey, .fileSizeKey],
                options: [.skipsHiddenFiles])
            var found: [(IngestSource, Int)] = []
            while let url = enumerator?.nextObject() as? URL {
                if let status = status(of: url.path), status.isRegularFile {
                    found.append((.file(url.path), status.size))
                }
            }
            sources += found.sorted { $0.0.name < $1.0.name }
        }
        return sources
    }

    /// Whether the item at `path` is a regular file, and its size, as URL resource values give them
    /// (a symbolic link is not followed), read with one lstat(2): resource values cost tens of
    /// microseconds per file, which the writer waits for before the first document.
    private static func status(of path: String) -> (isRegularFile: Bool, size: Int)? {
        var status = stat()
        guard lstat(path, &status) == 0 else { return nil }
        return ((status.st_mode & S_IFMT) == S_IFREG, Int(status.st_size))
    }
}
