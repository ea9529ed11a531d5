import Foundation
import Testing
import ZhikuCore

/// The pieces that keep queries fast: each must answer exactly what the slower way answered.
@Suite("Fast paths of parsing, search and speakers")
struct QueryCostTests {
    @Test("the white space written out in TranscriptLine is Unicode's White_Space, over every scalar")
    func whitespaceList() {
        var differ: [String] = []
        for value in 0...UInt32(0x10_FFFF) {
            guard let scalar = Unicode.Scalar(value) else { continue }
            if TranscriptLine.isWhitespace(scalar) != scalar.properties.isWhitespace {
                differ.append(String(value, radix: 16))
            }
        }
        #expect(differ.isEmpty, "U+\(differ.prefix(20).joined(separator: ", U+"))")
    }

    @Test("the ranges and tables of SearchForm.classify answer as the Unicode properties do, over every scalar")
    func characterClasses() {
        var differ: [String] = []
        for value in 0...UInt32(0x10_FFFF) {
            guard let scalar = Unicode.Scalar(value) else { continue }
            if SearchForm.classify(scalar) != SearchForm.computeClass(scalar) {
                differ.append(String(value, radix: 16))
            }
        }
        #expect(differ.isEmpty, "U+\(differ.prefix(20).joined(separator: ", U+"))")
    }

    @Test("zhiku_rank orders a one-phrase query's matches as FTS5's bm25 does")
    func rankingAgreesWithBM25() throws {
        try withStore { store, _ in
            try RankingFixture.store(into: store)
            for query in ["芯片", "的", "摩尔定律"] {
                let expression = try SearchQuery(query, fold: store.fold, opencc: nil).matchExpression
                let bm25 = try store.connection.query(
                    "SELECT rowid FROM turn_fts WHERE turn_fts MATCH ? ORDER BY rank, rowid", expression
                ).map { try $0.int64(0) }
                let zhiku = try store.connection.query(
                    "SELECT rowid FROM turn_fts WHERE turn_fts MATCH ? ORDER BY zhiku_rank(turn_fts) DESC, rowid",
                    expression
                ).map { try $0.int64(0) }
                #expect(bm25.count > 1 && zhiku == bm25, "\(query)")
            }
        }
    }

    @Test("search puts the turn that says the word most for its length first")
    func denserTurnFirst() throws {
        try withStore { store, _ in
            let ids = try RankingFixture.store(into: store)
            let hits = try store.search("芯片")
            #expect(hits.first?.turnID == ids[1])
            #expect(hits.count == 4)
        }
    }

    @Test("cutting a document's turns in one pass gives what substr() gives, past its end too")
    func cutAgreesWithSubstr() throws {
        try withSampleCorpusStore { store, _ in
            for document in try store.connection.query("SELECT id, text FROM document") {
                let (id, text) = (try document.int64(0), try document.string(1))
                let length = text.unicodeScalars.count
                var ranges = try store.connection.query(
                    "SELECT start_offset, end_offset FROM turn_span WHERE document_id = ? ORDER BY end_offset DESC", id
                ).map { try $0.int(0)..<$0.int(1) }
                ranges += [0..<1, max(length - 2, 0)..<(length + 5), (length + 1)..<(length + 3)]
                let expected = try ranges.map { range in
                    try store.connection.queryFirst(
                        "SELECT substr(text, ?, ?) FROM document WHERE id = ?", range.lowerBound + 1, range.count, id)?
                        .string(0) ?? ""
                }
                var texts = DocumentTexts(connection: store.connection)
                var cut: [String] = []
                for range in ranges { cut.append(try texts.text(of: id, range)) }
                #expect(cut == expected)
            }
        }
        // Scalars of one to four bytes, overlapping ranges, and ranges given out of order.
        var mixed = ScalarCursor(Data("aé晶𠀋b".utf8))
        var pieces: [String] = []
        for range in [3..<5, 0..<2, 1..<4, 2..<3, 4..<9, 7..<8] { pieces.append(mixed.piece(range)) }
        #expect(pieces == ["𠀋b", "aé", "é晶𠀋", "晶", "b", ""])
    }

    @Test("hits carry the same text, line and speaker as the turn view")
    func hitsMatchTheView() throws {
        try withStore { store, _ in
            try SearchFixture.store(into: store)
            for hit in try store.search("的", options: SearchOptions(limit: 100, snippetLength: 1000)) {
                let row = try #require(
                    try store.connection.queryFirst("SELECT text, line, speaker_id FROM turn WHERE id = ?", hit.turnID))
                #expect(hit.snippet.text == (try row.string(0)))
                #expect(hit.line == (try row.int(1)))
                #expect(hit.speakerID == (try row.optionalInt64(2)))
            }
        }
    }
}

/// A few turns of different lengths that mention 芯片 a different number of times.
enum RankingFixture {
    static let turns: [(speaker: String, text: String)] = [
        ("王智", "我們今天談的是產業政策，芯片只是其中一部分，還有很多別的事情要談，比如人才和資金。"),
        ("陈蜀杰", "芯片，芯片，还是芯片。"),
        ("李明", "摩尔定律放缓以后，芯片设计要靠架构创新。"),
        ("林雅婷", "台灣的晶片產業很強，芯片這個說法大陸比較常用，我們的芯片設計也有很多人才。"),
        ("王智", "摩爾定律沒有結束。"),
    ]

    /// Stores the turns as one document and returns their ids in order.
    @discardableResult
    static func store(into store: Store) throws -> [Int64] {
        try storeTurns(turns, title: "排序測試", origin: "fixture://ranking", hashDigit: "1", into: store)
    }
}
