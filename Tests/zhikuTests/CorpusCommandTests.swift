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
            // The number of the last migration, which is also how many there are.
            let migrations = try FileManager.default.contentsOfDirectory(
                atPath: repositoryRoot.appending(path: "Migrations").path
            ).filter { $0.hasSuffix(".sql") }
            #expect(counts["schema version"] == migrations.count)
        }
    }

    @Test("speakers: every speaker with the keys, most turns first")
    func speakers() throws {
        try withSampleDatabase { db in
            let result = try zhiku(["speakers", "--db", db, "--format", "json"])
            #expect(result.status == 0, "\(result.error)")
            let rows = try json(result.output)
            for key in ["id", "name", "aliases", "affiliation", "roles", "turns", "documents"] {
                #expect(rows.allSatisfy { $0.keys.contains(key) }, "missing \(key)")
            }
            let turns = rows.compactMap { $0["turns"] as? Int }
            #expect(turns == turns.sorted(by: >))
            let chen = try #require(rows.first { ($0["aliases"] as? [String])?.contains("陳蜀傑") == true })
            #expect(Set(chen["aliases"] as? [String] ?? []) == ["陈蜀杰", "陳蜀傑"])
            #expect(chen["documents"] as? Int == 3)
        }
    }

    @Test(
        "speakers --topic: the same people whatever the script or regional form of the topic",
        arguments: [["摩尔定律", "摩爾定律"], ["晶片", "芯片"]])
    func speakersByTopic(spellings: [String]) throws {
        try withSampleDatabase { db in
            var answers: [[String]] = []
            for topic in spellings {
                let result = try zhiku(["speakers", "--db", db, "--topic", topic, "--format", "json"])
                #expect(result.status == 0, "\(result.error)")
                let rows = try json(result.output)
                #expect(!rows.isEmpty)
                #expect(
                    rows.allSatisfy {
                        ($0["mentions"] as? Int ?? 0) > 0 && !($0["evidence"] as? [String] ?? []).isEmpty
                    })
                let mentions = rows.compactMap { $0["mentions"] as? Int }
                #expect(mentions == mentions.sorted(by: >))
                answers.append(rows.compactMap { $0["name"] as? String }.sorted())
            }
            #expect(answers.first == answers.last)
        }
    }

    @Test("speakers with several topics: only those who discussed all of them")
    func speakersByTopics() throws {
        try withSampleDatabase { db in
            let one = try json(try zhiku(["speakers", "--db", db, "--topic", "晶片", "--format", "json"]).output)
            let both = try json(
                try zhiku(["speakers", "--db", db, "--topic", "晶片", "--topic", "伺服器", "--format", "json"]).output)
            #expect(!both.isEmpty && both.count < one.count)
            let names = Set(one.compactMap { $0["name"] as? String })
            #expect(both.allSatisfy { names.contains($0["name"] as? String ?? "") })
        }
    }
}
