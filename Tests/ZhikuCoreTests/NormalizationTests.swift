import Foundation
import Testing
import ZhikuCore

@Suite("OpenCC and the character fold")
struct NormalizationTests {
    @Test(
        "OpenCC configurations convert as OpenCC documents them",
        arguments: [
            (OpenCCConfig.t2s, "摩爾定律與記憶體", "摩尔定律与记忆体"),
            (.s2t, "摩尔定律", "摩爾定律"),
            (.s2twp, "软件和服务器", "軟體和伺服器"),
            (.tw2sp, "晶片和記憶體", "芯片和内存"),
            (.hk2s, "香港電台", "香港电台"),
            (.s2hk, "软件", "軟件"),
        ])
    func conversions(config: OpenCCConfig, input: String, expected: String) throws {
        #expect(try sharedOpenCC.convert(input, config) == expected)
    }

    @Test("text without Han characters, and empty text, come back unchanged")
    func nonHanText() throws {
        #expect(try sharedOpenCC.convert("", .t2s) == "")
        #expect(try sharedOpenCC.convert("MCU 28nm, F&M!", .t2s) == "MCU 28nm, F&M!")
    }

    @Test("a missing configuration is a clear error naming it")
    func missingConfiguration() {
        #expect {
            try OpenCCConverter(configFile: "no-such-config.json")
        } throws: { error in
            "\(error)".contains("no-such-config.json")
        }
    }

    @Test("one converter is safe to use from many threads at once")
    func concurrentUse() async throws {
        let converter = try sharedOpenCC.converter(.t2s)
        try await withThrowingTaskGroup(of: Bool.self) { group in
            for index in 0..<64 {
                group.addTask {
                    let input = String(repeating: "摩爾定律記憶體\(index)", count: 50)
                    let expected = String(repeating: "摩尔定律记忆体\(index)", count: 50)
                    return try converter.convert(input) == expected
                }
            }
            for try await correct in group { #expect(correct) }
        }
    }

    @Test("the fold maps traditional to simplified, full width to half width, upper to lower case")
    func foldMappings() throws {
        let fold = try FoldTable.derive(using: sharedOpenCC)
        #expect(fold.fold("陳蜀傑") == "陈蜀杰")
        #expect(fold.fold("摩爾定律") == "摩尔定律")
        #expect(fold.fold("ＭＣＵ") == "mcu")
        #expect(fold.fold("Ｆ＆Ｍ，２８ｎｍ") == "f&m,28nm")
        #expect(fold.fold("𠮶") == fold.fold(fold.fold("𠮶")))
    }

    @Test("the fold keeps every text's length in scalars, and folding twice changes nothing")
    func foldIsLengthPreservingAndIdempotent() throws {
        let fold = try FoldTable.derive(using: sharedOpenCC)
        #expect(fold.mappings.count > 2000)
        for (source, target) in fold.mappings {
            #expect(
                fold.mappings[target] == nil, "U+\(String(source, radix: 16)) folds to a character that folds again")
        }
        for turn in SearchFixture.turns {
            #expect(fold.fold(turn.text).unicodeScalars.count == turn.text.unicodeScalars.count)
        }
    }

    @Test("the fold stored in a database is the one derived from OpenCC")
    func storedFold() throws {
        try withStore { store, _ in
            let derived = try FoldTable.derive(using: sharedOpenCC)
            #expect(store.fold.mappings == derived.mappings)
        }
    }
}

@Suite("The search form")
struct SearchFormTests {
    @Test("Han characters are one token each, Latin runs are words, punctuation is a boundary")
    func tokens() throws {
        let fold = try FoldTable.derive(using: sharedOpenCC)
        let form = SearchForm("晶片，28nm ＭＣＵ。", fold: fold)
        #expect(form.indexText == "晶 片 \u{E000} 28nm mcu \u{E000}")
        #expect(form.tokens.map(\.kind) == [.character, .character, .boundary, .word, .word, .boundary])
    }

    @Test("token offsets point into the original text, in scalars, also past the BMP")
    func offsets() throws {
        let fold = try FoldTable.derive(using: sharedOpenCC)
        let form = SearchForm("𠮶個 MCU", fold: fold)
        #expect(form.tokens.map(\.start) == [0, 1, 3])
        #expect(form.tokens.map(\.end) == [1, 2, 6])
        #expect(form.tokens.map(\.text) == ["𠮶", "个", "mcu"])
    }

    @Test("the fast index text equals the index text of the tokens, for every fixture turn")
    func fastIndexText() throws {
        let fold = try FoldTable.derive(using: sharedOpenCC)
        for turn in SearchFixture.turns.map(\.text) + ["", "。", "a「」b", "芯 \n 片", "F&M，２８ｎｍ！"] {
            let folded = turn.unicodeScalars.map(fold.fold)
            #expect(SearchForm.indexText(folded: folded) == SearchForm(folded: folded).indexText, "\(turn)")
        }
    }

    @Test("runs of punctuation and line breaks make one boundary; spaces make none")
    func boundaries() throws {
        let fold = try FoldTable.derive(using: sharedOpenCC)
        #expect(SearchForm("芯」，「片", fold: fold).indexText == "芯 \u{E000} 片")
        #expect(SearchForm("芯\n片", fold: fold).indexText == "芯 \u{E000} 片")
        #expect(SearchForm("芯 \t片", fold: fold).indexText == "芯 片")
    }
}
