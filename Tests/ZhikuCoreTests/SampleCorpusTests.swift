import Foundation
import Testing
import ZhikuCore

/// The sample corpus in Samples/corpus, written for this project: what ingest must find in it, exactly.
@Suite("The sample corpus")
struct SampleCorpusTests {
    private let corpus = repositoryRoot.appending(path: "Samples/corpus")

    private func withSampleStore<T>(_ body: (Store) throws -> T) throws -> T {
        try withStore { store, _ in
            try store.addLexicon(
                Lexicon.parse(
                    String(contentsOf: repositoryRoot.appending(path: "Samples/topics.txt"), encoding: .utf8),
                    file: "topics.txt"))
            let events = try ingest([corpus], into: store)
            #expect(events.count == 6)
            return try body(store)
        }
    }

    @Test("every file is read, each in its own encoding and format")
    func formatsAndEncodings() throws {
        try withSampleStore { (store) throws in
            let rows = try store.connection.query("SELECT title, date, format, encoding FROM document ORDER BY title")
                .map { "\(try $0.string(0))|\(try $0.optionalString(1) ?? "")|\(try $0.string(2))|\(try $0.string(3))" }
            #expect(
                rows
                    == [
                        "2024-05-02 「国产软件与芯片」论坛|2024-05-02|markdown|UTF-8",
                        "family conversation at a tea house|2024-02-12|chat|UTF-8",
                        "专访：一位芯片设计师的十年|2024-01-20|text|GB18030",
                        "創新科技署記者會|2023-11-08|text|BIG5-HKSCS",
                        "半導體產業座談：晶片與摩爾定律|2024-03-15|jsonl|UTF-8",
                        "晶片之後:台灣半導體的下一步|2024-03-15T19:30|text|UTF-8",
                        "软件与芯片论坛|2024-05-02|jsonl|UTF-8",
                    ].sorted())
        }
    }

    @Test("a panel in traditional script with ASCII colons: introductions, photo positions, roles, headings")
    func panel() throws {
        try withSampleStore { (store) throws in
            let title = "晶片之後:台灣半導體的下一步"
            #expect(
                try store.appearances(ofDocumentTitled: title).map(\.description) == [
                    "林雅婷|科技週刊總編輯|主持人|3", "黃啟明|清華大學電機系教授||2", "周子瑜|芯原微電子創辦人||1",
                    "陳志豪|鼎新創投合夥人||1",
                ])
            #expect(try store.sections(ofDocumentTitled: title) == ["摩爾定律走到盡頭了嗎?", "投資人該扮演什麼角色?"])
            // The ad, the event blurb and the closing credits belong to no one, but stay searchable.
            let unattributed = try store.connection.query(
                "SELECT t.text FROM turn t JOIN document d ON d.id = t.document_id WHERE d.title = ? AND t.speaker_id IS NULL",
                title
            ).map { try $0.string(0) }
            #expect(unattributed.contains { $0.hasPrefix("★限時優惠★") })
            #expect(unattributed.contains { $0.hasSuffix("轉載請註明出處") })
            #expect(try store.search("限時優惠").count == 1)
        }
    }

    @Test("a Markdown forum in simplified script with full-width colons: agenda items are not speakers")
    func forum() throws {
        try withSampleStore { (store) throws in
            let title = "2024-05-02 「国产软件与芯片」论坛"
            #expect(
                try store.appearances(ofDocumentTitled: title).map(\.description) == [
                    "李明||主持人|3", "陈蜀杰|||1", "王芳|||1",
                ])
            #expect(try store.sections(ofDocumentTitled: title) == ["开场", "业务报告", "服务器与内存", "说明"])
            #expect(
                try store.connection.queryFirst("SELECT source FROM document WHERE title = ?", title)?.string(0)
                    == "示例论坛纪要")
        }
    }

    @Test("a Hong Kong press conference in Big5-HKSCS: role labels, an outlet in brackets")
    func pressConference() throws {
        try withSampleStore { (store) throws in
            #expect(
                try store.appearances(ofDocumentTitled: "創新科技署記者會").map(\.description) == [
                    "發言人||發言人|3", "記者|明報|記者|3",
                ])
        }
    }

    @Test("an interview in GB18030 with 问/答 labels")
    func interview() throws {
        try withSampleStore { (store) throws in
            #expect(
                try store.appearances(ofDocumentTitled: "专访：一位芯片设计师的十年").map(\.description) == [
                    "问||问|3", "答||答|3",
                ])
        }
    }

    @Test("JSON Lines documents keep their speakers, roles, affiliations and sections")
    func jsonLines() throws {
        try withSampleStore { (store) throws in
            #expect(
                try store.appearances(ofDocumentTitled: "半導體產業座談：晶片與摩爾定律").map(\.description) == [
                    "林雅婷||主持人|1", "王智|韋豪創芯投資合夥||1", "陳蜀傑|芯馳科技副總裁||1",
                ])
            #expect(try store.sections(ofDocumentTitled: "半導體產業座談：晶片與摩爾定律") == ["開場", "需求"])
            #expect(
                try store.appearances(ofDocumentTitled: "软件与芯片论坛").map(\.description) == [
                    "李明||主持人|1", "陈蜀杰|芯驰科技||1", "王智|||1",
                ])
        }
    }

    @Test("a TalkBank CHAT file: participants with their roles")
    func chat() throws {
        try withSampleStore { (store) throws in
            #expect(
                try store.appearances(ofDocumentTitled: "family conversation at a tea house").map(\.description) == [
                    "Wang Shufen||Grandmother|2", "Xiaoyu||Target_Child|1", "Zhang Wei||Father|1",
                ])
        }
    }

    @Test("one person across scripts and documents; roles stay within their document")
    func identity() throws {
        try withSampleStore { (store) throws in
            let documentsPerSpeaker = try store.connection.query(
                """
                SELECT s.fold_key, count(DISTINCT a.document_id) FROM speaker s JOIN appearance a ON a.speaker_id = s.id
                GROUP BY s.id ORDER BY s.fold_key
                """
            ).reduce(into: [String: Int]()) { $0[try $1.string(0)] = try $1.int(1) }
            #expect(documentsPerSpeaker["陈蜀杰"] == 3)
            #expect(documentsPerSpeaker["李明"] == 2)
            #expect(documentsPerSpeaker["林雅婷"] == 2)
            #expect(documentsPerSpeaker["王智"] == 2)
            // 陳蜀傑 and 陈蜀杰 are aliases of one speaker.
            let aliases = try store.connection.query(
                "SELECT alias FROM speaker_alias a JOIN speaker s ON s.id = a.speaker_id WHERE s.fold_key = '陈蜀杰' ORDER BY alias"
            ).map { try $0.string(0) }
            #expect(aliases == ["陈蜀杰", "陳蜀傑"])
            // Two documents' 主持人 would be two people; 记者 and 问 exist once per document.
            #expect(try store.connection.query("SELECT 1 FROM speaker WHERE fold_key LIKE '问@%'").count == 1)
        }
    }

    @Test("topics from the lexicon, quotes and headings are found in either script and regional form")
    func topics() throws {
        try withSampleStore { (store) throws in
            let speakers = try store.connection.query(
                """
                SELECT DISTINCT s.name FROM mention m JOIN topic tp ON tp.id = m.topic_id
                JOIN turn t ON t.id = m.turn_id JOIN speaker s ON s.id = t.speaker_id
                WHERE tp.fold_key = '芯片' ORDER BY s.name
                """
            ).map { try $0.string(0) }
            // 晶片 (Taiwan) and 芯片 (Mainland) are one topic.
            #expect(speakers.contains("周子瑜") && speakers.contains("陈蜀杰") && speakers.contains("答"))
            let origins = try store.connection.query("SELECT DISTINCT origin FROM topic ORDER BY origin").map {
                try $0.string(0)
            }
            #expect(origins.contains("lexicon") && origins.contains("quoted") && origins.contains("heading"))
            // Mention offsets point at the characters in the original text.
            let mismatched = try store.connection.query(
                """
                SELECT count(*) FROM mention m JOIN turn t ON t.id = m.turn_id JOIN document d ON d.id = t.document_id
                WHERE substr(d.text, m.start_offset + 1, m.end_offset - m.start_offset)
                   <> substr(t.text, m.start_offset - t.start_offset + 1, m.end_offset - m.start_offset)
                """
            ).first?.int(0)
            #expect(mismatched == 0)
        }
    }

    @Test("claims are whole assertive sentences with offsets into the document")
    func claims() throws {
        try withSampleStore { (store) throws in
            let claims = try store.connection.query(
                """
                SELECT c.text, substr(d.text, c.start_offset + 1, c.end_offset - c.start_offset)
                FROM claim c JOIN turn t ON t.id = c.turn_id JOIN document d ON d.id = t.document_id
                """
            ).map { (try $0.string(0), try $0.string(1)) }
            #expect(!claims.isEmpty)
            #expect(claims.allSatisfy { $0.0 == $0.1 })
            let texts = claims.map(\.0)
            #expect(texts.contains("我認為摩爾定律並沒有結束,只是速度變慢了。"))
            #expect(!texts.contains { $0.hasSuffix("?") || $0.hasSuffix("？") })
            #expect(!texts.contains("謝謝黃教授。"))
        }
    }

    @Test("ingesting the same corpus again changes nothing")
    func reingest() throws {
        try withSampleStore { (store) throws in
            let before = try store.connection.query("SELECT count(*) FROM turn").first?.int(0)
            let events = try ingest([corpus], into: store)
            #expect(events.flatMap(\.outcomes).allSatisfy { if case .unchanged = $0 { true } else { false } })
            #expect(try store.connection.query("SELECT count(*) FROM turn").first?.int(0) == before)
        }
    }
}
