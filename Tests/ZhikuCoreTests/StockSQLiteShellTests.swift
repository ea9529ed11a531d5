import Foundation
import Testing
import ZhikuCore

/// A Zhiku database must be usable by any SQLite tool, with no extension loaded.
@Suite("The stock sqlite3 shell")
struct StockSQLiteShellTests {
    @Test("opens a Zhiku database, checks it, and finds a 2-character word through the index")
    func stockShell() throws {
        let shell = try #require(which("sqlite3"), "the sqlite3 shell is missing: Scripts/setup installs it")
        try withStore { store, directory in
            try SearchFixture.store(into: store)
            let path = directory.appending(path: "test.sqlite").path
            let integrity = try run(shell, ["-bail", path, "PRAGMA integrity_check;"])
            #expect(integrity.status == 0)
            #expect(integrity.output == "ok\n")
            let found = try run(
                shell,
                [
                    "-bail", path,
                    "SELECT t.text FROM turn_fts JOIN turn t ON t.id = turn_fts.rowid WHERE turn_fts MATCH '\"芯 片\"' ORDER BY t.id;",
                ])
            #expect(found.status == 0, "\(found.error)")
            #expect(found.output == "摩尔定律放缓以后，芯片设计要靠架构创新。\n国产ＭＣＵ芯片的软件生态还不完善。\n")
            let ftsCheck = try run(
                shell, ["-bail", path, "INSERT INTO turn_fts (turn_fts, rank) VALUES ('integrity-check', 1);"])
            #expect(ftsCheck.status == 0, "\(ftsCheck.error)")
        }
    }
}
