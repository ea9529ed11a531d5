import Foundation
import Testing
import ZhikuCore

/// The seed transcript shared by the project's workers, beside the repository: `repoRoot/../shared/seed`.
private let seedTranscript = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appending(path: "shared/seed/000_6b54d0aafa120f4a.txt")

/// The claims of `text` taken as one turn, as the text they slice.
private func claimTexts(_ text: String) -> [String] {
    let scalars = Array(text.unicodeScalars)
    return ClaimExtractor.claims(in: scalars, range: 0..<scalars.count).map { slice(scalars, $0) }
}

/// The sentences of `text`, as the text they slice.
private func sentenceTexts(_ text: String) -> [String] {
    let scalars = Array(text.unicodeScalars)
    return SentenceSplitter.sentences(in: scalars, range: 0..<scalars.count).map { slice(scalars, $0.range) }
}

private func slice(_ scalars: [Unicode.Scalar], _ range: Range<Int>) -> String {
    String(String.UnicodeScalarView(scalars[range]))
}

/// Letters as the fragment rule counts them, written out independently of the extractor: one per Han
/// character, at most two per word of Latin letters or digits.
private func letters(_ scalars: ArraySlice<Unicode.Scalar>) -> Int {
    var count = 0
    var wordLength = 0
    for scalar in scalars {
        if scalar.properties.isIdeographic {
            count += min(wordLength, 2) + 1
            wordLength = 0
        } else if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
            wordLength += 1
        } else {
            count += min(wordLength, 2)
            wordLength = 0
        }
    }
    return count + min(wordLength, 2)
}

@Suite("Claim extraction")
struct ClaimExtractorTests {
    @Test("a multi-sentence answer yields each assertive sentence whole, in both scripts")
    func multiSentenceAnswer() {
        #expect(
            claimTexts("我認為晶片產業的關鍵在於軟體生態。過去十年，國產設計公司的數量增加了三倍！但是製造端仍然落後於國際先進水平；這需要十年以上的長期投入。")
                == [
                    "我認為晶片產業的關鍵在於軟體生態。", "過去十年，國產設計公司的數量增加了三倍！", "但是製造端仍然落後於國際先進水平；",
                    "這需要十年以上的長期投入。",
                ])
        #expect(
            claimTexts("我认为芯片产业的关键在于软件生态。过去十年，国产设计公司的数量增加了三倍！但是制造端仍然落后于国际先进水平；这需要十年以上的长期投入。")
                == [
                    "我认为芯片产业的关键在于软件生态。", "过去十年，国产设计公司的数量增加了三倍！", "但是制造端仍然落后于国际先进水平；",
                    "这需要十年以上的长期投入。",
                ])
    }

    @Test("questions are not claims: ？, ?, a final 嗎/吗 or 呢, rhetorical 是不是…？")
    func questionsExcluded() {
        let traditional = "你覺得這個方向對嗎？國產晶片的良率已經超過九成了。這個方案真的可行嗎。那麼軟體生態在哪裡呢。是不是應該加大研發投入？成本到底能不能降下來?"
        #expect(claimTexts(traditional) == ["國產晶片的良率已經超過九成了。"])
        let simplified = "你们觉得成本能降下来吗？我们的客户主要在华东和华南地区。那么软件生态又该怎么办呢？是不是应该加大研发投入？"
        #expect(claimTexts(simplified) == ["我们的客户主要在华东和华南地区。"])
    }

    @Test("a quoted question inside an assertion does not make it a question; a quoted question alone does")
    func quotedQuestion() {
        #expect(claimTexts("「國產晶片什麼時候能追上國際水平？」") == [])
        #expect(
            claimTexts("他問我：「國產晶片什麼時候能追上？」我的回答是至少還要十年。") == ["他問我：「國產晶片什麼時候能追上？」我的回答是至少還要十年。"])
    }

    @Test("thanks, greetings and procedure are not claims, but a thanks followed by a point is kept whole")
    func formulasExcluded() {
        let traditional = "謝謝主持人。大家好。好的。下面請王教授發言。非常感謝主持人的邀請，也感謝各位嘉賓。歡迎各位來到今天的論壇。我們開始吧。下一位。謝謝主持人，我認為軟體生態比製程更重要。"
        #expect(claimTexts(traditional) == ["謝謝主持人，我認為軟體生態比製程更重要。"])
        let simplified = "各位嘉宾大家好！感谢大家的聆听。对对对。嗯，好的，谢谢王总。好的，那我们现在开始今天的论坛。谢谢主持人，我认为软件生态比制程更重要。Thank you very much."
        #expect(claimTexts(simplified) == ["谢谢主持人，我认为软件生态比制程更重要。"])
        // A call to speak that names the angle asked for; the same framing without a call is a claim.
        #expect(claimTexts("最後請陳先生從投資的角度談談。最后请陈先生从投资的角度谈谈。") == [])
        #expect(claimTexts("從投資的角度看，這個市場還會增長三年。") == ["從投資的角度看，這個市場還會增長三年。"])
    }

    @Test("fragments, list stubs, lead-ins and captions are not claims")
    func fragmentsExcluded() {
        let text =
            "第一。對，我同意。（笑）\n一、產業背景與主要的挑戰\n主要的原因有以下三點：\n王智 韋豪創芯投資合夥\n第一，國產替代的窗口期只有三到五年。第一個是產能。第二句話叫共同前進。\n第一段的論點是成本太高了"
        #expect(claimTexts(text) == ["第一，國產替代的窗口期只有三到五年。", "第二句話叫共同前進。", "第一段的論點是成本太高了"])
        #expect(claimTexts("对，我同意。（掌声）\n二、市场需求的变化和机会\n我说两点：") == [])
    }

    @Test("quotations stay inside their sentence")
    func quotations() {
        #expect(
            claimTexts("「卡脖子」問題不在於能不能造出光刻機，而在於整個生態；他說：「這不行。」然後我們重新設計了整條產線。")
                == ["「卡脖子」問題不在於能不能造出光刻機，而在於整個生態；", "他說：「這不行。」然後我們重新設計了整條產線。"])
        #expect(
            claimTexts("“卡脖子”问题不在于能不能造出光刻机，而在于整个生态；他说：“这不行。”然后我们重新设计了整条产线。")
                == ["“卡脖子”问题不在于能不能造出光刻机，而在于整个生态；", "他说：“这不行。”然后我们重新设计了整条产线。"])
    }

    @Test("a terminator inside a closing quotation ends the sentence after the quotation")
    func closingQuotationEndsSentence() {
        #expect(sentenceTexts("他說：「好。」") == ["他說：「好。」"])
        #expect(
            sentenceTexts("主持人說：「今天的討論非常精彩。」 接下來進入問答環節。") == ["主持人說：「今天的討論非常精彩。」", "接下來進入問答環節。"])
        #expect(sentenceTexts("這一點很重要。）下一句。") == ["這一點很重要。）", "下一句。"])
    }

    @Test("numbers, model names and URLs do not split a sentence")
    func numbersAndAddresses() {
        #expect(
            claimTexts(
                "這款晶片採用28nm製程，功耗降低了3.5倍，詳見https://example.com/report?id=3&lang=zh 的報告。完整的数据放在example.com/data上，版本是v2.1.3，大家可以自己下载。"
            )
                == [
                    "這款晶片採用28nm製程，功耗降低了3.5倍，詳見https://example.com/report?id=3&lang=zh 的報告。",
                    "完整的数据放在example.com/data上，版本是v2.1.3，大家可以自己下载。",
                ])
    }

    @Test("English sentences inside Chinese split at a full stop after a word, not after an abbreviation")
    func englishInside() {
        #expect(
            claimTexts(
                "他引用了一句話。The market is always right in the long run. 我不同意這個看法，市場常常是錯的。Dr. Smith said the yield is 95%, e.g. in Q3. It is fine."
            )
                == [
                    "The market is always right in the long run.", "我不同意這個看法，市場常常是錯的。",
                    "Dr. Smith said the yield is 95%, e.g. in Q3.",
                ])
    }

    @Test("line breaks end sentences, and sentences are trimmed")
    func paragraphs() {
        #expect(
            claimTexts("第二段說明市場需求正在快速增長\n\n  最後一段總結了整個產業的前景非常好。  \n")
                == ["第二段說明市場需求正在快速增長", "最後一段總結了整個產業的前景非常好。"])
        #expect(
            sentenceTexts("我覺得……其實這個問題沒有那麼簡單。\r\n市場會自己調整的...然後價格就下來了。")
                == ["我覺得……", "其實這個問題沒有那麼簡單。", "市場會自己調整的...", "然後價格就下來了。"])
    }

    @Test("an unclosed quotation does not swallow the rest of the turn")
    func unclosedQuotation() {
        #expect(
            claimTexts("他說：「這個問題很重要。我們必須馬上解決它。\n另一段的「內容也必須完整保留下來。")
                == ["他說：「這個問題很重要。", "我們必須馬上解決它。", "另一段的「內容也必須完整保留下來。"])
    }

    @Test("offsets count from the start of the document, not of the turn")
    func turnInsideDocument() throws {
        let answer = "我認為晶片產業的關鍵在於軟體生態。謝謝。過去十年，國產設計公司的數量增加了三倍！"
        let document = "軟體與晶片論壇\n\n陳伊凡：謝謝，請王智發言。\n\n王智：" + answer + "\n\n陳伊凡：好的。\n"
        let scalars = Array(document.unicodeScalars)
        let answerScalars = Array(answer.unicodeScalars)
        let start = try #require(
            scalars.indices.first { scalars[$0...].starts(with: answerScalars) }, "the answer is in the document")
        let turn = start..<(start + answerScalars.count)
        let claims = ClaimExtractor.claims(in: scalars, range: turn)
        #expect(claims.map { slice(scalars, $0) } == ["我認為晶片產業的關鍵在於軟體生態。", "過去十年，國產設計公司的數量增加了三倍！"])
        let alone = ClaimExtractor.claims(in: answerScalars, range: 0..<answerScalars.count)
        #expect(claims == alone.map { ($0.lowerBound + start)..<($0.upperBound + start) })
    }

    @Test("an empty or out-of-text range has no claims")
    func emptyRange() {
        let scalars = Array("國產晶片的良率已經超過九成了。".unicodeScalars)
        #expect(ClaimExtractor.claims(in: scalars, range: 5..<5).isEmpty)
        #expect(ClaimExtractor.claims(in: [], range: 0..<0).isEmpty)
        #expect(ClaimExtractor.claims(in: scalars, range: 100..<200).isEmpty)
        #expect(ClaimExtractor.claims(in: Array("  \n\n ".unicodeScalars), range: 0..<5).isEmpty)
    }

    @Test(
        "over the seed transcript, claims lie in order inside their paragraph and are never questions or fragments",
        .enabled(
            if: FileManager.default.fileExists(atPath: seedTranscript.path),
            "skipped: the seed transcript ../shared/seed/000_6b54d0aafa120f4a.txt is absent")
    )
    func seedTranscriptProperties() throws {
        let scalars = Array(try String(contentsOf: seedTranscript, encoding: .utf8).unicodeScalars)
        var paragraphs: [Range<Int>] = []
        var paragraphStart = 0
        for index in 0...scalars.count where index == scalars.count || scalars[index] == "\n" {
            if index > paragraphStart { paragraphs.append(paragraphStart..<index) }
            paragraphStart = index + 1
        }
        #expect(paragraphs.count > 30)
        var total = 0
        for paragraph in paragraphs {
            let claims = ClaimExtractor.claims(in: scalars, range: paragraph)
            total += claims.count
            var previousEnd = paragraph.lowerBound
            for claim in claims {
                let text = slice(scalars, claim)
                #expect(claim.lowerBound >= previousEnd, "in order, without overlap: \(text)")
                #expect(claim.upperBound <= paragraph.upperBound, "inside its paragraph: \(text)")
                #expect(!text.hasSuffix("？") && !text.hasSuffix("?"), "not a question: \(text)")
                #expect(letters(scalars[claim]) >= ClaimExtractor.minimumLetters, "not a fragment: \(text)")
                #expect(text.first?.isWhitespace == false && text.last?.isWhitespace == false, "trimmed: \(text)")
                previousEnd = claim.upperBound
            }
        }
        #expect(total > 50)
    }
}
