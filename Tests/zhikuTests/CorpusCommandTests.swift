import Foundation
import Testing

/// `zhiku documents` and `zhiku stats` on the sample corpus.
@Suite("zhiku documents and stats")
struct CorpusCommandTests {
    private func withSampleDatabase(_ body: (String) throws -> Void) throws {
        try withDatabase { db in
            let ingest = try zhiku(["ingest", "--db", db, "Samples/corpus"])
            try #require(ingest.status == 0, "\(ingest.error)")
            try body(db)
        }
    }

    private func json(_ output: String) throws -> [[String: Any]] {
        try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [[String: Any]])
    }

    @Test("documents: every document with its keys, oldest first")
    func documents() throws {
        try withSampleDatabase { db in
            let result = try zhiku(["documents", "--db", db, "--format", "json"])
            #expect(result.status == 0, "\(result.error)")
            let rows = try json(result.output)
            #expect(rows.count == 7)
            for key in ["id", "title", "date", "source", "speakers", "turns"] {
                #expect(rows.allSatisfy { $0.keys.contains(key) }, "missing \(key)")
            }
            #expect(rows.first?["title"] as? String == "創新科技署記者會")
            #expect(rows.first?["date"] as? String == "2023-11-08")
            #expect(rows.first?["speakers"] as? Int == 2)
            #expect(rows.first?["turns"] as? Int == 6)
        }
    }

    @Test(
        "documents: --script converts every text field",
        arguments: [("simplified", "创新科技署记者会"), ("traditional", "創新科技署記者會")])
    func script(script: String, title: String) throws {
        try withSampleDatabase { db in
            let result = try zhiku(["documents", "--db", db, "--format", "json", "--script", script])
            #expect(result.status == 0, "\(result.error)")
            #expect(try json(result.output).first?["title"] as? String == title)
        }
    }

    @Test("stats: counts of what the database holds")
    func stats() throws {
        try withSampleDatabase { db in
            let result = try zhiku(["stats", "--db", db, "--format", "json"])
            #expect(result.status == 0, "\(result.error)")
            let counts = try json(result.output).reduce(into: [String: Int]()) {
                $0[$1["what"] as? String ?? ""] = $1["count"] as? Int
            }
            #expect(counts["documents"] == 7)
            #expect(counts["turns"] ?? 0 > 20)
            #expect(counts["schema version"] == 1)
        }
    }
}
