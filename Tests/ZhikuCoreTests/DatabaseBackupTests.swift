import Foundation
import Testing
import ZhikuCore
import ZhikuSQLite

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

@Suite("Backup and restore")
struct DatabaseBackupTests {
    /// The files in `directory`, by name.
    private func files(in directory: URL) throws -> Set<String> {
        Set(try FileManager.default.contentsOfDirectory(atPath: directory.path))
    }

    /// The single integer a query returns.
    private func count(_ path: String, _ sql: String) throws -> Int? {
        try Connection(path: path, mode: .readOnly).queryFirst(sql)?.int(0)
    }

    @Test("a backup is a verified copy with the source's rows, and its SHA-256 is the file's")
    func backupCopiesAndVerifies() throws {
        try withSampleCorpusDatabase { path, directory in
            let destination = directory.appending(path: "copy.sqlite").path
            let result = try DatabaseBackup.backup(path, to: destination)
            #expect(result.path == destination)
            #expect(result.report.passed)
            #expect(result.sha256.count == 64)
            #expect(result.bytes == (try Data(contentsOf: URL(fileURLWithPath: destination))).count)
            if let sha256sum = which("sha256sum") {
                #expect(try run(sha256sum, [destination]).output.hasPrefix(result.sha256 + " "))
            }
            // Only the copy was added: no temporary file, log or index is left beside it.
            #expect(try files(in: directory).filter { $0.hasPrefix("copy") || $0.hasPrefix(".") } == ["copy.sqlite"])
            for table in ["document", "turn_span", "mention"] {
                let sql = "SELECT count(*) FROM \(table)"
                #expect(try count(destination, sql) == count(path, sql))
            }
        }
    }

    @Test("an existing destination is refused unless replacing is asked for")
    func existingDestinationIsRefused() throws {
        try withSampleCorpusDatabase { path, directory in
            let destination = directory.appending(path: "copy.sqlite")
            try Data("keep me".utf8).write(to: destination)
            #expect {
                try DatabaseBackup.backup(path, to: destination.path)
            } throws: { error in
                guard case ZhikuError.destinationExists(let named) = error else { return false }
                return named == destination.path
            }
            #expect(try Data(contentsOf: destination) == Data("keep me".utf8))
            #expect(try DatabaseBackup.backup(path, to: destination.path, replacing: true).report.passed)
            #expect(try DatabaseVerification.verify(path: destination.path).passed)
        }
    }

    @Test("a copy that fails verification is not put in place, and nothing is left behind")
    func failedCopyIsDiscarded() throws {
        try withSampleCorpusDatabase { path, directory in
            try Connection(path: path).run("UPDATE document SET text = replace(text, '芯片', '晶圓')")
            // The source may gain the empty log and index of the backup's read-only connection.
            let before = try files(in: directory).filter { !$0.hasPrefix("live") }
            #expect {
                try DatabaseBackup.backup(path, to: directory.appending(path: "copy.sqlite").path)
            } throws: { error in
                guard case ZhikuError.verificationFailed(let named, let report) = error else { return false }
                return named == path && report.failedChecks.map(\.name) == ["turn_fts content"]
                    && "\(error)".contains("turn_fts")
            }
            #expect(try files(in: directory).filter { !$0.hasPrefix("live") } == before)
        }
    }

    @Test("restore replaces the live database, keeps the previous one, and leaves no stale log")
    func restoreReplacesAndKeeps() throws {
        try withSampleCorpusDatabase { path, directory in
            let backup = directory.appending(path: "backup.sqlite").path
            _ = try DatabaseBackup.backup(path, to: backup)
            let documents = try #require(try count(path, "SELECT count(*) FROM document"))
            try Connection(path: path).run("DELETE FROM document WHERE id = (SELECT max(id) FROM document)")

            let now = Date(timeIntervalSince1970: 1_714_600_000)
            let result = try DatabaseBackup.restore(backup, over: path, now: now)
            let kept = try #require(result.previousKeptAt)
            #expect(kept == path + ".before-restore-20240501T214640Z")
            #expect(try count(kept, "SELECT count(*) FROM document") == documents - 1)
            #expect(try count(path, "SELECT count(*) FROM document") == documents)
            #expect(try DatabaseVerification.verify(path: path).passed)
            // The backup itself was only read: no log or index was made beside it, no temporary file left.
            #expect(
                try files(in: directory).filter { $0.hasPrefix(".") || $0.hasPrefix("backup") } == ["backup.sqlite"])
        }
    }

    @Test("a backup that fails verification is not restored: the live file stays byte for byte")
    func failedRestoreLeavesLiveUntouched() throws {
        try withSampleCorpusDatabase { path, directory in
            let broken = directory.appending(path: "broken.sqlite").path
            _ = try DatabaseBackup.backup(path, to: broken)
            try Connection(path: broken).run("UPDATE document SET text = replace(text, '芯片', '晶圓')")
            let before = try Data(contentsOf: URL(fileURLWithPath: path))
            let names = try files(in: directory)

            #expect {
                try DatabaseBackup.restore(broken, over: path)
            } throws: { error in
                guard case ZhikuError.verificationFailed(let named, _) = error else { return false }
                return named == broken
            }
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
            #expect(try files(in: directory) == names)
        }
    }

    @Test("restore refuses while another process has the live database open")
    func restoreRefusesWhileInUse() throws {
        let shell = try #require(which("sqlite3"), "the sqlite3 shell is missing: Scripts/setup installs it")
        try withSampleCorpusDatabase { path, directory in
            let backup = directory.appending(path: "backup.sqlite").path
            _ = try DatabaseBackup.backup(path, to: backup)
            // A second process that reads the database and then stays open, waiting for more input.
            let holder = Process()
            holder.executableURL = URL(fileURLWithPath: shell)
            holder.arguments = [path]
            let input = Pipe()
            (holder.standardInput, holder.standardOutput) = (input, FileHandle.nullDevice)
            try holder.run()
            defer {
                try? input.fileHandleForWriting.close()
                holder.waitUntilExit()
            }
            input.fileHandleForWriting.write(Data("SELECT count(*) FROM document;\n".utf8))
            let deadline = Date().addingTimeInterval(10)
            while !SharedMemoryProbe.otherProcessesHaveOpen(databaseAt: path), Date() < deadline { usleep(20_000) }
            try #require(
                SharedMemoryProbe.otherProcessesHaveOpen(databaseAt: path), "sqlite3 did not open the database")
            let before = try Data(contentsOf: URL(fileURLWithPath: path))
            #expect {
                try DatabaseBackup.restore(backup, over: path)
            } throws: { error in
                guard case ZhikuError.databaseInUse(let named, _) = error else { return false }
                return named == path
            }
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        }
    }

    @Test("restore from a missing file or from a file that is not a database names the file")
    func restoreNamesBadSources() throws {
        try withSampleCorpusDatabase { path, directory in
            let missing = directory.appending(path: "missing.sqlite").path
            #expect {
                try DatabaseBackup.restore(missing, over: path)
            } throws: { error in
                guard case ZhikuError.noSuchFile(let named) = error else { return false }
                return named == missing
            }
            let text = directory.appending(path: "notes.txt")
            try Data(String(repeating: "不是数据库\n", count: 500).utf8).write(to: text)
            #expect {
                try DatabaseBackup.restore(text.path, over: path)
            } throws: { error in
                guard case ZhikuError.notADatabase(let named) = error else { return false }
                return named == text.path
            }
        }
    }
}
