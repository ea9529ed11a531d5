import Foundation
import Testing

/// `zhiku topics`, `claims`, `search` with filters and `show`, run as a user would on the sample
/// corpus, with every name argument given in both scripts.
@Suite("zhiku topics, claims, search filters and show")
struct QueryCommandTests {
    private func withSampleDatabase(_ body: (String) throws -> Void) throws {
        try withDatabase { db in
            let ingest = try zhiku(["ingest", "--db", db, "--topics", "Samples/topics.txt", "Samples/corpus"])
            try #require(ingest.status == 0, "\(ingest.error)")
            try body(db)
        }
    }

    /// The JSON array a command printed, after checking that it succeeded.
    private func rows(_ arguments: [String], db: String) throws -> [[String: Any]] {
        let result = try zhiku(arguments + ["--db", db, "--format", "json"])
        try #require(result.status == 0, "zhiku \(arguments.joined(separator: " ")): \(result.error)")
        return try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [[String: Any]])
    }

    /// The one page `zhiku show` printed, and its JSON text (to compare answers byte for byte).
    private func page(_ arguments: [String], db: String) throws -> (object: [String: Any], text: String) {
        let result = try zhiku(["show"] + arguments + ["--db", db, "--format", "json"])
        try #require(result.status == 0, "zhiku show \(arguments.joined(separator: " ")): \(result.error)")
        let array = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [[String: Any]])
        try #require(array.count == 1)
        return (array[0], result.output)
    }

    @Test("topics: the keys, most mentioned first, aliases in either script")
    func topics() throws {
        try withSampleDatabase { db in
            let topics = try rows(["topics"], db: db)
            for key in ["id", "name", "aliases", "origin", "speakers", "mentions"] {
                #expect(topics.allSatisfy { $0.keys.contains(key) }, "missing \(key)")
            }
            let mentions = topics.compactMap { $0["mentions"] as? Int }
            #expect(mentions == mentions.sorted(by: >))
            let chip = try #require(topics.first)
            #expect(chip["name"] as? String == "芯片")
            #expect(chip["origin"] as? String == "lexicon")
            #expect((chip["aliases"] as? [String])?.contains("晶片") == true)
            #expect(
                Set(topics.compactMap { $0["origin"] as? String }).isSuperset(of: ["lexicon", "quoted", "heading"]))
        }
    }

    @Test("topics --speaker: the same answer for the name in either script")
    func topicsBySpeaker() throws {
        try withSampleDatabase { db in
            let simplified = try rows(["topics", "--speaker", "陈蜀杰"], db: db)
            let traditional = try rows(["topics", "--speaker", "陳蜀傑"], db: db)
            #expect(simplified.map { $0["id"] as? Int } == traditional.map { $0["id"] as? Int })
            #expect(simplified.map { $0["mentions"] as? Int } == traditional.map { $0["mentions"] as? Int })
            // 陳蜀傑 mentions 芯片 in each of their three documents, once as 晶片.
            let chip = try #require(simplified.first)
            #expect(chip["name"] as? String == "芯片")
            #expect(chip["mentions"] as? Int == 4)
            #expect(simplified.count < (try rows(["topics"], db: db)).count)
        }
    }

    @Test("topics --document: by id or by title in either script")
    func topicsByDocument() throws {
        try withSampleDatabase { db in
            let documents = try rows(["documents"], db: db)
            let panel = try #require(documents.first { $0["title"] as? String == "半導體產業座談：晶片與摩爾定律" })
            let id = try #require(panel["id"] as? Int)
            let byID = try rows(["topics", "--document", String(id)], db: db)
            let byTitle = try rows(["topics", "--document", "半导体产业座谈：晶片与摩尔定律"], db: db)
            #expect(!byID.isEmpty)
            #expect(byID.map { $0["id"] as? Int } == byTitle.map { $0["id"] as? Int })
            #expect(Set(byID.compactMap { $0["name"] as? String }).isSuperset(of: ["芯片", "摩尔定律"]))
        }
    }

    @Test("claims --topic: the same claims for the topic in either script, each with its source")
    func claimsByTopic() throws {
        try withSampleDatabase { db in
            let simplified = try rows(["claims", "--topic", "摩尔定律"], db: db)
            let traditional = try rows(["claims", "--topic", "摩爾定律"], db: db)
            for key in ["id", "speaker", "text", "document", "line", "topics", "start_offset", "end_offset"] {
                #expect(simplified.allSatisfy { $0.keys.contains(key) }, "missing \(key)")
            }
            #expect(simplified.map { $0["id"] as? Int } == traditional.map { $0["id"] as? Int })
            #expect(
                Set(simplified.compactMap { $0["speaker"] as? String })
                    == ["答", "林雅婷", "王智", "黃啟明", "王芳", "陈蜀杰"])
            for claim in simplified {
                let text = try #require(claim["text"] as? String)
                #expect(text.contains("摩尔定律") || text.contains("摩爾定律"), "\(text)")
                #expect((claim["topics"] as? [String])?.contains("摩尔定律") == true)
                // The offsets point at the same characters in the document's original text.
                let source = try rows(
                    [
                        "sql", "SELECT substr(text, :start + 1, :end - :start) AS text FROM document WHERE id = :id",
                        "--param", "start=\(claim["start_offset"] as? Int ?? -1)",
                        "--param", "end=\(claim["end_offset"] as? Int ?? -1)",
                        "--param", "id=\(claim["document"] as? Int ?? -1)",
                    ], db: db)
                #expect(source.first?["text"] as? String == text)
            }
        }
    }

    @Test("claims --speaker with --topic: one speaker's claims about one topic, names in either script")
    func claimsBySpeakerAndTopic() throws {
        try withSampleDatabase { db in
            let simplified = try rows(["claims", "--speaker", "陈蜀杰", "--topic", "芯片"], db: db)
            let traditional = try rows(["claims", "--speaker", "陳蜀傑", "--topic", "晶片"], db: db)
            #expect(simplified.map { $0["id"] as? Int } == traditional.map { $0["id"] as? Int })
            #expect(simplified.count == 4)
            #expect(simplified.allSatisfy { ($0["speaker_id"] as? Int) == (simplified.first?["speaker_id"] as? Int) })
            #expect(simplified.allSatisfy { ($0["topics"] as? [String])?.contains("芯片") == true })
            let limited = try rows(["claims", "--speaker", "陈蜀杰", "--limit", "2"], db: db)
            #expect(limited.count == 2)
        }
    }

    @Test("search --speaker and --document: only that speaker's or document's turns")
    func searchFilters() throws {
        try withSampleDatabase { db in
            let all = try rows(["search", "芯片"], db: db)
            let simplified = try rows(["search", "芯片", "--speaker", "陈蜀杰"], db: db)
            let traditional = try rows(["search", "晶片", "--speaker", "陳蜀傑"], db: db)
            #expect(simplified.count == 3)
            #expect(simplified.count < all.count)
            #expect(simplified.map { $0["turn"] as? Int } == traditional.map { $0["turn"] as? Int })
            #expect(simplified.allSatisfy { ($0["snippet"] as? String)?.contains("«") == true })
            let document = try #require(simplified.first?["document"] as? Int)
            let inDocument = try rows(["search", "芯片", "--document", String(document)], db: db)
            #expect(!inDocument.isEmpty && inDocument.allSatisfy { $0["document"] as? Int == document })
        }
    }

    @Test("search --topic: only turns that mention the topic, in either script; snippets carry their offsets")
    func searchByTopic() throws {
        try withSampleDatabase { db in
            let all = try rows(["search", "需求"], db: db)
            let simplified = try rows(["search", "需求", "--topic", "芯片"], db: db)
            let traditional = try rows(["search", "需求", "--topic", "晶片"], db: db)
            #expect(!simplified.isEmpty && simplified.count < all.count)
            #expect(simplified.map { $0["turn"] as? Int } == traditional.map { $0["turn"] as? Int })
            let chipTurns = Set(
                try rows(["speakers", "--topic", "芯片", "--limit", "100"], db: db).flatMap {
                    ($0["evidence"] as? [String] ?? []).compactMap { Int($0.dropFirst(5).prefix { $0 != ":" }) }
                })
            #expect(simplified.allSatisfy { chipTurns.contains($0["turn"] as? Int ?? -1) })
            for hit in all {
                let snippet = try #require(hit["snippet"] as? String)
                let plain = snippet.replacingOccurrences(of: "«", with: "").replacingOccurrences(of: "»", with: "")
                    .trimmingCharacters(in: CharacterSet(charactersIn: "…"))
                let source = try rows(
                    [
                        "sql", "SELECT substr(text, :start + 1, :end - :start) AS text FROM document WHERE id = :id",
                        "--param", "start=\(hit["start_offset"] as? Int ?? -1)",
                        "--param", "end=\(hit["end_offset"] as? Int ?? -1)",
                        "--param", "id=\(hit["document"] as? Int ?? -1)",
                    ], db: db)
                #expect(source.first?["text"] as? String == plain)
            }
        }
    }

    @Test("show document: speakers and turns by section, by id or by title in either script")
    func showDocument() throws {
        try withSampleDatabase { db in
            let documents = try rows(["documents"], db: db)
            let forum = try #require(documents.first { ($0["title"] as? String)?.hasSuffix("「国产软件与芯片」论坛") == true })
            let id = try #require(forum["id"] as? Int)
            let byID = try page(["document", String(id)], db: db)
            let byTitle = try page(["document", "2024-05-02 「國產軟件與芯片」論壇"], db: db)
            #expect(byID.text == byTitle.text)
            #expect((byID.object["speakers"] as? [Any])?.count == forum["speakers"] as? Int)
            let sections = try #require(byID.object["sections"] as? [[String: Any]])
            let headings = sections.compactMap { $0["heading"] as? String }
            #expect(!headings.isEmpty)
            let turns = sections.flatMap { $0["turns"] as? [[String: Any]] ?? [] }
            #expect(turns.filter { $0["speaker"] is String }.count == forum["turns"] as? Int)
            #expect(turns.allSatisfy { ($0["text"] as? String)?.isEmpty == false && $0["line"] is Int })
            // The speakers in the order of their first turns, each with the number of their turns.
            let speakers = try #require(byID.object["speakers"] as? [[String: Any]])
            let spoken = turns.compactMap { $0["speaker_id"] as? Int }
            var firstTurns: [Int] = []
            for speaker in spoken where !firstTurns.contains(speaker) { firstTurns.append(speaker) }
            #expect(speakers.compactMap { $0["id"] as? Int } == firstTurns)
            for speaker in speakers {
                #expect(speaker["turns"] as? Int == spoken.filter { $0 == speaker["id"] as? Int }.count)
            }
        }
    }

    @Test("show speaker: appearances, topics and claims; the same page for the name in either script")
    func showSpeaker() throws {
        try withSampleDatabase { db in
            let simplified = try page(["speaker", "陈蜀杰"], db: db)
            let traditional = try page(["speaker", "陳蜀傑"], db: db)
            #expect(simplified.text == traditional.text)
            let appearances = try #require(simplified.object["appearances"] as? [[String: Any]])
            #expect(appearances.count == 3)
            #expect(appearances.compactMap { $0["affiliation"] as? String }.contains("芯馳科技副總裁"))
            // Each appearance counts the speaker's turns in that document, the speaker's turns in all.
            let speaker = try #require(simplified.object["id"] as? Int)
            for appearance in appearances {
                let document = try #require(appearance["document"] as? Int)
                let spoken = try sqlite(
                    db, "SELECT count(*) FROM turn_span WHERE speaker_id = \(speaker) AND document_id = \(document);")
                #expect("\(appearance["turns"] as? Int ?? -1)\n" == spoken)
            }
            #expect(appearances.compactMap { $0["turns"] as? Int }.reduce(0, +) == simplified.object["turns"] as? Int)
            #expect((simplified.object["claims"] as? [Any])?.count == simplified.object["claims_total"] as? Int)
            #expect((simplified.object["topics"] as? [[String: Any]])?.first?["name"] as? String == "芯片")
            let table = try zhiku(["show", "speaker", "陳蜀傑", "--db", db])
            #expect(table.status == 0)
            #expect(table.output.contains("Appearances") && table.output.contains("芯馳科技副總裁"))
        }
    }

    @Test("show topic: speakers and timeline; 芯片 and 晶片 are one topic; unknown names are searched as text")
    func showTopic() throws {
        try withSampleDatabase { db in
            let simplified = try page(["topic", "芯片"], db: db)
            let regional = try page(["topic", "晶片"], db: db)
            #expect(simplified.text == regional.text)
            #expect(simplified.object["origin"] as? String == "lexicon")
            let speakers = try #require(simplified.object["speakers"] as? [[String: Any]])
            let discussed = try rows(["speakers", "--topic", "芯片"], db: db)
            #expect(Set(speakers.compactMap { $0["id"] as? Int }) == Set(discussed.compactMap { $0["id"] as? Int }))
            let dates = (simplified.object["timeline"] as? [[String: Any]] ?? []).compactMap { $0["date"] as? String }
            #expect(dates.count == 7 && dates == dates.sorted())
            let text = try page(["topic", "人才"], db: db)
            #expect(text.object["origin"] as? String == "text")
            #expect((text.object["speakers"] as? [Any])?.isEmpty == false)
        }
    }

    @Test("a name that fits no one is an error with suggestions; show refuses csv; a missing database is named")
    func errors() throws {
        try withSampleDatabase { db in
            let unknown = try zhiku(["claims", "--speaker", "陈蜀", "--db", db])
            #expect(unknown.status == 1)
            #expect(unknown.error.contains("no speaker 「陈蜀」") && unknown.error.contains("陈蜀杰"))
            #expect(unknown.output.isEmpty)
            let document = try zhiku(["show", "document", "999", "--db", db])
            #expect(document.status == 1 && document.error.contains("no document"))
            let csv = try zhiku(["show", "topic", "芯片", "--db", db, "--format", "csv"])
            #expect(csv.status == 64 && csv.error.contains("show writes a page"))
            let nothing = try zhiku(["show", "topic", "量子計算", "--db", db, "--format", "json"])
            #expect(nothing.status == 0)
        }
        try withTemporaryDirectory { folder in
            let missing = folder.appending(path: "none.sqlite").path
            let result = try zhiku(["topics", "--db", missing])
            #expect(result.status == 1 && result.error.contains("no such database"))
            #expect(!FileManager.default.fileExists(atPath: missing))
        }
    }
}
