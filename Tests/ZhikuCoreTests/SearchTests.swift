import Foundation
import Testing
import ZhikuCore

@Suite("Chinese full-text search")
struct SearchTests {
    /// The marked snippets of every hit for `query`, sorted.
    private func marked(_ store: Store, _ query: String) throws -> [String] {
        try store.search(query, options: SearchOptions(limit: 100, snippetLength: 200)).map { $0.snippet.marked() }
            .sorted()
    }

    @Test("a one-character query finds every turn with that character")
    func oneCharacter() throws {
        try withStore { store, _ in
            try SearchFixture.store(into: store)
            let hits = try marked(store, "芯")
            #expect(hits.count == 3)
            #expect(hits.allSatisfy { $0.contains("«芯»") })
        }
    }

    @Test("a two-character word matches in both scripts, not across punctuation")
    func twoCharacterWord() throws {
        try withStore { store, _ in
            try SearchFixture.store(into: store)
            let hits = try marked(store, "芯片")
            #expect(hits.contains("摩尔定律放缓以后，«芯片»设计要靠架构创新。"))
            #expect(hits.contains("国产ＭＣＵ«芯片»的软件生态还不完善。"))
            // 芯，片 is two words on either side of a comma, not the word 芯片.
            #expect(!hits.contains { $0.hasPrefix("芯，片") || $0.contains("«芯，片»") })
        }
    }

    @Test("a four-character word typed in one script finds the other", arguments: ["摩尔定律", "摩爾定律"])
    func fourCharacterWordAcrossScripts(query: String) throws {
        try withStore { store, _ in
            try SearchFixture.store(into: store)
            #expect(
                try marked(store, query) == [
                    "«摩尔定律»放缓以后，芯片设计要靠架构创新。", "我認為«摩爾定律»沒有結束，只是變慢了。",
                ])
        }
    }

    @Test("Latin and mixed tokens match as words")
    func latinTokens() throws {
        try withStore { store, _ in
            try SearchFixture.store(into: store)
            #expect(try marked(store, "28nm") == ["台灣的晶片產業很強，«28nm» 製程仍然有很大需求。"])
            #expect(try marked(store, "F&M") == ["2022年虎嗅«F&M»創新節的直播也開場了。"])
            #expect(
                try marked(store, "MCU") == ["国产«ＭＣＵ»芯片的软件生态还不完善。", "车规级 «MCU» 的验证周期很长，一般要三年。"])
        }
    }

    @Test("full-width and half-width, upper and lower case are the same")
    func widthAndCase() throws {
        try withStore { store, _ in
            try SearchFixture.store(into: store)
            let halfWidth = try marked(store, "MCU")
            #expect(try marked(store, "ＭＣＵ") == halfWidth)
            #expect(try marked(store, "mcu") == halfWidth)
            #expect(try marked(store, "ｍｃｕ芯片") == ["国产«ＭＣＵ芯片»的软件生态还不完善。"])
        }
    }

    @Test("a character outside the Basic Multilingual Plane is found and marked")
    func supplementaryPlane() throws {
        try withStore { store, _ in
            try SearchFixture.store(into: store)
            #expect(try marked(store, "𠮶") == ["粤语里«𠮶»个字好常用，佢话«𠮶»个问题好难。"])
            #expect(try marked(store, "𠮶个问题") == ["粤语里𠮶个字好常用，佢话«𠮶个问题»好难。"])
        }
    }

    @Test(
        "regional vocabulary finds the other region's word, marking exactly its characters",
        arguments: [
            ("晶片", "国产ＭＣＵ«芯片»的软件生态还不完善。"),
            ("芯片", "台灣的«晶片»產業很強，28nm 製程仍然有很大需求。"),
            ("伺服器", "数据中心的«服务器»需要更多内存。"),
            ("服务器", "«伺服器»和記憶體的需求持續增加，軟體也要跟上。"),
            ("記憶體", "数据中心的服务器需要更多«内存»。"),
            ("内存", "伺服器和«記憶體»的需求持續增加，軟體也要跟上。"),
        ])
    func regionalVariants(query: String, expected: String) throws {
        try withStore { store, _ in
            try SearchFixture.store(into: store)
            #expect(try marked(store, query).contains(expected))
        }
    }

    @Test("spaces between Han characters in the text do not hide a word")
    func spacesInText() throws {
        try withStore { store, _ in
            try SearchFixture.store(into: store)
            #expect(try marked(store, "談晶片").contains("我們 «談 晶 片» 的 時 候 要 小 心。"))
        }
    }

    @Test("punctuation around a query does not matter; words separated by spaces must all occur")
    func punctuationAndTerms() throws {
        try withStore { store, _ in
            try SearchFixture.store(into: store)
            #expect(try marked(store, "「卡脖子」") == ["「«卡脖子»」的問題，不在於你能夠搞幾納米。"])
            #expect(try marked(store, "芯片。") == (try marked(store, "芯片")))
            #expect(try marked(store, "软件 开源") == ["Open source «软件»和«開源軟體»是同一件事吗？"])
        }
    }

    @Test(
        "the user's text is never FTS syntax",
        arguments: [
            "AND", "OR", "NOT", "NEAR(", "NEAR(芯 片)", "芯片*", "-芯片", "芯片:", "col:芯片", "\"芯片", "^芯", "(芯", "芯片 AND",
            "a+b",
        ])
    func queriesThatLookLikeSyntax(query: String) throws {
        try withStore { store, _ in
            try SearchFixture.store(into: store)
            // Any result is fine; an FTS5 syntax error or a crash is not.
            _ = try store.search(query)
        }
    }

    @Test(
        "a query with nothing to search for is a clear error",
        arguments: ["", " ", "\"", "*", "-", ":", "+", "。，", "()"])
    func emptyQueries(query: String) throws {
        try withStore { store, _ in
            try SearchFixture.store(into: store)
            #expect {
                try store.search(query)
            } throws: { error in
                guard case ZhikuError.emptyQuery = error else { return false }
                return "\(error)".contains("search query")
            }
        }
    }

    @Test("hits carry the speaker, document and line of the turn")
    func hitProvenance() throws {
        try withStore { store, _ in
            try SearchFixture.store(into: store)
            let hit = try #require(try store.search("換道超車").first)
            #expect(hit.speakerName == "陈蜀杰" || hit.speakerName == "陳蜀傑")
            #expect(hit.documentTitle == "搜尋測試")
            #expect(hit.line == 29)
        }
    }

    @Test("when more turns match than are worth ranking, the newest come first")
    func unrankedWhenMany() throws {
        try withStore { store, _ in
            let ids = try SearchFixture.store(into: store)
            var options = SearchOptions(limit: 3)
            options.rankedMatchLimit = 2
            let hits = try store.search("的", options: options).map(\.turnID)
            #expect(hits.count == 3)
            #expect(hits == hits.sorted(by: >))
            #expect(hits.allSatisfy(ids.contains))
        }
    }

    @Test("counting the matches first gives the same hits, ranked or newest first, filtered or not")
    func countingFirstChangesNothing() throws {
        try withStore { store, _ in
            try SearchFixture.store(into: store)
            let speaker = try #require(try store.search("摩尔定律").first?.speakerID)
            for query in ["的", "芯片", "摩尔定律", "没有这个词"] {
                for rankedMatchLimit in [2, 2_000] {
                    for speakerID in [nil, speaker] {
                        var options = SearchOptions(speakerID: speakerID, limit: 5)
                        options.rankedMatchLimit = rankedMatchLimit
                        let scoredFirst = try store.search(query, options: options).map(\.turnID)
                        options.countsMatchesFirst = true
                        #expect(try store.search(query, options: options).map(\.turnID) == scoredFirst, "\(query)")
                    }
                }
            }
        }
    }

    @Test("filters by speaker and document, and the limit")
    func filters() throws {
        try withStore { store, _ in
            let ids = try SearchFixture.store(into: store)
            let speaker = try #require(
                try store.search("摩尔定律").first { $0.speakerName == "王智" }?.speakerID)
            #expect(
                try store.search("的", options: SearchOptions(speakerID: speaker, limit: 100)).allSatisfy {
                    $0.speakerID == speaker
                })
            #expect(try store.search("的", options: SearchOptions(limit: 2)).count == 2)
            #expect(try store.search("的", options: SearchOptions(documentID: 999, limit: 100)).isEmpty)
            #expect(!ids.isEmpty)
            #expect(throws: ZhikuError.self) { try store.search("的", options: SearchOptions(limit: 0)) }
        }
    }
}
