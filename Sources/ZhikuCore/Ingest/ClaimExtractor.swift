/// Finds the claims of a speaker's turn: its assertive sentences, kept whole, with their offsets.
///
/// A claim is a sentence (see ``SentenceSplitter``) that is not
/// - a question: it ends with `？`/`?`, or with the particle `嗎`/`吗`/`呢` before its terminator. A
///   question quoted inside an assertion (`他問：「…嗎？」我的回答是…`) does not make it one;
/// - a formula: made only of thanks, greetings, welcomes, calls to speak, yes-words and fillers, with
///   at most a name or a short address besides (`謝謝主持人。`, `好的，下面請王教授發言。`, `對對對。`);
///   a formula followed by something to say (`謝謝主持人，我認為…`) is a claim, kept whole;
/// - a fragment: fewer than ``minimumLetters`` letters, counting each Han character as one and each
///   word of Latin letters or digits as at most two (`28nm`, `MCU`), not counting a leading list
///   number (`第一，`, `1.`); or a stub such as a lead-in ending with a colon, or an unpunctuated line
///   that looks like a heading or a caption (`一、背景`, `王智 韋豪創芯投資合夥`).
///
/// Runs in time linear in the length of the turn.
public enum ClaimExtractor {
    /// The fewest letters a claim has. Shorter sentences (`我同意。`, `是這樣的。`) say too little to
    /// be worth finding on their own.
    public static let minimumLetters = 8

    /// The claims of the turn spanning `range` of `scalars` (a whole document's text as Unicode
    /// scalars; offsets count scalars), as ranges of the same offsets, in order.
    public static func claims(in scalars: [Unicode.Scalar], range: Range<Int>) -> [Range<Int>] {
        SentenceSplitter.sentences(in: scalars, range: range).compactMap { sentence in
            isClaim(sentence, in: scalars) ? sentence.range : nil
        }
    }

    static func isClaim(_ sentence: SentenceSplitter.Sentence, in scalars: [Unicode.Scalar]) -> Bool {
        if sentence.ending == .question { return false }
        let range = sentence.range
        if sentence.ending == .quotation && TextClass.isQuotationMark(scalars[range.lowerBound]) {
            // Nothing but a quotation (`「我們追得上嗎？」`): it is what the quotation is.
            var inner = range.upperBound
            while inner > range.lowerBound, TextClass.closerOpening(scalars[inner - 1]) != nil { inner -= 1 }
            if inner > range.lowerBound && TextClass.ending(of: scalars[inner - 1]) == .question { return false }
        }
        var last = range.upperBound
        while last > range.lowerBound,
            TextClass.trailingTerminatorEnding(scalars, at: last - 1, upper: range.upperBound) != nil
                || TextClass.isWhitespace(scalars[last - 1])
        {
            last -= 1
        }
        guard last > range.lowerBound else { return false }
        switch scalars[last - 1] {
        case "嗎", "吗", "呢": return false
        // A lead-in (`主要有三點：`) or a label: what it announces follows in other sentences.
        case "：", ":", "﹕": return false
        default: break
        }
        let body = listMarkerEnd(scalars, range)..<range.upperBound
        if letterCount(scalars, body) < minimumLetters { return false }
        if sentence.ending == .none {
            // `一、背景` is numbered like a heading; in `第一段…` the ordinal is part of the sentence.
            let numbered =
                body.lowerBound > range.lowerBound && !TextClass.isCharacterScript(scalars[body.lowerBound - 1])
            if isHeadingLike(scalars, body, numbered: numbered) { return false }
        }
        return !Formula.isFormula(scalars, range)
    }

    /// Letters of `range`: a Han (kana, hangul) character counts one, a word of Latin letters or
    /// digits at most two, so that English needs about as many words as Chinese needs characters.
    static func letterCount(_ scalars: [Unicode.Scalar], _ range: Range<Int>) -> Int {
        var count = 0
        var index = range.lowerBound
        while index < range.upperBound {
            let scalar = scalars[index]
            if TextClass.isCharacterScript(scalar) {
                count += 1
                index += 1
            } else if TextClass.isWordScalar(scalar) {
                var end = index + 1
                while end < range.upperBound, TextClass.isWordScalar(scalars[end]) { end += 1 }
                count += min(end - index, 2)
                index = end
            } else {
                index += 1
            }
        }
        return count
    }

    /// Where the text after a leading list number starts (`第一，`, `第三個`, `一、`, `（二）`,
    /// `1.`, `a)`); the start of `range` when there is none.
    static func listMarkerEnd(_ scalars: [Unicode.Scalar], _ range: Range<Int>) -> Int {
        let end = range.upperBound
        var index = range.lowerBound
        var bracketed = false
        if index < end, scalars[index] == "(" || scalars[index] == "（" {
            bracketed = true
            index += 1
        }
        if index < end, scalars[index] == "第" {
            var numeral = index + 1
            while numeral < end, numeral - index <= 4, isNumeral(scalars[numeral]) { numeral += 1 }
            guard numeral > index + 1, numeral < end else { return range.lowerBound }
            if isCounter(scalars[numeral]) { return numeral + 1 }
            // In `第二句話叫…` the ordinal belongs to the sentence; only `第二，` stands apart.
            return TextClass.isCharacterScript(scalars[numeral]) || TextClass.isWordScalar(scalars[numeral])
                ? range.lowerBound : numeral
        }
        let numeralStart = index
        if index < end, TextClass.isASCIILowercase(scalars[index]) || TextClass.isASCIIUppercase(scalars[index]) {
            index += 1
        } else {
            while index < end, index - numeralStart < 4, isNumeral(scalars[index]) { index += 1 }
        }
        guard index > numeralStart, index < end else { return range.lowerBound }
        switch scalars[index] {
        case ")", "）":
            return index + 1
        case "、" where !bracketed, "．" where !bracketed:
            return index + 1
        case "." where !bracketed:
            // `1.5倍` is a number, not a list item.
            let decimal = index + 1 < end && TextClass.isAlphanumeric(scalars[index + 1])
            return decimal ? range.lowerBound : index + 1
        default:
            return range.lowerBound
        }
    }

    private static func isNumeral(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "百", "零", "〇", "兩", "两": return true
        default: return TextClass.isDigit(scalar)
        }
    }

    private static func isCounter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "個", "个", "點", "点", "條", "条", "項", "项", "種", "种", "步", "次", "名", "章", "節", "节", "是":
            return true
        default: return false
        }
    }

    /// An unpunctuated line that names rather than says: a numbered heading (`一、產業格局`) or a
    /// caption whose parts are set apart by spaces (`王智 韋豪創芯投資合夥`). A line with commas is
    /// speech whose full stop is missing, as transcribed speech often is.
    static func isHeadingLike(_ scalars: [Unicode.Scalar], _ range: Range<Int>, numbered: Bool) -> Bool {
        var spacedApart = false
        var index = range.lowerBound
        while index < range.upperBound {
            let scalar = scalars[index]
            switch scalar {
            case "，", ",", "、", "﹐", "﹑", "：", ":":
                return false
            default:
                if TextClass.isHorizontalSpace(scalar), index > range.lowerBound {
                    // Spaces between Latin words are English; between Chinese parts, a layout.
                    var next = index + 1
                    while next < range.upperBound, TextClass.isHorizontalSpace(scalars[next]) { next += 1 }
                    if next < range.upperBound, !TextClass.isASCIIAlphanumeric(scalars[index - 1]),
                        !TextClass.isASCIIAlphanumeric(scalars[next])
                    {
                        spacedApart = true
                    }
                    index = next
                    continue
                }
            }
            index += 1
        }
        return numbered || spacedApart
    }
}

/// Thanks, greetings and other formulas of a panel: a closed list of phrases in both scripts, and a
/// little room for the name or title they address.
enum Formula {
    /// Unrecognised letters allowed beside an anchoring formula: a name and a title (`王總`, `朱恆源`).
    static let allowance = 4

    struct Phrase: Sendable {
        let scalars: [Unicode.Scalar]
        /// Thanks, greetings, welcomes, calls to speak: phrases that make a sentence a formula even
        /// with a name beside them. The others (yes-words, fillers, addresses) only help.
        let anchors: Bool
        let isLatin: Bool
    }

    private static let anchorPhrases = [
        "謝謝", "谢谢", "感謝", "感谢", "多謝", "多谢", "致謝", "致谢", "thank", "thanks", "thx",
        "大家好", "各位好", "您好", "你好", "你們好", "你们好", "大家早", "早安", "午安", "晚安", "早上好", "上午好",
        "中午好", "下午好", "晚上好", "哈囉", "哈啰", "嗨", "hello", "hi", "hey", "good morning", "good afternoon",
        "good evening", "歡迎", "欢迎", "welcome", "再見", "再见", "拜拜", "bye", "goodbye", "請", "请", "有請", "有请",
        "下一位", "下一個", "下一个", "我們開始", "我们开始", "開始吧", "开始吧", "please",
    ]

    private static let helperPhrases = [
        // yes-words and fillers
        "好的", "好", "對", "对", "對的", "对的", "是的", "是", "沒錯", "没错", "行", "可以", "沒問題", "没问题", "當然",
        "当然", "明白", "了解", "收到", "好吧", "嗯", "嗯嗯", "啊", "呀", "哦", "噢", "喔", "欸", "誒", "诶", "哎", "唉",
        "呃", "額", "额", "哈", "哈哈", "嘿", "吧", "啦", "了", "的", "嘛", "喲", "哟", "那個", "那个", "這個", "这个", "那",
        "然後", "然后", "就是", "ok", "okay", "yes", "yeah", "yep", "right", "sure", "great", "well", "so",
        // addresses
        "大家", "各位", "您", "你", "你們", "你们", "主持人", "嘉賓", "嘉宾", "來賓", "来宾", "老師", "老师", "朋友",
        "朋友們", "朋友们", "觀眾", "观众", "同學", "同学", "先生", "女士", "女士們", "女士们", "先生們", "先生们", "在座",
        "諸位", "诸位", "網友", "网友", "聽眾", "听众", "everyone", "all", "you", "guys", "folks", "everybody",
        // intensifiers
        "非常", "十分", "很", "真的", "再次", "也", "衷心", "特別", "特别", "由衷", "真", "太", "very", "much", "a", "lot",
        // courtesy and procedure
        "邀請", "邀请", "分享", "精彩", "聆聽", "聆听", "收聽", "收听", "收看", "觀看", "观看", "參與", "参与", "參加",
        "参加", "支持", "關注", "关注", "光臨", "光临", "蒞臨", "莅临", "到來", "到来", "來到", "来到", "今天", "今晚",
        "本次", "這次", "这次", "我們", "我们", "我", "節目", "节目", "論壇", "论坛", "會議", "会议", "活動", "活动",
        "環節", "环节", "提問", "提问", "回答", "發言", "发言", "說明", "说明", "介紹", "介绍", "談談", "谈谈", "講講",
        "讲讲", "說說", "说说", "聊聊", "講", "讲", "說", "说", "一下", "來", "来", "為", "为", "給", "给", "跟", "和",
        "與", "与", "接下來", "接下来", "下面", "現在", "现在", "那麼", "那么", "首先", "最後", "最后", "開始", "开始",
        "進行", "进行", "從", "从", "角度", "方面",
        "我是", "我叫", "我來自", "我来自", "for", "coming", "having", "me", "us", "the", "to", "your", "and", "next",
        "invitation", "question",
    ]

    /// Phrases by their first scalar, longest first, so that `謝謝` wins over `謝`.
    private static let phrasesByFirst: [Unicode.Scalar: [Phrase]] = {
        var table: [Unicode.Scalar: [Phrase]] = [:]
        func add(_ text: String, anchors: Bool) {
            let scalars = Array(text.unicodeScalars)
            guard let first = scalars.first else { return }
            let isLatin = scalars.allSatisfy { $0.isASCII }
            table[first, default: []].append(Phrase(scalars: scalars, anchors: anchors, isLatin: isLatin))
        }
        for text in anchorPhrases { add(text, anchors: true) }
        for text in helperPhrases { add(text, anchors: false) }
        for key in table.keys { table[key]?.sort { $0.scalars.count > $1.scalars.count } }
        return table
    }()

    /// Whether the sentence at `range` says nothing but formulas: every letter belongs to a phrase of
    /// the list, or an anchoring phrase is there and at most ``allowance`` letters are not.
    static func isFormula(_ scalars: [Unicode.Scalar], _ range: Range<Int>) -> Bool {
        var unknown = 0
        var anchored = false
        var index = range.lowerBound
        while index < range.upperBound {
            let scalar = scalars[index]
            let isCharacter = TextClass.isCharacterScript(scalar)
            guard isCharacter || TextClass.isWordScalar(scalar) else {
                index += 1
                continue
            }
            if let (phrase, end) = longestPhrase(scalars, at: index, upper: range.upperBound) {
                anchored = anchored || phrase.anchors
                index = end
                continue
            }
            if isCharacter {
                unknown += 1
                index += 1
            } else {
                var end = index + 1
                while end < range.upperBound, TextClass.isWordScalar(scalars[end]) { end += 1 }
                unknown += min(end - index, 2)
                index = end
            }
            if unknown > allowance { return false }
        }
        return anchored || unknown == 0
    }

    /// The longest phrase of the list at `index`, and where it ends. English phrases match whole
    /// words in any case; a space in a phrase matches any run of spaces (`Thank  you`).
    private static func longestPhrase(_ scalars: [Unicode.Scalar], at index: Int, upper: Int) -> (Phrase, Int)? {
        guard let candidates = phrasesByFirst[TextClass.asciiLowercased(scalars[index])] else { return nil }
        candidateLoop: for phrase in candidates {
            var position = index
            for expected in phrase.scalars {
                guard position < upper else { continue candidateLoop }
                if expected == " " {
                    guard TextClass.isHorizontalSpace(scalars[position]) else { continue candidateLoop }
                    while position < upper, TextClass.isHorizontalSpace(scalars[position]) { position += 1 }
                    continue
                }
                guard TextClass.asciiLowercased(scalars[position]) == expected else { continue candidateLoop }
                position += 1
            }
            if phrase.isLatin, position < upper, TextClass.isASCIIAlphanumeric(scalars[position]) { continue }
            return (phrase, position)
        }
        return nil
    }
}
