import Foundation
import Testing
import ZhikuCore

@Suite("Transcript parsing")
struct TranscriptParserTests {
    private func parse(_ text: String, file: String = "talk.txt") throws -> ParsedDocument {
        let fold = try FoldTable.derive(using: sharedOpenCC)
        return TranscriptParser(fold: fold).parse(
            text, fileName: file, origin: file, sha256: String(repeating: "0", count: 64), encoding: "UTF-8")
    }

    /// Speaker name and turn text of each attributed turn.
    private func turns(_ document: ParsedDocument) -> [String] {
        let scalars = Array(document.text.unicodeScalars)
        return document.turns.compactMap { turn in
            guard let speaker = turn.speaker else { return nil }
            return document.appearances[speaker].name + "＞"
                + String(String.UnicodeScalarView(scalars[turn.start..<turn.end]))
        }
    }

    @Test(
        "labels in their usual dress",
        arguments: [
            ("王智：我認為如此。", "王智＞我認為如此。"),
            ("王智:我認為如此。", "王智＞我認為如此。"),
            ("陳伊凡(主持人):歡迎。", "陳伊凡＞歡迎。"),
            ("林雅婷（記者）：請問一下。", "林雅婷＞請問一下。"),
            ("Tim Cook: We are excited.", "Tim Cook＞We are excited."),
            ("### 李彥秀：\n首先謝謝大家。", "李彥秀＞首先謝謝大家。"),
            ("**Saron Yitbarek**：大家好。", "Saron Yitbarek＞大家好。"),
            ("**Saron Yitbarek：** 大家好。", "Saron Yitbarek＞大家好。"),
            ("**00:01:02 - Saron Yitbarek**：\n\n大家好。", "Saron Yitbarek＞大家好。"),
            ("主持人：歡迎各位。", "主持人＞歡迎各位。"),
            ("问：为什么？", "问＞为什么？"),
        ])
    func labels(text: String, expected: String) throws {
        #expect(turns(try parse(text)) == [expected])
    }

    @Test(
        "colons that are not labels",
        arguments: [
            "會議時間是20:46，請準時。",
            "網址：https://example.org/talk",
            "https://example.org/talk",
            "比例是3:1，大家都同意。",
            "業務報告：本季營收成長。",
            "提案討論：是否延長開放時間。",
            "說明：本紀錄未經審閱。",
            "決議：照案通過。",
            "他對我說：「這樣不行。」",
            "我們今天要討論的問題其實有很多，第一個是：預算。",
            "第一個判斷是：短期內會出現兩個系統。",
            "建議一：劃設禁制區。",
        ])
    func notLabels(text: String) throws {
        let document = try parse("標題\n\n" + text + "\n")
        #expect(document.appearances.isEmpty, "\(document.appearances.map(\.name))")
        #expect(turns(document).isEmpty)
    }

    @Test("speech quoted inside a turn stays in the turn")
    func quotedSpeech() throws {
        let document = try parse("王智：昨天有人問我一個問題。\n\n他對我說：「你們還有機會嗎？」\n\n我說：有。\n")
        #expect(document.appearances.map(\.name) == ["王智"])
        #expect(turns(document) == ["王智＞昨天有人問我一個問題。\n\n他對我說：「你們還有機會嗎？」\n\n我說：有。"])
    }

    @Test("paragraphs continue a turn until the next label")
    func continuation() throws {
        let document = try parse("王智：第一段。\n\n第二段。\n\n陳蜀傑：我補充。\n")
        #expect(turns(document) == ["王智＞第一段。\n\n第二段。", "陳蜀傑＞我補充。"])
    }

    @Test("a layout break ends a turn: the text after it belongs to no one")
    func layoutBreak() throws {
        let document = try parse("王智：第一段。\n\n第二段。\n\n\n\n本文由某某網站整理，轉載請註明出處。\n")
        #expect(turns(document) == ["王智＞第一段。\n\n第二段。"])
        let scalars = Array(document.text.unicodeScalars)
        let unattributed = document.turns.filter { $0.speaker == nil }.map {
            String(String.UnicodeScalarView(scalars[$0.start..<$0.end]))
        }
        #expect(unattributed.contains("本文由某某網站整理，轉載請註明出處。"))
    }

    @Test("an introduction line gives the affiliation; the photo position is dropped")
    func introductions() throws {
        let document = try parse(
            "座談紀錄\n\n\n\n周子瑜(右二) 芯原微電子創辦人\n\n周子瑜:我們做車用晶片。\n\n\n\n李四 某某大學教授\n\n李四:我同意。\n")
        #expect(document.appearances.map(\.name) == ["周子瑜", "李四"])
        #expect(document.appearances.map(\.affiliation) == ["芯原微電子創辦人", "某某大學教授"])
    }

    @Test("a short question standing alone before a speaker is a section heading")
    func plainHeadings() throws {
        let document = try parse("王智:第一段。\n\n下一步該怎麼走?\n\n陳蜀傑:我認為要合作。\n")
        #expect(document.sections.map(\.heading) == ["下一步該怎麼走?"])
        #expect(turns(document) == ["王智＞第一段。", "陳蜀傑＞我認為要合作。"])
        #expect(document.turns.last?.section == 0)
    }

    @Test(
        "title, date and source from the head",
        arguments: [
            ("新聞稿\n\n2023011720:46\n\n王智:你好。\n", "新聞稿", "2023-01-17T20:46"),
            ("新聞稿\n\n2023-01-17 20:46\n\n王智:你好。\n", "新聞稿", "2023-01-17T20:46"),
            ("座談會紀錄\n\n2023年1月17日\n\n王智:你好。\n", "座談會紀錄", "2023-01-17"),
            ("# 2016-10-14 公聽會\n\n### 王智：\n你好。\n", "2016-10-14 公聽會", "2016-10-14"),
        ])
    func head(text: String, title: String, date: String) throws {
        let document = try parse(text)
        #expect(document.title == title)
        #expect(document.date == date)
    }

    @Test("an abbreviation in brackets is the same speaker later")
    func abbreviations() throws {
        let document = try parse("**Paul Belanger （PB）**：第一段。\n\n**PB**：第二段。\n", file: "a.md")
        #expect(document.appearances.map(\.name) == ["Paul Belanger"])
        #expect(turns(document).count == 2)
    }

    @Test("a timestamp alone continues the speaker before it")
    func timestampContinuation() throws {
        let document = try parse("**00:00:06 - Saron**：\n\n第一段。\n\n**00:00:28**：\n\n第二段。\n", file: "a.md")
        #expect(turns(document) == ["Saron＞第一段。", "Saron＞第二段。"])
    }

    @Test("an outlet before a reporter's name is their affiliation")
    func outlets() throws {
        let document = try parse("### 中央社 蘇思云：\n請問部長。\n\n### 唐鳳：\n好的。\n", file: "a.md")
        #expect(document.appearances.first?.name == "蘇思云")
        #expect(document.appearances.first?.affiliation == "中央社")
    }

    @Test(
        "a title and an organisation written around a name belong to the appearance; the name is the person",
        arguments: [
            ("行政院王智政委", "王智|行政院|政委"),
            ("茶湯會黃美玲品牌總監", "黃美玲|茶湯會|品牌總監"),
            ("永續發展組曾志遠副組長", "曾志遠|永續發展組|副組長"),
            ("中華王芳經理", "王芳|中華|經理"),
            ("張召集人文華", "張文華||召集人"),
            ("国发会社发处李处长正宏", "李正宏|国发会社发处|处长"),
            ("中央社記者吳小明", "吳小明|中央社|記者"),
            ("幣寶台灣執行長特助林本安", "林本安|幣寶台灣|執行長特助"),
            ("陳林美惠委員", "陳林美惠||委員"),
            ("歐陽靖共同召集人", "歐陽靖||共同召集人"),
            ("國教署詹雅惠專門委員", "詹雅惠|國教署|專門委員"),
            ("營建署趙簡任技正啟宏", "趙啟宏|營建署|簡任技正"),
        ])
    func titledNames(label: String, expected: String) throws {
        let document = try parse("座談紀錄\n\n\(label)：我們先談預算。\n")
        #expect(
            document.appearances.map { "\($0.name)|\($0.affiliation ?? "")|\($0.role ?? "")" } == [expected])
        #expect(document.turns.first { $0.speaker != nil }?.label == label, "the label stays as written")
    }

    @Test(
        "an office with a title, a surname with a title, or a name with an office stays as written",
        arguments: ["環保署處長", "蔡政委", "林委員", "衛福部部長", "成大教授", "立委王小明國會辦公室", "環境委員會", "主任委員"])
    func untitledLabels(label: String) throws {
        let document = try parse("座談紀錄\n\n### \(label)：我們先談預算。\n")
        #expect(document.appearances.map(\.name) == [label])
    }

    @Test("a sentence that names someone by title before a colon is not a label")
    func titledSentence() throws {
        let document = try parse("座談紀錄\n\n王智：第一段。\n\n我想再引述一次羅政委的話：要開放。\n")
        #expect(document.appearances.map(\.name) == ["王智"])
    }

    @Test("a titled label and the bare name are one speaker")
    func titledSameSpeaker() throws {
        let document = try parse("王智：第一段。\n\n行政院王智政委：第二段。\n\n王召集人智：第三段。\n")
        #expect(document.appearances.map(\.name) == ["王智"])
        #expect(document.appearances.first?.affiliation == "行政院")
        #expect(turns(document) == ["王智＞第一段。", "王智＞第二段。", "王智＞第三段。"])
    }

    @Test("roles and anonymous labels are marked as roles, people are not")
    func roles() throws {
        let document = try parse("主持人：歡迎。\n\n甲：我同意。\n\nA：我也同意。\n\n王智：謝謝。\n")
        #expect(document.appearances.map(\.isRoleOnly) == [true, true, true, false])
    }
}
