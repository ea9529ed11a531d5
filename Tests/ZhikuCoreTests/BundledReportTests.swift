import Foundation
import Testing
import ZhikuCore
import ZhikuSQLite

/// The reports bundled from Reports/: each is read, runs on the sample corpus, and gives exactly what an
/// independent computation over the tables gives.
@Suite("Bundled reports")
struct BundledReportTests {
    private let catalog: ReportCatalog

    init() throws {
        catalog = try ReportCatalog.bundled()
    }

    /// A store with the sample corpus and its lexicon, plus three documents that the sample lacks: a
    /// notice nobody speaks in, an undated panel (陳蜀傑 in traditional script) and one dated by its
    /// year only (陈蜀杰 in simplified).
    private func withReportStore<T>(_ body: (Store) throws -> T) throws -> T {
        try withStore { store, folder in
            let extra = folder.appending(path: "extra")
            try FileManager.default.createDirectory(at: extra, withIntermediateDirectories: true)
            try "停電公告\n\n本大樓將於三月二十日上午九時至十二時停電檢修，請各住戶提早準備。\n\n造成不便，敬請見諒。\n"
                .write(to: extra.appending(path: "notice.txt"), atomically: true, encoding: .utf8)
            try "座談紀錄\n\n陳蜀傑：我認為晶片的供應鏈還會再變。\n\n王芳：我同意，記憶體也一樣。\n"
                .write(to: extra.appending(path: "undated.txt"), atomically: true, encoding: .utf8)
            try #"{"title": "年度回顧", "date": "2023", "turns": [{"speaker": "陈蜀杰", "text": "今年芯片需求很大。"}]}"#
                .write(to: extra.appending(path: "year.jsonl"), atomically: true, encoding: .utf8)
            try store.addLexicon(
                Lexicon.parse(
                    String(contentsOf: repositoryRoot.appending(path: "Samples/topics.txt"), encoding: .utf8),
                    file: "topics.txt"))
            try ingest([repositoryRoot.appending(path: "Samples/corpus"), extra], into: store)
            return try body(store)
        }
    }

    private func run(_ name: String, _ parameters: [String: String] = [:], in store: Store) throws -> UserSQLResult {
        try catalog.run(name, parameters: parameters, databasePath: store.path)
    }

    /// The rows as text, one line per row with `|` between the values (of `columns` only, if given),
    /// for exact comparisons.
    private func lines(_ result: UserSQLResult, _ columns: [String]? = nil) -> [String] {
        let indices =
            columns.map { $0.compactMap { result.columns.firstIndex(of: $0) } } ?? Array(result.columns.indices)
        return result.rows.map { row in
            indices.map { index in
                switch row[index] {
                case .null: return "NULL"
                case .integer(let number): return String(number)
                case .real(let number): return String(number)
                case .text(let text): return text
                case .blob(let data): return "<\(data.count) bytes>"
                }
            }.joined(separator: "|")
        }
    }

    @Test("the catalog holds the five reports, each with a title, a description and its columns")
    func catalogContents() {
        #expect(
            catalog.reports.map(\.name) == [
                "documents_without_speakers", "most_cited_claims", "speaker_topic_matrix", "topic_timeline",
                "turns_per_speaker_per_month",
            ])
        for report in catalog.reports {
            #expect(!report.title.isEmpty && !report.description.isEmpty && !report.columns.isEmpty, "\(report.name)")
            #expect(report.parameters.allSatisfy { !$0.meaning.isEmpty }, "\(report.name)")
        }
    }

    @Test(
        "every report runs read-only on the sample corpus and returns the columns its header names",
        arguments: try ReportCatalog.bundled().reports.map(\.name))
    func runsWithDeclaredColumns(name: String) throws {
        try withReportStore { (store) throws in
            let result = try run(name, in: store)
            #expect(result.columns == (try catalog.report(named: name)).columns)
            #expect(!result.reachedRowLimit)
        }
    }

    @Test(
        "a report whose parameters are all NULL gives what it gives with its header's defaults",
        arguments: try ReportCatalog.bundled().reports.map(\.name))
    func defaultsAgreeWithSQL(name: String) throws {
        // Another SQLite tool binds nothing: the SQL's own fallbacks must be the header's defaults.
        try withReportStore { (store) throws in
            let report = try catalog.report(named: name)
            let nulls = Dictionary(uniqueKeysWithValues: report.parameters.map { ($0.name, SQLiteValue.null) })
            let bare = try UserSQL.run(report.sql, values: nulls, databasePath: store.path, timeout: 5, maxRows: 10_000)
            #expect(lines(bare) == lines(try run(name, in: store)))
        }
    }

    // MARK: turns per speaker per month

    @Test("turns per speaker per month: exactly the rows grouped in Swift from turn_span and document")
    func turnsPerSpeakerPerMonth() throws {
        try withReportStore { (store) throws in
            struct Key: Hashable {
                var month: String?
                var speaker: Int64
            }
            var turns: [Key: (count: Int, documents: Set<Int64>, characters: Int)] = [:]
            for row in try store.connection.query(
                """
                SELECT d.date, t.speaker_id, t.document_id, t.start_offset, t.end_offset
                FROM turn_span t, document d WHERE d.id = t.document_id
                """)
            {
                guard let speaker = try row.optionalInt64(1) else { continue }
                let key = Key(month: try row.optionalString(0).map { String($0.prefix(7)) }, speaker: speaker)
                var cell = turns[key] ?? (0, [], 0)
                cell.count += 1
                cell.documents.insert(try row.int64(2))
                cell.characters += try row.int(4) - row.int(3)
                turns[key] = cell
            }
            var names: [Int64: String] = [:]
            for row in try store.connection.query("SELECT id, name FROM speaker") {
                names[try row.int64(0)] = try row.string(1)
            }
            let expected = turns.sorted {
                // Months in order, the undated last; then most turns, then speaker id.
                ($0.key.month ?? "\u{10FFFF}", -$0.value.count, $0.key.speaker)
                    < ($1.key.month ?? "\u{10FFFF}", -$1.value.count, $1.key.speaker)
            }.map { key, value in
                "\(key.month ?? "NULL")|\(key.speaker)|\(names[key.speaker] ?? "?")|\(value.count)|"
                    + "\(value.documents.count)|\(value.characters)"
            }
            #expect(lines(try run("turns_per_speaker_per_month", in: store)) == expected)
        }
    }

    @Test("turns per speaker per month: one person in either script, by id, with the year-only and undated rows")
    func turnsOfOneSpeaker() throws {
        try withReportStore { (store) throws in
            let id = try #require(try store.connection.queryFirst("SELECT id FROM speaker WHERE name = '陈蜀杰'"))
                .int64(0)
            for name in ["陳蜀傑", "陈蜀杰", " 陈蜀杰 ", "\(id)"] {
                let result = try run("turns_per_speaker_per_month", ["speaker": name], in: store)
                #expect(
                    lines(result, ["month", "speaker", "turns", "documents"]) == [
                        "2023|陈蜀杰|1|1", "2024-03|陈蜀杰|1|1", "2024-05|陈蜀杰|2|2", "NULL|陈蜀杰|1|1",
                    ], "\(name)")
            }
        }
    }

    @Test("turns per speaker per month: a role label names the role speakers; an unknown name gives no rows")
    func rolesAndUnknownSpeakers() throws {
        try withReportStore { (store) throws in
            let answers = try run("turns_per_speaker_per_month", ["speaker": "答"], in: store)
            #expect(lines(answers, ["month", "speaker", "turns"]) == ["2024-01|答|3"])
            #expect(try run("turns_per_speaker_per_month", ["speaker": "無名氏"], in: store).rows.isEmpty)
        }
    }

    @Test("turns per speaker per month: since and until take months or years, and leave the undated out")
    func monthRange() throws {
        try withReportStore { (store) throws in
            func months(_ parameters: [String: String]) throws -> Set<String> {
                Set(lines(try run("turns_per_speaker_per_month", parameters, in: store), ["month"]))
            }
            #expect(try months([:]) == ["2023", "2023-11", "2024-01", "2024-02", "2024-03", "2024-05", "NULL"])
            #expect(try months(["since": "2024-02", "until": "2024-03"]) == ["2024-02", "2024-03"])
            // A year alone is bound as an integer; the report compares it as text.
            #expect(try months(["since": "2024"]) == ["2024-01", "2024-02", "2024-03", "2024-05"])
            #expect(try months(["until": "2023"]) == ["2023", "2023-11"])
        }
    }

    // MARK: documents without speakers

    @Test("documents without speakers: only the notice, with its two unattributed turns")
    func documentsWithoutSpeakers() throws {
        try withReportStore { (store) throws in
            let result = try run("documents_without_speakers", in: store)
            #expect(lines(result, ["title", "date", "format", "turns"]) == ["停電公告|NULL|text|2"])
            let origin = try #require(result.rows.first).string(4)
            #expect(origin.hasSuffix("extra/notice.txt"))
        }
    }

    // MARK: speaker × topic

    @Test("speaker × topic: every cell equals the count of mention rows in the speaker's turns")
    func speakerTopicMatrix() throws {
        try withReportStore { (store) throws in
            struct Cell: Hashable {
                var speaker: Int64
                var topic: Int64
            }
            var cells: [Cell: (mentions: Int, turns: Set<Int64>, documents: Set<Int64>)] = [:]
            let mentions = try store.connection.query(
                "SELECT t.speaker_id, m.topic_id, m.turn_id, t.document_id FROM mention m, turn_span t WHERE t.id = m.turn_id"
            )
            for row in mentions {
                guard let speaker = try row.optionalInt64(0) else { continue }
                let cell = Cell(speaker: speaker, topic: try row.int64(1))
                var value = cells[cell] ?? (0, [], [])
                value.mentions += 1
                value.turns.insert(try row.int64(2))
                value.documents.insert(try row.int64(3))
                cells[cell] = value
            }
            let result = try run("speaker_topic_matrix", in: store)
            let reported = lines(result, ["speaker_id", "topic_id", "mentions", "turns", "documents"])
            let expected = cells.map {
                "\($0.key.speaker)|\($0.key.topic)|\($0.value.mentions)|\($0.value.turns.count)|\($0.value.documents.count)"
            }
            #expect(reported.sorted() == expected.sorted())
            // The speakers with the most mentions first.
            var totals: [Int64] = []
            var last: Int64?
            for row in result.rows {
                let speaker = try row.int64(0)
                if speaker != last { totals.append(0) }
                totals[totals.count - 1] += try row.int64(4)
                last = speaker
            }
            #expect(totals == totals.sorted(by: >))
            #expect(Set(result.rows.map { $0[0] }).count == totals.count, "a speaker's cells are together")
        }
    }

    @Test("speaker × topic: one cell by names in either script, an alias or a regional form the lexicon gives")
    func speakerTopicCell() throws {
        try withReportStore { (store) throws in
            // 陈蜀杰 says 芯片 three times in the sample, 晶片 in the undated panel and 芯片 in the year's review.
            for (speaker, topic) in [("陳蜀傑", "芯片"), ("陈蜀杰", "晶片"), ("陈蜀杰", "CHIP"), ("陳蜀傑", "半導體晶片")] {
                let result = try run("speaker_topic_matrix", ["speaker": speaker, "topic": topic], in: store)
                #expect(lines(result, ["speaker", "topic", "mentions", "turns", "documents"]) == ["陈蜀杰|芯片|6|5|5"])
            }
            let moore = try run("speaker_topic_matrix", ["topic": "MOORE'S LAW", "min_mentions": "2"], in: store)
            #expect(lines(moore, ["speaker", "topic", "mentions"]) == ["林雅婷|摩尔定律|2"])
        }
    }

    // MARK: topic timeline

    @Test("topic timeline: each topic's mentions add up to its mention rows, month by month")
    func topicTimeline() throws {
        try withReportStore { (store) throws in
            let result = try run("topic_timeline", in: store)
            var reported: [Int64: Int64] = [:]
            for row in result.rows { reported[try row.int64(0), default: 0] += try row.int64(3) }
            var counted: [Int64: Int64] = [:]
            for row in try store.connection.query("SELECT topic_id FROM mention") {
                counted[try row.int64(0), default: 0] += 1
            }
            #expect(reported == counted)
            let moore = try run("topic_timeline", ["topic": "摩爾定律"], in: store)
            #expect(
                lines(moore, ["topic", "month", "mentions", "turns", "documents", "speakers"]) == [
                    "摩尔定律|2024-01|1|1|1|1", "摩尔定律|2024-03|6|6|2|3", "摩尔定律|2024-05|2|2|2|2",
                ])
            let chips = try run("topic_timeline", ["topic": "晶片", "until": "2023"], in: store)
            #expect(lines(chips, ["topic", "month", "mentions"]) == ["芯片|2023|1", "芯片|2023-11|2"])
        }
    }

    // MARK: most cited claims

    @Test("most cited claims: the ranking recomputed in Swift from claim_span and mention offsets")
    func mostCitedClaims() throws {
        try withReportStore { (store) throws in
            struct Citation: Hashable {
                var topic: Int64
                var claim: Int64
            }
            var claims: [Int64: (turn: Int64, range: Range<Int>)] = [:]
            for row in try store.connection.query("SELECT id, turn_id, start_offset, end_offset FROM claim_span") {
                claims[try row.int64(0)] = (try row.int64(1), try row.int(2)..<(try row.int(3)))
            }
            var mentionsByTurn: [Int64: [(topic: Int64, range: Range<Int>)]] = [:]
            for row in try store.connection.query("SELECT turn_id, topic_id, start_offset, end_offset FROM mention") {
                mentionsByTurn[try row.int64(0), default: []].append(
                    (try row.int64(1), try row.int(2)..<(try row.int(3))))
            }
            var counts: [Citation: Int] = [:]
            var breadth: [Int64: Set<Int64>] = [:]
            for (id, claim) in claims {
                for mention in mentionsByTurn[claim.turn] ?? []
                where claim.range.contains(mention.range.lowerBound)
                    && mention.range.upperBound <= claim.range.upperBound
                {
                    counts[Citation(topic: mention.topic, claim: id), default: 0] += 1
                    breadth[id, default: []].insert(mention.topic)
                }
            }
            var expected: [String] = []
            let byTopic = Dictionary(grouping: counts.keys, by: \.topic)
            let topics = byTopic.keys.sorted { (byTopic[$0]?.count ?? 0, $1) > (byTopic[$1]?.count ?? 0, $0) }
            for topic in topics {
                let ranked = (byTopic[topic] ?? []).sorted {
                    (counts[$0] ?? 0, breadth[$0.claim]?.count ?? 0, -$0.claim) > (
                        counts[$1] ?? 0, breadth[$1.claim]?.count ?? 0, -$1.claim
                    )
                }
                for (rank, citation) in ranked.prefix(3).enumerated() {
                    expected.append(
                        "\(topic)|\(ranked.count)|\(rank + 1)|\(citation.claim)|\(counts[citation] ?? 0)|"
                            + "\(breadth[citation.claim]?.count ?? 0)")
                }
            }
            let result = try run("most_cited_claims", in: store)
            #expect(lines(result, ["topic_id", "claims", "rank", "claim_id", "mentions", "topics"]) == expected)
            // The text is the claim's own.
            for row in result.rows {
                let claim = try #require(
                    try store.connection.queryFirst("SELECT text FROM claim WHERE id = ?", try row.int64(4)))
                #expect(try row.string(12) == claim.string(0))
            }
        }
    }

    @Test("most cited claims: per_topic and a topic and a speaker in either script narrow the list")
    func mostCitedClaimsParameters() throws {
        try withReportStore { (store) throws in
            let one = try run("most_cited_claims", ["per_topic": "1"], in: store)
            #expect(Set(one.rows.map { $0[0] }).count == one.rows.count)
            let traditional = try run("most_cited_claims", ["topic": "伺服器", "speaker": "陳志豪"], in: store)
            let simplified = try run("most_cited_claims", ["topic": "服务器", "speaker": "陈志豪"], in: store)
            #expect(lines(traditional) == lines(simplified))
            #expect(lines(traditional, ["topic", "claims", "rank", "speaker"]) == ["服务器|1|1|陳志豪"])
        }
    }

    // MARK: errors

    @Test("an unknown report is an error that lists the reports")
    func unknownReport() throws {
        #expect {
            _ = try catalog.report(named: "turns_per_month")
        } throws: { error in
            "\(error)".contains("turns_per_month") && "\(error)".contains("turns_per_speaker_per_month")
                && "\(error)".contains("documents_without_speakers")
        }
    }

    @Test("a parameter the header does not declare is an error that names the declared ones")
    func unknownParameter() throws {
        try withReportStore { (store) throws in
            #expect {
                _ = try run("topic_timeline", ["speaker": "李明"], in: store)
            } throws: { error in
                "\(error)".contains("speaker") && "\(error)".contains("topic, since, until")
            }
            // A parameter may be given with its SQL prefix.
            let prefixed = try run("topic_timeline", [":topic": "芯片"], in: store)
            #expect(prefixed.rows.count == 7)
            #expect(lines(prefixed) == lines(try run("topic_timeline", ["topic": "芯片"], in: store)))
        }
    }
}
