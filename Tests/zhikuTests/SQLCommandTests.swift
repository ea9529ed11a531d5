import Foundation
import Testing

/// `zhiku sql`: the user's SQL runs read-only, bounded in time and rows, and changes nothing.
@Suite("zhiku sql")
struct SQLCommandTests {
    /// A database with the sample corpus, and what the sqlite3 shell dumps of it.
    private func withSampleDatabase(_ body: (String, String) throws -> Void) throws {
        try withDatabase { db in
            let ingest = try zhiku(["ingest", "--db", db, "Samples/corpus"])
            try #require(ingest.status == 0, "\(ingest.error)")
            try body(db, try sqlite(db, ".dump"))
        }
    }

    @Test(
        "statements that write, attach, change settings or load extensions are refused and change nothing",
        arguments: [
            "DELETE FROM document", "DROP TABLE speaker", "ATTACH DATABASE ':memory:' AS other",
            "PRAGMA writable_schema = 1", "SELECT load_extension('libevil')", "UPDATE speaker SET name = 'x'",
            "INSERT INTO meta (key, value) VALUES ('a', 'b')", "CREATE TABLE t (x)",
            "SELECT 1; DELETE FROM document",
        ])
    func refusals(sql: String) throws {
        try withSampleDatabase { db, before in
            let result = try zhiku(["sql", "--db", db, sql])
            #expect(result.status == 1)
            #expect(result.error.contains("refused") || result.error.contains("one statement"), "\(result.error)")
            #expect(result.output.isEmpty)
            #expect(try sqlite(db, ".dump") == before)
        }
    }

    @Test("a recursive query that never ends stops at the time limit and changes nothing")
    func timeLimit() throws {
        try withSampleDatabase { db, before in
            let result = try zhiku(
                [
                    "sql", "--db", db, "--timeout", "0.5",
                    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT max(i) FROM n",
                ], timeout: 60)
            #expect(!result.timedOut)
            #expect(result.status == 1)
            #expect(result.error.contains("time limit"))
            #expect(try sqlite(db, ".dump") == before)
        }
    }

    @Test("the row limit is reported after the rows it allowed")
    func rowLimit() throws {
        try withSampleDatabase { db, _ in
            let result = try zhiku([
                "sql", "--db", db, "--max-rows", "2", "--format", "tsv", "SELECT id FROM turn_span ORDER BY id",
            ])
            #expect(result.status == 1)
            #expect(result.error.contains("row limit of 2"))
            #expect(result.output.split(separator: "\n").count == 3)
        }
    }

    @Test("parameters are bound, and JSON keys follow the columns")
    func parametersAndJSON() throws {
        try withSampleDatabase { db, _ in
            let result = try zhiku([
                "sql", "--db", db, "--format", "json", "--param", "since=2024-05-01", "--param", "quote=' OR 1=1 --",
                "SELECT title, date, :quote AS echoed FROM document WHERE date >= :since ORDER BY title",
            ])
            #expect(result.status == 0, "\(result.error)")
            let rows = try #require(
                try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [[String: Any]])
            #expect(rows.map { $0["title"] as? String } == ["2024-05-02 「国产软件与芯片」论坛", "软件与芯片论坛"])
            #expect(rows.allSatisfy { $0["echoed"] as? String == "' OR 1=1 --" })
        }
    }

    @Test("table output aligns columns by display width: a Han character is two columns")
    func tableAlignment() throws {
        try withSampleDatabase { db, _ in
            let result = try zhiku(["sql", "--db", db, "SELECT '芯片' AS a, 'x' AS b UNION ALL SELECT 'ab', 'y'"])
            #expect(result.status == 0)
            let lines = result.output.split(separator: "\n").map(String.init)
            #expect(lines == ["a     b", "────  ─", "芯片  x", "ab    y"])
        }
    }
}
