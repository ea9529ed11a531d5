import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Ingests the sample corpus (with its lexicon) into `database` with the built binary.
private func ingestSamples(_ database: String) throws {
    let result = try zhiku(["ingest", "--db", database, "--topics", "Samples/topics.txt", "Samples/corpus"])
    try #require(result.status == 0, "ingest failed: \(result.error)")
}

/// The rows of `zhiku … --format json`, as dictionaries.
private func jsonRows(_ output: String) throws -> [[String: Any]] {
    try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [[String: Any]], "not JSON: \(output)")
}

/// The file names in `folder`.
private func names(in folder: URL) throws -> Set<String> {
    Set(try FileManager.default.contentsOfDirectory(atPath: folder.path))
}

/// Checks that a database file opens in the stock sqlite3 shell and that its rows agree with each other:
/// SQLite's integrity and foreign keys, one index row per turn, no document without turns, no claim or
/// mention without its turn. Returns the number of documents. (Meant to grow: a later step compares
/// canned reports over the same file.)
@discardableResult
private func expectSelfConsistent(_ database: String) throws -> Int {
    #expect(try sqlite(database, "PRAGMA integrity_check;") == "ok\n", "\(database)")
    #expect(try sqlite(database, "PRAGMA foreign_key_check;") == "", "\(database)")
    let consistency = try sqlite(
        database,
        """
        SELECT (SELECT count(*) FROM turn_span) = (SELECT count(*) FROM turn_fts_docsize),
               (SELECT count(*) FROM document WHERE id NOT IN (SELECT document_id FROM turn_span)),
               (SELECT count(*) FROM claim_span WHERE turn_id NOT IN (SELECT id FROM turn_span)),
               (SELECT count(*) FROM mention WHERE turn_id NOT IN (SELECT id FROM turn_span));
        """)
    #expect(consistency == "1|0|0|0\n", "\(database)")
    return Int(try sqlite(database, "SELECT count(*) FROM document;").trimmingCharacters(in: .whitespacesAndNewlines))
        ?? -1
}

/// Writes `count` generated transcripts of about 50 KB each into `folder`: speakers taking turns with
/// sentences drawn from common characters, different in every file, so that each is a new document.
private func writeTranscripts(count: Int, into folder: URL) throws {
    let characters = Array(
        "的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年得就那要下以生会自着去之过家学对可里后小么心多天而能好都然没日于起还发成事只作当想看文无开手十用主行方又如前所本见经头面公同三已老从动两长知民样现分将外但身些与高意进把法此实回二理美点月明其种声全工己话儿者向情部正名定女问力机给等几很业最间新什打便位因重被走电四第门相次东政海口使教西再平真听世气信北少关并内加化由却代军产入先山五太水万市眼体别处总才场师书比住员九笑性通目华报立马命张活难神数件安表原车白应路期叫死常提感金何更反合放做系计或司利受光王果亲界及今京务制解各任至清物台象记边共风战干接它许八特觉望直服毛林题建南度统色字请交爱让认算论百吃义科怎元社术结六功指思非流每青管夫连远资队跟带花快条院变联言权往展该领传近留红治决周保达办运武半候七必城父强步完革深区即求品士转量空甚众技轻程告江语英基派满式李息写呢识极令黄德收脸钱党倒未持音跑投注"
    )
    var state: UInt64 = 0x2545_F491_4F6C_DD1D
    func next(_ bound: Int) -> Int {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int((state >> 33) % UInt64(bound))
    }
    let speakers = ["张伟", "李娜", "王芳", "刘洋", "陈静"]
    for file in 0..<count {
        var text = "第\(file + 1)场产业论坛\n2024-03-\(String(format: "%02d", file % 28 + 1))\n"
        for turn in 0..<60 {
            text += "\n\(speakers[(turn + file) % speakers.count])："
            for _ in 0..<(4 + next(6)) {
                text += String((0..<(8 + next(20))).map { _ in characters[next(characters.count)] })
                text += next(3) == 0 ? "，" : "。"
            }
            text += "\n"
        }
        try Data(text.utf8).write(to: folder.appending(path: String(format: "talk-%03d.txt", file)))
    }
}

@Suite(
    "zhiku check, backup and restore",
    .enabled(if: sqliteShell != nil, "the stock sqlite3 shell is not installed: skipped (Scripts/setup installs it)"))
struct BackupCommandTests {
    @Test("an index desynced behind zhiku's back: SQLite says ok, check, backup and restore all fail naming turn_fts")
    func desyncedIndexIsCaught() throws {
        try withTemporaryDirectory { folder in
            let live = folder.appending(path: "live.sqlite").path
            let broken = folder.appending(path: "broken.sqlite").path
            try ingestSamples(live)
            try ingestSamples(broken)
            // Same length, so offsets stay valid: only the contentless index still says 芯片.
            _ = try sqlite(broken, "UPDATE document SET text = replace(text, '芯片', '晶圓');")
            #expect(try sqlite(broken, "SELECT count(*) > 0 FROM document WHERE text LIKE '%晶圓%';") == "1\n")
            #expect(try sqlite(broken, "PRAGMA integrity_check;") == "ok\n")
            #expect(try sqlite(broken, "INSERT INTO turn_fts (turn_fts, rank) VALUES ('integrity-check', 1);") == "")

            let check = try zhiku(["check", "--db", broken, "--format", "json"])
            #expect(check.status == 1)
            let failed = try jsonRows(check.output).filter { $0["result"] as? String != "ok" }
            #expect(failed.map { $0["check"] as? String } == ["turn_fts content"])
            #expect((failed.first?["detail"] as? String)?.contains("turn_fts disagrees with the text") == true)
            #expect(check.error.contains("turn_fts content"))

            let destination = folder.appending(path: "backup.sqlite").path
            let backup = try zhiku(["backup", "--db", broken, destination])
            #expect(backup.status == 1)
            #expect(backup.error.contains("turn_fts content"))
            #expect(!FileManager.default.fileExists(atPath: destination))

            try #require(try zhiku(["check", "--db", live]).status == 0)
            let before = try Data(contentsOf: URL(fileURLWithPath: live))
            let namesBefore = try names(in: folder)
            let restore = try zhiku(["restore", "--db", live, broken])
            #expect(restore.status == 1)
            #expect(restore.error.contains("turn_fts content") && restore.error.contains("was not changed"))
            #expect(try Data(contentsOf: URL(fileURLWithPath: live)) == before)
            #expect(try names(in: folder) == namesBefore)
        }
    }

    @Test("a backup taken while another process ingests opens in sqlite3 and is consistent")
    func backupDuringIngest() throws {
        try withTemporaryDirectory { folder in
            let corpus = folder.appending(path: "corpus")
            try FileManager.default.createDirectory(at: corpus, withIntermediateDirectories: true)
            try writeTranscripts(count: 80, into: corpus)
            let live = folder.appending(path: "live.sqlite").path
            let shell = try #require(sqliteShell)

            let ingest = Process()
            ingest.executableURL = URL(fileURLWithPath: try #require(zhikuBinary))
            ingest.arguments = ["ingest", "--db", live, corpus.path]
            (ingest.standardOutput, ingest.standardError) = (FileHandle.nullDevice, FileHandle.nullDevice)
            try ingest.run()
            defer {
                if ingest.isRunning { kill(ingest.processIdentifier, SIGKILL) }
                ingest.waitUntilExit()
            }
            // Wait for the first documents, so that the copy has something to be consistent about.
            let deadline = Date().addingTimeInterval(60)
            while Date() < deadline, ingest.isRunning {
                let documents = try runProcess(shell, ["-batch", live, "SELECT count(*) FROM document;"], timeout: 10)
                if documents.status == 0,
                    (Int(documents.output.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0) > 0
                {
                    break
                }
                usleep(50_000)
            }

            var backups: [String] = []
            var takenDuringIngest = 0
            for number in 0..<3 where ingest.isRunning {
                let destination = folder.appending(path: "backup-\(number).sqlite").path
                let backup = try zhiku(["backup", "--db", live, destination], timeout: 120)
                #expect(backup.status == 0, "\(backup.error)")
                if ingest.isRunning { takenDuringIngest += 1 }
                backups.append(destination)
            }
            ingest.waitUntilExit()
            #expect(ingest.terminationStatus == 0)
            #expect(
                takenDuringIngest > 0, "the ingest ended before a backup was taken: the generated corpus is too small")

            var documents: [Int] = []
            for backup in backups {
                documents.append(try expectSelfConsistent(backup))
                // The stock shell answers a plain-table report on the copy with zhiku's numbers.
                let report = "turns_per_speaker_per_month"
                let fromZhiku = try zhiku(["report", report, "--db", backup, "--format", "tsv"])
                #expect(fromZhiku.status == 0, "\(fromZhiku.error)")
                let fromShell = try sqlite(backup, ".headers on", ".mode tabs", ".read Reports/\(report).sql")
                #expect(fromShell.split(separator: "\n").count > 1)
                #expect(fromShell == fromZhiku.output, "\(report) on \(backup)")
            }
            // Snapshots of one growing database: never fewer documents than an earlier one.
            #expect(documents == documents.sorted())
            #expect(documents.allSatisfy { $0 > 0 && $0 <= 80 })
        }
    }

    @Test("restore round trip: the backup's documents come back, the old file is kept, search works")
    func restoreRoundTrip() throws {
        try withTemporaryDirectory { folder in
            let live = folder.appending(path: "live.sqlite").path
            let backupPath = folder.appending(path: "backup.sqlite").path
            try ingestSamples(live)
            let documents = try expectSelfConsistent(live)
            let backup = try zhiku(["backup", "--db", live, backupPath])
            try #require(backup.status == 0, "\(backup.error)")

            let extra = folder.appending(path: "quantum.txt")
            try Data("量子计算论坛\n2024-06-01\n\n张伟：量子计算的研究需要长期投入。\n\n李娜：量子通信已经开始试点。\n".utf8).write(to: extra)
            try #require(try zhiku(["ingest", "--db", live, extra.path]).status == 0)
            #expect(try sqlite(live, "SELECT count(*) FROM document;") == "\(documents + 1)\n")

            let restore = try zhiku(["restore", "--db", live, backupPath])
            #expect(restore.status == 0, "\(restore.error)")
            #expect(try sqlite(live, "SELECT count(*) FROM document;") == "\(documents)\n")
            let kept = try #require(try names(in: folder).first { $0.hasPrefix("live.sqlite.before-restore-") })
            #expect(restore.error.contains(kept))
            let keptPath = folder.appending(path: kept).path
            #expect(try sqlite(keptPath, "SELECT count(*) FROM document;") == "\(documents + 1)\n")

            let search = try zhiku(["search", "--db", live, "--format", "json", "摩尔定律"])
            #expect(search.status == 0)
            #expect(try !jsonRows(search.output).isEmpty)
            let gone = try zhiku(["search", "--db", live, "--format", "json", "量子"])
            #expect(gone.status == 0)
            #expect(try jsonRows(gone.output).isEmpty)
            #expect(try zhiku(["check", "--db", live]).status == 0)
            #expect(try names(in: folder).filter { $0.hasPrefix(".") }.isEmpty)
        }
    }

    @Test("check passes on a freshly ingested database, every check ok")
    func checkPassesOnFreshDatabase() throws {
        try withTemporaryDirectory { folder in
            let live = folder.appending(path: "live.sqlite").path
            try ingestSamples(live)
            let check = try zhiku(["check", "--db", live, "--format", "json"])
            #expect(check.status == 0, "\(check.error)")
            let rows = try jsonRows(check.output)
            #expect(rows.compactMap { $0["check"] as? String }.contains("turn_fts content"))
            #expect(rows.allSatisfy { $0["result"] as? String == "ok" })
            let table = try zhiku(["check", "--db", live])
            #expect(table.status == 0)
            #expect(table.output.contains("known-answer search"))
        }
    }

    @Test("backup refuses an existing DEST unless --force, and prints the file's SHA-256")
    func backupRefusesExistingDestination() throws {
        try withTemporaryDirectory { folder in
            let live = folder.appending(path: "live.sqlite").path
            try ingestSamples(live)
            let destination = folder.appending(path: "backup.sqlite")
            try Data("precious".utf8).write(to: destination)

            let refused = try zhiku(["backup", "--db", live, destination.path])
            #expect(refused.status == 1)
            #expect(refused.error.contains(destination.path) && refused.error.contains("--force"))
            #expect(try Data(contentsOf: destination) == Data("precious".utf8))

            let forced = try zhiku(["backup", "--db", live, "--force", "--format", "json", destination.path])
            #expect(forced.status == 0, "\(forced.error)")
            let rows = try jsonRows(forced.output)
            let sha256 = try #require(rows.first { $0["check"] as? String == "sha256" }?["detail"] as? String)
            #expect(sha256.count == 64 && sha256.allSatisfy(\.isHexDigit))
            #expect(forced.error.contains(sha256))
            #expect(try sqlite(destination.path, "PRAGMA integrity_check;") == "ok\n")
        }
    }

    @Test("restore of a missing file or of a file that is not a database names the file")
    func restoreNamesBadSources() throws {
        try withTemporaryDirectory { folder in
            let live = folder.appending(path: "live.sqlite").path
            try ingestSamples(live)
            let before = try Data(contentsOf: URL(fileURLWithPath: live))

            let missing = folder.appending(path: "missing.sqlite").path
            let noFile = try zhiku(["restore", "--db", live, missing])
            #expect(noFile.status == 1)
            #expect(noFile.error.contains("\(missing): no such file"))

            let notes = folder.appending(path: "notes.txt")
            try Data(String(repeating: "这不是数据库。\n", count: 300).utf8).write(to: notes)
            let notDatabase = try zhiku(["restore", "--db", live, notes.path])
            #expect(notDatabase.status == 1)
            #expect(notDatabase.error.contains("\(notes.path) is not a SQLite database"))
            #expect(try Data(contentsOf: URL(fileURLWithPath: live)) == before)
        }
    }
}
