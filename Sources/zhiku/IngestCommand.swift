import ArgumentParser
import Foundation
import ZhikuCore

/// `zhiku ingest`: reads documents into the database.
struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Read transcripts into the database.",
        discussion: """
            Reads JSON Lines files (.jsonl), one structured transcript per line; files and directories
            (recursively, hidden files skipped). Each document is stored in one transaction; the same
            content again is reported as unchanged.

            Example:
              zhiku ingest --db talks.sqlite Samples/
            """
    )

    @OptionGroup var database: DatabaseOptions

    @Argument(help: "Files or directories to read.")
    var paths: [String]

    func run() throws {
        let store = try database.openStore(OpenCC())
        var failed = 0
        var counts: [String: Int] = [:]
        for file in try FileWalker.files(at: paths) {
            do {
                let text = try String(contentsOfFile: file, encoding: .utf8)
                for document in try JSONLinesReader.documents(in: text, origin: file) {
                    switch try store.store(document) {
                    case .added: counts["added", default: 0] += 1
                    case .replaced: counts["replaced", default: 0] += 1
                    case .unchanged: counts["unchanged", default: 0] += 1
                    }
                }
            } catch {
                failed += 1
                printError("Error: \(file): \(error)")
            }
        }
        printError(
            "ingested: \(counts["added", default: 0]) added, \(counts["replaced", default: 0]) replaced, "
                + "\(counts["unchanged", default: 0]) unchanged, \(failed) failed files")
        if failed > 0 { throw ExitCode.failure }
    }
}

/// Expands paths into the files below them, sorted, hidden entries skipped.
enum FileWalker {
    static func files(at paths: [String]) throws -> [String] {
        var files: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw ValidationError("\(path): no such file or directory")
            }
            guard isDirectory.boolValue else {
                files.append(path)
                continue
            }
            let enumerator = FileManager.default.enumerator(
                at: URL(fileURLWithPath: path), includingPropertiesForKeys: [.isRegularFileKey],
                options: [.skipsHiddenFiles])
            var found: [String] = []
            while let url = enumerator?.nextObject() as? URL {
                if (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true,
                    url.pathExtension == "jsonl"
                {
                    found.append(url.path)
                }
            }
            files += found.sorted()
        }
        return files
    }
}
