import Foundation
import Testing
import ZhikuSQLite

@Suite("Connection: online backup")
struct BackupTests {
    @Test("copies every table into a new file, including what is still in the write-ahead log")
    func copiesEverything() throws {
        try withTemporaryDirectory { directory in
            let source = try Connection(path: directory.appendingPathComponent("source.sqlite").path)
            try source.execute("CREATE TABLE t (x TEXT); CREATE INDEX t_x ON t(x)")
            for number in 0..<500 { try source.run("INSERT INTO t VALUES (?)", "row \(number)") }
            let path = directory.appendingPathComponent("copy.sqlite").path
            let summary = try source.backup(to: path)
            #expect(summary.pages > 1)
            #expect(summary.pageSize == 4096)
            let copy = try Connection(path: path, mode: .readOnly)
            #expect(try copy.count("t") == 500)
            #expect(try copy.scalar("PRAGMA integrity_check") == .text("ok"))
        }
    }

    @Test("a snapshot: rows written by another connection during the copy are not half in it")
    func copiesOneSnapshot() throws {
        try withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("source.sqlite").path
            let writer = try Connection(path: path)
            try writer.execute("CREATE TABLE t (x INTEGER)")
            try writer.run("INSERT INTO t VALUES (1)")
            let reader = try Connection(path: path, mode: .readOnly)
            let copyPath = directory.appendingPathComponent("copy.sqlite").path
            try writer.transaction {
                try writer.run("INSERT INTO t VALUES (2)")
                // Not yet committed: the copy is of the last committed state.
                _ = try reader.backup(to: copyPath)
            }
            #expect(try Connection(path: copyPath, mode: .readOnly).count("t") == 1)
        }
    }

    @Test("a file that is not a database fails with SQLITE_NOTADB, naming the file")
    func notADatabase() throws {
        try withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("notes.txt").path
            try Data(String(repeating: "not a database\n", count: 100).utf8).write(to: URL(fileURLWithPath: path))
            let source = try Connection(path: path, mode: .readOnly)
            #expect {
                try source.backup(to: directory.appendingPathComponent("copy.sqlite").path)
            } throws: { error in
                guard let error = error as? SQLiteError else { return false }
                return error.isNotADatabase && error.message.contains(path)
            }
        }
    }
}

@Suite("The shared-memory probe")
struct SharedMemoryProbeTests {
    @Test("sees no other process on a database nobody else has open, nor on one without a -shm file")
    func nobodyElse() throws {
        try withTemporaryDatabasePath { path in
            #expect(!SharedMemoryProbe.otherProcessesHaveOpen(databaseAt: path))
            let connection = try Connection(path: path)
            try connection.execute("CREATE TABLE t (x)")
            // This process's own connection is not another process.
            #expect(!SharedMemoryProbe.otherProcessesHaveOpen(databaseAt: path))
        }
    }
}
