import Foundation
import Testing

/// `zhiku report`: the bundled reports, run like `zhiku sql`, on the sample corpus.
@Suite("zhiku report")
struct ReportCommandTests {
    private let reportNames = [
        "documents_without_speakers", "most_cited_claims", "speaker_topic_matrix", "topic_timeline",
        "turns_per_speaker_per_month",
    ]

    /// A database with the sample corpus and its lexicon.
    private func withSampleDatabase(_ body: (String) throws -> Void) throws {
        try withDatabase { db in
            let ingest = try zhiku(["ingest", "--db", db, "--topics", "Samples/topics.txt", "Samples/corpus"])
            try #require(ingest.status == 0, "\(ingest.error)")
            try body(db)
        }
    }

    private func json(_ output: String) throws -> [[String: Any]] {
        try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [[String: Any]])
    }

    @Test("--list names every report with its title and parameters, in a table and in JSON")
    func list() throws {
        let table = try zhiku(["report", "--list"])
        #expect(table.status == 0, "\(table.error)")
        for name in reportNames { #expect(table.output.contains(name), "\(name)") }
        #expect(table.output.contains("Speaker × topic matrix"))

        let listed = try zhiku(["report", "--list", "--format", "json"])
        #expect(listed.status == 0, "\(listed.error)")
        let rows = try json(listed.output)
        #expect(rows.map { $0["name"] as? String } == reportNames)
        let claims = try #require(rows.first { $0["name"] as? String == "most_cited_claims" })
        #expect(claims["title"] as? String == "Most cited claims per topic")
        #expect(claims["parameters"] as? [String] == ["topic", "speaker", "per_topic=3"])
        #expect((claims["columns"] as? [String])?.first == "topic_id")
        #expect((claims["description"] as? String)?.contains("within the claim's offsets") == true)
    }

    @Test("turns per speaker per month in JSON: a row per speaker and month, oldest first")
    func turnsPerSpeakerPerMonthJSON() throws {
        try withSampleDatabase { db in
            let result = try zhiku(["report", "turns_per_speaker_per_month", "--db", db, "--format", "json"])
            #expect(result.status == 0, "\(result.error)")
            let rows = try json(result.output)
            #expect(rows.count == 17)
            #expect(
                rows.first?.keys.sorted() == ["characters", "documents", "month", "speaker", "speaker_id", "turns"])
            #expect(rows.first?["month"] as? String == "2023-11")
            #expect(rows.first?["speaker"] as? String == "發言人")
            #expect(rows.first?["turns"] as? Int == 3)
            let months = rows.compactMap { $0["month"] as? String }
            #expect(months == months.sorted())
            // Every attributed turn is counted once.
            let total = try sqlite(db, "SELECT count(*) FROM turn_span WHERE speaker_id IS NOT NULL")
            #expect(
                rows.reduce(0) { $0 + ($1["turns"] as? Int ?? 0) }
                    == Int(total.trimmingCharacters(in: .whitespacesAndNewlines)))
        }
    }

    @Test(
        "a speaker or topic named in traditional or simplified script gives the same rows",
        arguments: [
            ("turns_per_speaker_per_month", "speaker", "陳蜀傑", "陈蜀杰"),
            ("speaker_topic_matrix", "speaker", "黃啟明", "黄启明"),
            ("topic_timeline", "topic", "摩爾定律", "摩尔定律"),
            ("most_cited_claims", "topic", "人才培養", "人才培养"),
        ])
    func eitherScript(report: String, parameter: String, traditional: String, simplified: String) throws {
        try withSampleDatabase { db in
            let first = try zhiku([
                "report", report, "--db", db, "--format", "csv", "--param", "\(parameter)=\(traditional)",
            ])
            let second = try zhiku([
                "report", report, "--db", db, "--format", "csv", "--param", "\(parameter)=\(simplified)",
            ])
            #expect(first.status == 0, "\(first.error)")
            #expect(second.status == 0, "\(second.error)")
            #expect(first.output.split(separator: "\r\n").count >= 2, "\(first.output)")
            #expect(first.output == second.output)
        }
    }

    @Test("a report file run by the stock sqlite3 shell gives the rows zhiku gives")
    func stockShell() throws {
        try withSampleDatabase { db in
            let fromZhiku = try zhiku([
                "report", "speaker_topic_matrix", "--db", db, "--format", "tsv", "--param", "speaker=陳蜀傑",
            ])
            #expect(fromZhiku.status == 0, "\(fromZhiku.error)")
            let fromShell = try sqlite(
                db, ".headers on", ".mode tabs", ".parameter set :speaker 陳蜀傑",
                ".read Reports/speaker_topic_matrix.sql")
            #expect(fromShell == fromZhiku.output)
            #expect(fromShell.split(separator: "\n").count == 7)
        }
    }

    @Test("an unknown report fails with the list of reports, exit status 1")
    func unknownReport() throws {
        try withSampleDatabase { db in
            let result = try zhiku(["report", "turns_per_month", "--db", db])
            #expect(result.status == 1)
            #expect(result.output.isEmpty)
            #expect(result.error.contains("turns_per_month"))
            for name in reportNames { #expect(result.error.contains(name), "\(name)") }
        }
    }

    @Test("a parameter the report does not declare fails, naming the ones it has")
    func unknownParameter() throws {
        try withSampleDatabase { db in
            let result = try zhiku(["report", "topic_timeline", "--db", db, "--param", "speaker=李明"])
            #expect(result.status == 1)
            #expect(result.output.isEmpty)
            #expect(
                result.error.contains("'speaker'") && result.error.contains("topic, since, until"), "\(result.error)")
        }
    }

    @Test("a report stopped by --max-rows prints the rows it read and fails")
    func rowLimit() throws {
        try withSampleDatabase { db in
            let result = try zhiku(["report", "topic_timeline", "--db", db, "--max-rows", "2", "--format", "tsv"])
            #expect(result.status == 1)
            #expect(result.error.contains("row limit of 2"))
            #expect(result.output.split(separator: "\n").count == 3)
        }
    }

    @Test("a time limit that is not positive is refused, exit status 1")
    func badTimeLimit() throws {
        try withSampleDatabase { db in
            let result = try zhiku(["report", "topic_timeline", "--db", db, "--timeout", "0"])
            #expect(result.status == 1)
            #expect(result.error.contains("time limit"))
        }
    }
}
