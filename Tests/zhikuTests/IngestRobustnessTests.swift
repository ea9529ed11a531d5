import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A short transcript, ingested before each bad file: what the bad file must leave as it was.
private let goodTranscript = "王智：我認為摩爾定律沒有結束。\n\n陳蜀傑：車用晶片的需求很大。\n"

/// Every row that belongs to the document from `origin`: the document, its sections, appearances and their
/// speakers, turns and claims, quoted exactly.
private func snapshot(_ database: String, origin: String) throws -> String {
    let document = "(SELECT id FROM document WHERE origin = \(sqlQuoted(origin)))"
    return try sqlite(
        database, ".mode quote",
        "SELECT * FROM document WHERE id = \(document)",
        "SELECT * FROM section WHERE document_id = \(document) ORDER BY id",
        "SELECT * FROM appearance WHERE document_id = \(document) ORDER BY id",
        """
        SELECT s.* FROM speaker s JOIN appearance a ON a.speaker_id = s.id
        WHERE a.document_id = \(document) ORDER BY s.id
        """,
        "SELECT * FROM speaker_alias WHERE speaker_id IN "
            + "(SELECT speaker_id FROM appearance WHERE document_id = \(document)) ORDER BY id",
        "SELECT * FROM turn WHERE document_id = \(document) ORDER BY id",
        """
        SELECT c.* FROM claim c JOIN turn t ON t.id = c.turn_id
        WHERE t.document_id = \(document) ORDER BY c.id
        """)
}

/// Who said what in the document from `origin`, in order, without ids: what two readings of the same
/// text must agree on.
private func turns(_ database: String, origin: String) throws -> String {
    try sqlite(
        database, ".mode quote",
        """
        SELECT t.ordinal, s.name, a.written_name, t.label, t.text, t.line, t.start_offset, t.end_offset,
               (SELECT group_concat(c.text, '/') FROM claim c WHERE c.turn_id = t.id)
        FROM turn t
        JOIN document d ON d.id = t.document_id
        LEFT JOIN speaker s ON s.id = t.speaker_id
        LEFT JOIN appearance a ON a.document_id = t.document_id AND a.speaker_id = t.speaker_id
        WHERE d.origin = \(sqlQuoted(origin))
        ORDER BY t.ordinal
        """)
}

/// Writes the good transcript into `folder` and ingests it into `database`; returns its path.
private func ingestGoodTranscript(into database: String, folder: URL) throws -> String {
    let path = folder.appending(path: "good.txt").path
    try Data(goodTranscript.utf8).write(to: URL(fileURLWithPath: path))
    let result = try zhiku(["ingest", "--db", database, path])
    try #require(result.status == 0, "\(result.error)")
    return path
}

/// `zhiku ingest` against bad input and a killed process.
@Suite("zhiku ingest robustness")
struct IngestRobustnessTests {}

extension IngestRobustnessTests {
    /// A file that `zhiku ingest` must refuse, and what its message must say.
    struct RefusedInput: Sendable, CustomTestStringConvertible {
        /// What is wrong with the file, for the test's name.
        let testDescription: String
        let fileName: String
        let bytes: Data
        /// What must follow "Error: PATH: " on standard error.
        let message: String
        /// Further text the message must contain.
        var details: [String] = []

        /// The cases: empty, binary, damaged UTF-8, NUL bytes.
        static let all: [RefusedInput] = {
            let good = Data(goodTranscript.utf8)
            // A bad byte between two characters of the first turn, and one in the middle of the second turn.
            let early = "王智：我認為"
            let late = "王智：我認為摩爾定律沒有結束。\n\n陳蜀傑：車用"
            func splice(_ before: String, _ bad: [UInt8]) -> Data {
                let rest = goodTranscript.dropFirst(before.count)
                return Data(before.utf8) + Data(bad) + Data(rest.utf8)
            }
            return [
                RefusedInput(
                    testDescription: "an empty file", fileName: "empty.txt", bytes: Data(), message: "the file is empty"
                ),
                RefusedInput(
                    testDescription: "a file of only blank lines", fileName: "blank.txt",
                    bytes: Data(" \n\n\t\r\n".utf8),
                    message: "the file is empty"),
                RefusedInput(
                    testDescription: "a binary file (an ELF header)", fileName: "program.bin",
                    bytes: Data([0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00]) + Data(repeating: 0, count: 8)
                        + Data((1...255).map { UInt8($0) }),
                    message: "cannot decode at byte offset 7: binary data: NUL byte"),
                RefusedInput(
                    testDescription: "a binary file without NUL bytes", fileName: "noise.dat",
                    bytes: Data((0..<4096).map { UInt8($0 % 255 + 1) }), message: "cannot decode at byte offset ",
                    details: ["not UTF-8 (invalid byte 0x80 at offset 127)", "not GB18030", "not Big5-HKSCS"]),
                RefusedInput(
                    testDescription: "invalid UTF-8 (0xFF) in the first turn", fileName: "damaged-early.txt",
                    bytes: splice(early, [0xFF]),
                    message: "cannot decode at byte offset \(early.utf8.count): not UTF-8: invalid byte 0xFF"),
                RefusedInput(
                    testDescription: "invalid UTF-8 (0xC0 0xAF) in the second turn", fileName: "damaged-late.txt",
                    bytes: splice(late, [0xC0, 0xAF]),
                    message: "cannot decode at byte offset \(late.utf8.count): not UTF-8: invalid byte 0xC0"),
                RefusedInput(
                    testDescription: "a UTF-8 sequence cut short at the end", fileName: "truncated.txt",
                    bytes: good + Data([0xE6, 0x91]),
                    message: "cannot decode at byte offset \(good.count): not UTF-8: incomplete sequence 0xE6 0x91 "
                        + "at the end of the file"),
                RefusedInput(
                    testDescription: "a NUL byte in the middle of UTF-8 text", fileName: "nul-early.txt",
                    bytes: splice(early, [0x00]),
                    message: "cannot decode at byte offset \(early.utf8.count): binary data: NUL byte"),
                RefusedInput(
                    testDescription: "NUL bytes in the second turn", fileName: "nul-late.txt",
                    bytes: splice(late, [0x00, 0x00, 0x00]),
                    message: "cannot decode at byte offset \(late.utf8.count): binary data: NUL byte"),
            ]
        }()
    }

    /// The good transcript with other line ends.
    struct LineEndVariant: Sendable, CustomTestStringConvertible {
        let testDescription: String
        let fileName: String
        let text: String

        static let all = [
            LineEndVariant(
                testDescription: "CRLF", fileName: "crlf.txt",
                text: goodTranscript.replacingOccurrences(of: "\n", with: "\r\n")),
            LineEndVariant(
                testDescription: "lone CR", fileName: "cr.txt",
                text: goodTranscript.replacingOccurrences(of: "\n", with: "\r")),
            LineEndVariant(
                testDescription: "CRLF, CR and LF mixed", fileName: "mixed.txt",
                text: "王智：我認為摩爾定律沒有結束。\r\n\r陳蜀傑：車用晶片的需求很大。\n"),
        ]
    }
}

extension IngestRobustnessTests {
    @Suite("zhiku ingest with bad input")
    struct BadInput {
        @Test(
            "a refused file is named with the offset of its first bad byte and leaves the database as it was",
            arguments: RefusedInput.all)
        func refusedFileLeavesDatabaseUntouched(input: RefusedInput) throws {
            try withTemporaryDirectory { folder in
                let database = folder.appending(path: "kb.sqlite").path
                _ = try ingestGoodTranscript(into: database, folder: folder)
                let before = try sqlite(database, ".dump")
                let path = folder.appending(path: input.fileName).path
                try input.bytes.write(to: URL(fileURLWithPath: path))

                let result = try zhiku(["ingest", "--db", database, path])
                #expect(result.status == 1)
                #expect(result.error.contains("Error: \(path): \(input.message)"), "\(result.error)")
                for detail in input.details {
                    #expect(result.error.contains(detail), "\(result.error)")
                }
                #expect(result.error.contains("0 added, 0 replaced, 0 unchanged, 1 failed"), "\(result.error)")
                #expect(try sqlite(database, ".dump") == before)
                #expect(
                    try sqlite(database, "SELECT count(*) FROM document WHERE origin = \(sqlQuoted(path))") == "0\n")
                #expect(try sqlite(database, "PRAGMA integrity_check") == "ok\n")
            }
        }

        @Test(
            "a file with other line ends is stored with the same text, speakers, turns and claims as the LF file",
            arguments: LineEndVariant.all)
        func otherLineEndsReadLikeLF(variant: LineEndVariant) throws {
            try withTemporaryDirectory { folder in
                let database = folder.appending(path: "kb.sqlite").path
                let goodPath = try ingestGoodTranscript(into: database, folder: folder)
                let before = try snapshot(database, origin: goodPath)
                let path = folder.appending(path: variant.fileName).path
                try Data(variant.text.utf8).write(to: URL(fileURLWithPath: path))

                let result = try zhiku(["ingest", "--db", database, path])
                #expect(result.status == 0, "\(result.error)")
                #expect(result.error.contains("1 added, 0 replaced, 0 unchanged, 0 failed"), "\(result.error)")
                #expect(try snapshot(database, origin: goodPath) == before)
                let text = try sqlite(
                    database,
                    "SELECT text = \(sqlQuoted(goodTranscript)) FROM document WHERE origin = \(sqlQuoted(path))")
                #expect(text == "1\n")
                let expected = try turns(database, origin: goodPath)
                #expect(expected.contains("'王智','王智','王智','我認為摩爾定律沒有結束。',1,"))
                #expect(expected.contains("'陳蜀傑','陳蜀傑','陳蜀傑','車用晶片的需求很大。',3,"))
                #expect(try turns(database, origin: path) == expected)
                #expect(try sqlite(database, "SELECT count(*) FROM speaker") == "2\n")
            }
        }

        @Test("a Markdown file of only headings is stored with its title and sections, and no speakers")
        func headingsOnlyIsStoredWithSections() throws {
            try withTemporaryDirectory { folder in
                let database = folder.appending(path: "kb.sqlite").path
                let goodPath = try ingestGoodTranscript(into: database, folder: folder)
                let before = try snapshot(database, origin: goodPath)
                let path = folder.appending(path: "headings.md").path
                try Data("# 標題\n\n## 第一節\n\n## 第二節\n".utf8).write(to: URL(fileURLWithPath: path))

                let result = try zhiku(["ingest", "--db", database, path])
                #expect(result.status == 0, "\(result.error)")
                #expect(result.error.contains("1 added, 0 replaced, 0 unchanged, 0 failed"), "\(result.error)")
                #expect(try snapshot(database, origin: goodPath) == before)
                let document = "(SELECT id FROM document WHERE origin = \(sqlQuoted(path)))"
                #expect(
                    try sqlite(database, "SELECT title, format FROM document WHERE id = \(document)") == "標題|markdown\n"
                )
                let sections = try sqlite(
                    database,
                    "SELECT heading, level, line FROM section WHERE document_id = \(document) ORDER BY ordinal")
                #expect(sections == "第一節|2|3\n第二節|2|5\n")
                #expect(
                    try sqlite(database, "SELECT count(*) FROM appearance WHERE document_id = \(document)") == "0\n")
                let attributed = try sqlite(
                    database, "SELECT count(*) FROM turn WHERE document_id = \(document) AND speaker_id IS NOT NULL")
                #expect(attributed == "0\n")
                #expect(try sqlite(database, "SELECT count(*) FROM speaker") == "2\n")
            }
        }

        @Test("a 50 MB file on a single line is stored whole, within a time limit")
        func fiftyMegabyteSingleLineIsStored() throws {
            try withTemporaryDirectory { folder in
                let database = folder.appending(path: "kb.sqlite").path
                let goodPath = try ingestGoodTranscript(into: database, folder: folder)
                let before = try snapshot(database, origin: goodPath)
                let sentence = "我認為摩爾定律沒有結束，車用晶片的需求很大。"
                let repeats = 50 * 1_048_576 / sentence.utf8.count + 1
                let path = folder.appending(path: "one-line.txt").path
                try Data(String(repeating: sentence, count: repeats).utf8).write(to: URL(fileURLWithPath: path))

                let result = try zhiku(["ingest", "--db", database, path], timeout: 300)
                try #require(!result.timedOut, "zhiku ingest did not finish a 50 MB single-line file in 300 s")
                #expect(result.status == 0, "\(result.error)")
                #expect(result.error.contains("1 added, 0 replaced, 0 unchanged, 0 failed"), "\(result.error)")
                #expect(try snapshot(database, origin: goodPath) == before)
                let characters = repeats * sentence.unicodeScalars.count
                let stored = try sqlite(
                    database,
                    """
                    SELECT length(text), substr(text, 1, \(sentence.count)) = \(sqlQuoted(sentence)),
                           substr(text, -\(sentence.count)) = \(sqlQuoted(sentence)),
                           (SELECT sum(length(t.text)) FROM turn t WHERE t.document_id = d.id)
                    FROM document d WHERE origin = \(sqlQuoted(path))
                    """)
                #expect(stored == "\(characters)|1|1|\(characters)\n")
            }
        }
    }

}

/// What a generated transcript must be stored as.
private struct ExpectedDocument {
    let turns: Int
    let speakers: Int
    let characters: Int
}

/// Writes `count` transcripts of a few KB into `folder`, each with its own text and three to six speakers;
/// returns what each must be stored as, by file name.
private func writeCorpus(count: Int, into folder: URL) throws -> [String: ExpectedDocument] {
    let names = ["王智", "陳蜀傑", "李明", "張雅婷", "林志豪", "黃美玲"]
    let sentences = [
        "我認為摩爾定律沒有結束", "車用晶片的需求很大", "記憶體價格今年會回升", "先進封裝是下一個戰場",
        "人才培育需要十年", "供應鏈要更有韌性", "電動車帶動功率半導體", "伺服器市場成長很快",
    ]
    var expected: [String: ExpectedDocument] = [:]
    for index in 0..<count {
        let speakers = (0..<(3 + index % 4)).map { names[(index + $0) % names.count] }
        let paragraphs = (0..<(12 + index % 17)).map { paragraph in
            let clause = (0..<4).map { sentences[(index * 7 + paragraph * 3 + $0) % sentences.count] }
                .joined(separator: "，")
            return "\(speakers[paragraph % speakers.count])：第\(index)場第\(paragraph)段，\(clause)。\(clause)。"
        }
        let text = paragraphs.joined(separator: "\n\n") + "\n"
        let name = "talk-\(String(1000 + index).dropFirst()).txt"
        try Data(text.utf8).write(to: folder.appending(path: name))
        expected[name] = ExpectedDocument(
            turns: paragraphs.count, speakers: speakers.count, characters: text.unicodeScalars.count)
    }
    return expected
}

/// The number of stored documents, or nil while the database cannot be read yet.
private func documentCount(_ database: String) -> Int? {
    guard FileManager.default.fileExists(atPath: database), let shell = sqliteShell,
        let result = try? runProcess(
            shell, ["-batch", "-cmd", ".timeout 1000", database, "SELECT count(*) FROM document"], timeout: 30),
        result.status == 0
    else { return nil }
    return Int(result.output.trimmingCharacters(in: .whitespacesAndNewlines))
}

/// Checks that the database file is sound and every document in it is whole; returns how many there are.
private func checkWholeDocuments(_ database: String, expected: [String: ExpectedDocument]) throws -> Int {
    #expect(try sqlite(database, "PRAGMA integrity_check") == "ok\n")
    #expect(try sqlite(database, "PRAGMA foreign_key_check") == "")
    // FTS5's own check of each full-text index (against its content table, if it has one): it fails with
    // SQLITE_CORRUPT_VTAB when they disagree. Then the turns indexed must be exactly the turns stored.
    let indexes = try sqlite(
        database, "SELECT name FROM sqlite_schema WHERE sql LIKE 'CREATE VIRTUAL TABLE % USING fts5%'"
    ).split(separator: "\n")
    #expect(indexes.contains("turn_fts"))
    for index in indexes {
        _ = try sqlite(database, "INSERT INTO \(index)(\(index), rank) VALUES('integrity-check', 1)")
    }
    let unindexed = try sqlite(
        database,
        """
        SELECT (SELECT count(*) FROM turn_fts WHERE rowid NOT IN (SELECT id FROM turn)),
               (SELECT count(*) FROM turn WHERE id NOT IN (SELECT rowid FROM turn_fts))
        """)
    #expect(unindexed == "0|0\n", "index rows without turns | turns without index rows")
    let rows = try sqlite(
        database,
        """
        SELECT d.origin,
               (SELECT count(*) FROM turn t WHERE t.document_id = d.id),
               (SELECT count(*) FROM turn t WHERE t.document_id = d.id AND t.speaker_id IS NOT NULL),
               (SELECT count(*) FROM appearance a WHERE a.document_id = d.id),
               length(d.text)
        FROM document d ORDER BY d.origin
        """
    ).split(separator: "\n")
    for row in rows {
        let fields = row.split(separator: "|").map(String.init)
        try #require(fields.count == 5, "unexpected row \(row)")
        let name = URL(fileURLWithPath: fields[0]).lastPathComponent
        let document = try #require(expected[name], "a document from an unknown file: \(fields[0])")
        #expect(
            fields.dropFirst().compactMap { Int($0) }
                == [document.turns, document.turns, document.speakers, document.characters],
            "\(name) is not whole: turns, attributed turns, speakers, characters = \(fields.dropFirst())")
    }
    let origins = try sqlite(database, "SELECT count(*), count(DISTINCT origin) FROM document")
    #expect(origins == "\(rows.count)|\(rows.count)\n")
    return rows.count
}

extension IngestRobustnessTests {
    @Suite("zhiku ingest killed midway")
    struct Interrupted {
        @Test(
            "SIGKILL midway through a directory leaves only whole documents; the same command completes the rest")
        func killedIngestResumesWithoutDuplicates() throws {
            let binary = try #require(zhikuBinary, "the zhiku binary was not found beside the tests; set ZHIKU_BIN")
            try withTemporaryDirectory { folder in
                let corpus = folder.appending(path: "corpus")
                try FileManager.default.createDirectory(at: corpus, withIntermediateDirectories: true)
                let total = 300
                let expected = try writeCorpus(count: total, into: corpus)
                let database = folder.appending(path: "kb.sqlite").path
                let arguments = ["ingest", "--db", database, corpus.path]

                let process = Process()
                process.executableURL = URL(fileURLWithPath: binary)
                process.arguments = arguments
                process.currentDirectoryURL = repositoryRoot
                process.standardInput = FileHandle.nullDevice
                process.standardOutput = FileHandle.nullDevice
                process.standardError = FileHandle.nullDevice
                try process.run()
                defer {
                    if process.isRunning {
                        kill(process.processIdentifier, SIGKILL)
                        process.waitUntilExit()
                    }
                }
                // Killed after a varying number of documents, so that runs hit different moments of the writes.
                let threshold = Int.random(in: 20...100)
                var seen = 0
                let deadline = Date().addingTimeInterval(120)
                while process.isRunning, Date() < deadline {
                    seen = documentCount(database) ?? 0
                    if seen >= threshold { break }
                    usleep(20_000)
                }
                try #require(
                    process.isRunning && seen < total,
                    "zhiku ingest ended (or stalled) before it could be killed after \(threshold) documents (\(seen) stored)"
                )
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
                #expect(process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGKILL)

                let stored = try checkWholeDocuments(database, expected: expected)
                try #require(stored >= seen && stored < total, "\(stored) documents after the kill")

                let rerun = try zhiku(arguments, timeout: 300)
                try #require(!rerun.timedOut, "the second zhiku ingest did not finish in 300 s")
                #expect(rerun.status == 0, "\(rerun.error)")
                #expect(
                    rerun.error.contains("\(total - stored) added, 0 replaced, \(stored) unchanged, 0 failed"),
                    "\(rerun.error)")
                #expect(try checkWholeDocuments(database, expected: expected) == total)
            }
        }
    }
}
