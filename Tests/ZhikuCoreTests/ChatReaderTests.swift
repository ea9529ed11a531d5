import Testing
import ZhikuCore

/// CHAT transcripts written for these tests, one in simplified and one in traditional characters.
enum ChatFixtures {
    /// A mother, her child and an investigator looking at a picture book, with timing bullets, %mor, %gra and
    /// %com tiers, a participant list and an utterance that continue on a second line, fillers, pauses,
    /// retracing, an unintelligible and a silent utterance.
    static let motherAndChild = """
        @UTF8
        @Begin
        @Languages:\tzho
        @Participants:\tCHI Target_Child, MOT Mother,
        \tINV Lin_Yating Investigator
        @ID:\tzho|zhiku|CHI|2;06.|female|||Target_Child|||
        @ID:\tzho|zhiku|MOT|||||Mother|||
        @ID:\tzho|zhiku|INV|||||Investigator|||
        @Media:\ttangtang0117, audio
        @Date:\t17-JAN-2023
        @Location:\t北京
        @Situation:\t妈妈和糖糖在家里看图画书
        @Comment:\t为测试写的转写，不是真实语料
        *MOT:\t糖糖 , 你 看 这 是 什么 ? \u{15}0_2150\u{15}
        %mor:\tn|糖糖 cm|cm pro|你 v|看 pro|这 v|是 pro|什么 ?
        %gra:\t1|4|VOC 2|1|LP 3|4|SUBJ 4|0|ROOT 5|7|SUBJ 6|4|COMP 7|6|OBJ 8|4|PUNCT
        *CHI:\t&-嗯 (.) <小 狗> [/] 小 狗 ! \u{15}2150_3900\u{15}
        %com:\t指着书上的图
        *MOT:\t对 , 这 是 一 只 小 狗 [= 书上的狗] , 它 在
        \t干 什么 呢 ? \u{15}3900_7020\u{15}
        *INV:\txxx . \u{15}7020_7500\u{15}
        *CHI:\t<我 要> [//] 我 想 看 &=笑 下 一 页 +... \u{15}7500_9800\u{15}
        *MOT:\t好 , 我们 翻 (..) 下 一 页 吧 +/. \u{15}9800_11200\u{15}
        *CHI:\t0 [=! 翻书] . \u{15}11200_12000\u{15}
        *CHI:\t小 狗 睡觉 了 [*] 。 \u{15}12000_13500\u{15}
        %com:\t孩子用了句号
        *INV:\t糖糖 真 棒 [+ bch] ! \u{15}13500_14600\u{15}
        @End

        """

    /// An interviewer and an engineer, in traditional characters, with a title, named and unnamed participants,
    /// full-width terminators, a trailing-off question, an untranscribed stretch and a continued utterance.
    static let interview = """
        @UTF8
        @Begin
        @Languages:\tzho
        @Participants:\tINT Chen_Yifan Interviewer, PAR Participant
        @ID:\tzho|zhiku|INT|||||Interviewer|||
        @ID:\tzho|zhiku|PAR|45;||||Participant|||
        @Date:\t3-MAR-2024
        @Title:\t半導體產業訪談
        @Situation:\t在新竹的辦公室訪問一位工程師
        @Media:\tinterview02, video
        *INT:\t請問 您 怎麼 看 &-呃 台灣 的 晶片 產業 ？ \u{15}1000_4200\u{15}
        %com:\t訪談開始
        *PAR:\t我 認為 [//] 我 覺得 <台灣 的> [/] 台灣 的 28nm 製程 (1.5) 仍然 很 有 競爭力 。 \u{15}4200_9800\u{15}
        %mor:\tpro|我 v|覺得 n:prop|台灣 part|的 n|製程 adv|仍然 adv|很 v|有 n|競爭力 。
        *INT:\t那 MCU 呢 +..? \u{15}9800_10500\u{15}
        *PAR:\twww . \u{15}10500_15000\u{15}
        %exp:\t接電話
        *PAR:\t&=laughs 車規級 MCU 的 驗證 週期 很 長 ,
        \t一般 要 三 年 。 \u{15}15000_21000\u{15}
        @End
        """

    /// A one-utterance transcript around `utterance`, to look at how one main tier is cleaned.
    static func single(_ utterance: String) -> String {
        "@UTF8\n@Begin\n@Participants:\tMOT Mother\n*MOT:\t\(utterance)\n@End\n"
    }
}

@Suite("Reading TalkBank CHAT transcripts")
struct ChatReaderTests {
    private func parse(_ text: String, file: String = "corpus/tangtang0117.cha") throws -> ParsedDocument {
        try ChatReader.parse(text, file: file, origin: file, sha256: "c0ffee")
    }

    /// The document text a turn's offsets point to.
    private func slice(_ document: ParsedDocument, _ turn: ParsedDocument.Turn) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: Array(document.text.unicodeScalars)[turn.start..<turn.end])
        return String(view)
    }

    /// The line of the document text, from 1, that an offset falls on.
    private func line(of offset: Int, in document: ParsedDocument) -> Int {
        1 + document.text.unicodeScalars.prefix(offset).count(where: { $0 == "\n" })
    }

    /// The texts of a document's turns, each with its label.
    private func turns(_ document: ParsedDocument) -> [String] {
        document.turns.map { "\($0.label ?? "-") \(slice(document, $0))" }
    }

    @Test("every participant becomes an appearance, named when a name is given, with the CHAT role")
    func participants() throws {
        let document = try parse(ChatFixtures.motherAndChild)
        #expect(document.appearances.map(\.name) == ["CHI", "MOT", "Lin Yating"])
        #expect(document.appearances.map(\.role) == ["Target_Child", "Mother", "Investigator"])
        #expect(document.appearances.allSatisfy { $0.affiliation == nil })

        let interview = try parse(ChatFixtures.interview)
        #expect(interview.appearances.map(\.name) == ["Chen Yifan", "PAR"])
        #expect(interview.appearances.map(\.role) == ["Interviewer", "Participant"])
    }

    @Test("utterances keep their words and final punctuation, without codes, bullets or dependent tiers")
    func cleanedSimplifiedUtterances() throws {
        let document = try parse(ChatFixtures.motherAndChild)
        #expect(
            turns(document) == [
                "MOT 糖糖,你看这是什么?",
                "CHI 小狗小狗!",
                "MOT 对,这是一只小狗,它在干什么呢?",
                "CHI 我要我想看下一页",
                "MOT 好,我们翻下一页吧",
                "CHI 小狗睡觉了。",
                "INV 糖糖真棒!",
            ])
        #expect(document.turns.map(\.speaker) == [1, 0, 1, 0, 1, 0, 2])
        #expect(document.turns.allSatisfy { $0.section == nil && $0.claims.isEmpty })
        #expect(document.sections.isEmpty)
    }

    @Test("turns per speaker count only utterances with something said")
    func turnsPerSpeaker() throws {
        let document = try parse(ChatFixtures.motherAndChild)
        let counts = document.appearances.indices.map { index in
            document.turns.count(where: { $0.speaker == index })
        }
        // CHI's silent 0 [=! 翻书] and INV's xxx are left out.
        #expect(counts == [3, 3, 1])

        let interview = try parse(ChatFixtures.interview)
        let interviewCounts = interview.appearances.indices.map { index in
            interview.turns.count(where: { $0.speaker == index })
        }
        #expect(interviewCounts == [2, 2])
    }

    @Test("traditional characters stay as written; the text is rebuilt as title and name：utterance paragraphs")
    func traditionalInterview() throws {
        let document = try parse(ChatFixtures.interview, file: "interviews/interview02.cha")
        #expect(
            document.text == """
                半導體產業訪談

                Chen Yifan：請問您怎麼看台灣的晶片產業？

                PAR：我認為我覺得台灣的台灣的28nm製程仍然很有競爭力。

                Chen Yifan：那MCU呢

                PAR：車規級MCU的驗證週期很長,一般要三年。

                """)
        #expect(document.turns.map(\.label) == ["INT", "PAR", "INT", "PAR"])
        #expect(document.turns.map(\.speaker) == [0, 1, 0, 1])
        #expect(document.turns.map(\.line) == [3, 5, 7, 9])
    }

    @Test("each turn's offsets slice exactly its utterance, after the speaker's name, on the turn's line")
    func offsetsAndLines() throws {
        for fixture in [ChatFixtures.motherAndChild, ChatFixtures.interview] {
            let document = try parse(fixture)
            let scalars = Array(document.text.unicodeScalars)
            for turn in document.turns {
                let speaker = try #require(turn.speaker)
                let name = document.appearances[speaker].name
                #expect(turn.start < turn.end)
                #expect(line(of: turn.start, in: document) == turn.line)
                #expect(line(of: turn.end, in: document) == turn.line)
                #expect(turn.end == scalars.count || scalars[turn.end] == "\n")
                let paragraphStart = turn.start - name.unicodeScalars.count - 1
                var label = String.UnicodeScalarView()
                label.append(contentsOf: scalars[paragraphStart..<turn.start])
                #expect(String(label) == name + "：")
                #expect(paragraphStart == 0 || scalars[paragraphStart - 1] == "\n")
            }
        }
        let document = try parse(ChatFixtures.motherAndChild)
        #expect(document.turns.map(\.line) == [3, 5, 7, 9, 11, 13, 15])
        #expect(document.text.hasPrefix("妈妈和糖糖在家里看图画书\n\nMOT：糖糖,你看这是什么?\n\nCHI：小狗小狗!\n"))
    }

    @Test("title, date, media and the given origin and checksum are taken from the headers")
    func headers() throws {
        let document = try parse(ChatFixtures.motherAndChild)
        #expect(document.title == "妈妈和糖糖在家里看图画书")
        #expect(document.date == "2023-01-17")
        #expect(document.source == "tangtang0117")
        #expect(document.format == "chat")
        #expect(document.encoding == "UTF-8")
        #expect(document.origin == "corpus/tangtang0117.cha")
        #expect(document.contentSHA256 == "c0ffee")

        let interview = try parse(ChatFixtures.interview)
        #expect(interview.title == "半導體產業訪談")
        #expect(interview.date == "2024-03-03")
        #expect(interview.source == "interview02")
    }

    @Test("without @Title or @Situation the title is the file name; no @Date or @Media gives nil")
    func titleFromFileName() throws {
        let document = try parse(ChatFixtures.single("你好 ."), file: "Samples/chat/xiaoming-0412.cha")
        #expect(document.title == "xiaoming-0412")
        #expect(document.date == nil)
        #expect(document.source == nil)
        #expect(document.text == "xiaoming-0412\n\nMOT：你好.\n")
    }

    @Test(
        "transcription codes are dropped from an utterance, words and punctuation kept",
        arguments: [
            ("你 要 不 要 &-嗯 喝 水 ?", "你要不要喝水?"),
            ("我 (.) 我 (...) 不 知道 (2.5) .", "我我不知道."),
            ("<他 说> [//] 他 告诉 我 [: 我们] 了 .", "他说他告诉我了."),
            ("妈妈@f 抱 [!] +//.", "妈妈抱"),
            ("xxx 好 吧 [?] +\"/.", "好吧"),
            ("+< 不 要 [>] !", "不要!"),
            ("+^ 对 啊 [<] .", "对啊."),
            ("0是 他 的 .", "他的."),
            ("我 喜欢 打 篮球 。", "我喜欢打篮球。"),
            ("&=咳嗽 &*MOT:嗯 走 吧 ‡ 宝宝 .", "走吧,宝宝."),
            ("I want ice+cream , please [% polite] .", "I want ice cream, please."),
            ("我 要 , xxx .", "我要."),
            ("⌈好 的⌉ no:: (be)cause 3:2 .", "好的no because 3:2."),
            ("\u{15}100_200\u{15} 你 看 [- zho] 这 个 ! \u{15}200_900\u{15}", "你看这个!"),
        ])
    func cleaning(utterance: String, expected: String) throws {
        let document = try parse(ChatFixtures.single(utterance))
        let turn = try #require(document.turns.first)
        #expect(document.turns.count == 1)
        #expect(slice(document, turn) == expected)
    }

    @Test(
        "an utterance with nothing said once codes are dropped is left out",
        arguments: ["xxx .", "yyy www ?", "0 [=! 点头] .", "&=笑 +...", "(.) ."])
    func emptyUtterances(utterance: String) throws {
        let document = try parse(ChatFixtures.single(utterance))
        #expect(document.turns.isEmpty)
        #expect(document.appearances.map(\.name) == ["MOT"])
    }

    /// The file, line and detail of the malformed-document error thrown for `text`.
    private func failure(_ text: String) throws -> (file: String, line: Int?, detail: String, message: String) {
        let error = try #require(throws: ZhikuError.self) { try parse(text, file: "talk.cha") }
        guard case .malformedDocument(let file, let line, let detail) = error else {
            Issue.record("expected a malformed document, got \(error)")
            return ("", nil, "", "")
        }
        return (file, line, detail, error.description)
    }

    @Test("a file without @Begin is refused at line 1")
    func missingBegin() throws {
        let result = try failure("@UTF8\n@Participants:\tMOT Mother\n*MOT:\t你好 .\n@End\n")
        #expect(result.file == "talk.cha")
        #expect(result.line == 1)
        #expect(result.message.hasPrefix("talk.cha:1: "))
        #expect(result.detail.contains("@Begin"))
    }

    @Test("an utterance before @Begin is refused at its line")
    func utteranceBeforeBegin() throws {
        let result = try failure("@UTF8\n@Participants:\tMOT Mother\n*MOT:\t你好 .\n@Begin\n@End\n")
        #expect(result.line == 3)
        #expect(result.message.hasPrefix("talk.cha:3: "))
    }

    @Test("a speaker code not declared in @Participants is refused at its line")
    func unknownSpeaker() throws {
        let text =
            "@UTF8\n@Begin\n@Participants:\tCHI Target_Child, MOT Mother\n*MOT:\t吃 饭 了 .\n%com:\t在厨房\n"
            + "*FAT:\t来 了 .\n@End\n"
        let result = try failure(text)
        #expect(result.line == 6)
        #expect(result.message.hasPrefix("talk.cha:6: speaker FAT is not declared in @Participants"))
        #expect(result.detail.contains("CHI, MOT"))
    }

    @Test("a transcript without any main tier is refused at its last tier")
    func noUtterances() throws {
        let result = try failure("@UTF8\n@Begin\n@Participants:\tCHI Target_Child\n@Comment:\t录音失败\n@End\n")
        #expect(result.line == 5)
        #expect(result.message.hasPrefix("talk.cha:5: no utterances"))
    }

    @Test("a main tier without a colon after the speaker code is refused at its line")
    func mainTierWithoutColon() throws {
        let result = try failure("@UTF8\n@Begin\n@Participants:\tMOT Mother\n*MOT 你好 .\n@End\n")
        #expect(result.line == 4)
    }
}
