/// Small closed word lists that tell a speaker label from the other things written before a colon.
///
/// All entries are folded (simplified, lower case), and are compared with folded text, so each list
/// serves traditional and simplified documents alike. They name kinds of words — agenda headings,
/// speech verbs, roles — never the people or lines of any particular document.
enum LabelVocabulary {
    /// Headings of minutes and notes that are written like labels: `業務報告：`, `說明：`, `決議：`.
    static let structureWords: Set<String> = [
        "报告", "业务报告", "工作报告", "讨论", "提案讨论", "说明", "决议", "事项", "议程", "提案", "案由", "主旨",
        "备注", "附件", "结论", "摘要", "内容", "宣读内容", "时间", "地点", "日期", "地址", "电话", "网址", "来源",
        "出处", "作者", "主题", "题目", "标题", "注", "注意", "附注", "译注", "编按", "编者按", "按", "关键词",
        "标签", "会议名称", "记录", "纪录", "出席", "列席", "缺席", "请假", "散会", "签名", "结果", "原因", "目的",
        "背景", "问题", "答案", "重点", "例如", "比如", "包括", "如下", "以下", "总结", "总之", "附录", "参考",
        "临时动议", "主席致词", "致词", "开会", "会议", "活动", "议题", "决定", "办理情形", "执行情形", "回应",
        "补充", "附带决议", "备考", "摘录", "全文", "原文", "译文", "翻译自", "via", "url", "subject", "author",
        "translator", "collector", "reviewer", "publisher", "source", "date", "title", "tags", "note", "notes",
        "summary", "agenda", "minutes", "location", "time", "present", "absent", "update", "edit", "ps", "p.s",
        "tel", "email", "e-mail", "fax", "http", "https", "ftp", "mailto", "file",
        // Credits of articles and translations.
        "选题", "译者", "校对", "编辑", "审校", "责编", "责任编辑", "摄影", "撰文", "整理", "排版", "出品", "策划",
        "监制", "制作", "图片", "图", "文", "原作者", "发布", "发布时间", "更新", "更新时间", "浏览", "阅读", "评论",
        "点赞", "转载", "版权", "声明", "免责声明", "广告", "赞助", "链接", "下载", "相关阅读", "延伸阅读", "推荐阅读",
        // Asides of articles and notes.
        "趣事", "提示", "小贴士", "彩蛋", "花絮", "附记", "后记", "前言", "引言", "导语", "编者注", "编注", "按语", "题记",
    ]

    /// Nouns that a numeral after them turns into a list item: 建議一, 方案二, 第三點.
    static let listNouns = [
        "建议", "方案", "问题", "议题", "提案", "案", "项", "点", "条", "款", "部分", "阶段", "步骤", "原则", "目标",
        "理由", "意见", "附件", "表", "图", "例", "说明", "结论", "重点", "原因", "选项", "事项", "场", "组", "章", "节",
    ]

    /// Verbs that introduce reported speech: `他對我說：`, `有人問道：`. A one-character label that
    /// is itself such a verb (`問：`, `答：`) is a role, not reported speech.
    static let speechVerbs = [
        "说", "讲", "道", "问", "答", "表示", "指出", "提到", "回答", "强调", "告诉", "写", "问我", "写道", "喊",
        "认为", "觉得", "提醒", "宣布", "回应", "补充", "反问", "追问", "质疑", "解释", "批评", "感叹", "透露",
    ]

    /// Endings that make the words before a colon a clause: `第一個判斷是：`, `重點有：`.
    static let clauseEndings = [
        "是", "为", "有", "如下", "包括", "即", "就是", "在于", "指", "如", "像", "例如", "比如", "以下", "下列",
        "几点", "两点", "三点", "一点", "分享", "报告", "建议", "问题", "原因", "结果", "方面", "部分", "重点", "的",
        "了", "们", "吗", "呢", "吧", "说明", "讨论", "决议",
    ]

    /// Labels that name a part played, not a person: the same role in two documents is two people.
    static let roleWords: Set<String> = [
        "主持人", "主持", "主席", "司仪", "记者", "问", "答", "提问", "回答", "观众", "听众", "现场观众", "学生",
        "大家", "众人", "与会者", "与会人员", "旁人", "数名", "多人", "实习生", "翻译", "口译", "配音", "旁白",
        "解说", "嘉宾", "来宾", "受访者", "采访者", "访问者", "主讲人", "讲者", "讲师", "发言人", "男", "女",
        "某某", "不明", "未知", "同学", "老师", "委员", "主委", "召集人", "律师", "医师", "病人", "民众", "居民",
        "市民", "网友", "q", "a", "host", "moderator", "interviewer", "audience", "reporter", "narrator", "voice",
        "speaker", "unknown", "甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸", "子", "丑", "寅", "卯",
    ]

    /// Whether a folded label is a heading of minutes or notes rather than a speaker.
    static func isStructureWord(_ folded: String) -> Bool {
        let bare = folded.filter { !$0.isWhitespace }
        if structureWords.contains(bare) { return true }
        // 一、業務報告 / 二、提案討論: numbered agenda items.
        if let first = bare.unicodeScalars.first, "一二三四五六七八九十0123456789".unicodeScalars.contains(first),
            bare.contains("、") || bare.contains(".")
        {
            return true
        }
        // 第一點, 第二: ordinals start list items, never names.
        if bare.hasPrefix("第") && bare.count >= 2 { return true }
        return ["报告", "讨论", "决议", "说明", "事项", "议程", "提案", "动议"].contains { bare.hasSuffix($0) && bare.count > 2 }
    }

    /// Whether a folded label numbers an item of a list (建議一, 方案二, 問題3) rather than an
    /// anonymous speaker (記者1, and in Markdown dress, 问卷调查答案 1).
    static func isNumberedItem(_ folded: String, dressed: Bool) -> Bool {
        let bare = folded.filter { !$0.isWhitespace }
        guard bare.count >= 3, let last = bare.unicodeScalars.last else { return false }
        if "一二三四五六七八九十".unicodeScalars.contains(last) {
            // 森里螢一 and 陳建一 are names; 建議一 and 方案二 number the items of a list.
            let stem = String(bare.unicodeScalars.prefix { !"一二三四五六七八九十".unicodeScalars.contains($0) })
            return listNouns.contains { stem.hasSuffix($0) }
        }
        guard ("0"..."9").contains(last) else { return false }
        let stem = String(bare.unicodeScalars.prefix { !("0"..."9").contains($0) })
        return !dressed && !isRole(stem)
    }

    /// Whether a folded label ends with a verb of speech, as in `他對我說`.
    static func endsWithSpeechVerb(_ folded: String) -> Bool {
        let bare = folded.filter { !$0.isWhitespace }
        guard bare.count > 1 else { return false }
        return speechVerbs.contains { bare.hasSuffix($0) }
    }

    /// Whether a folded label reads as the start of a clause rather than a name.
    static func endsLikeSentence(_ folded: String) -> Bool {
        let bare = folded.filter { !$0.isWhitespace }
        guard bare.count > 1 else { return false }
        // Names made of these characters do exist (王有為), so only longer labels are judged by them.
        return clauseEndings.contains { bare.hasSuffix($0) && (bare.count >= 4 || $0.count >= 2) }
    }

    /// Whether a folded name is a role (主持人, 記者, 甲, A) rather than a person's name.
    static func isRole(_ folded: String) -> Bool {
        let bare = folded.filter { !$0.isWhitespace }
        if roleWords.contains(bare) { return true }
        // Anonymised speakers: one Latin capital (A–H) or one heavenly stem / earthly branch, or 乙、丙.
        if bare.count == 1, let scalar = bare.unicodeScalars.first, scalar.isASCII, scalar.properties.isAlphabetic {
            return true
        }
        if bare.contains("、"), bare.split(separator: "、").allSatisfy({ roleWords.contains(String($0)) }) { return true }
        return ["同仁", "代表", "记者", "发言人"].contains { bare.hasSuffix($0) } && bare.count <= 8
    }
}

/// Where a person sits in a photo: (左二), (右側), (左起第三), (中). Dropped from names.
enum PhotoPosition {
    /// Whether a bracket's content is a photo position.
    static func matches(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        guard (1...5).contains(scalars.count) else { return false }
        let places: Set<Unicode.Scalar> = ["左", "右", "中", "上", "下", "前", "后", "後"]
        let fillers: Set<Unicode.Scalar> = [
            "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "起", "第", "侧", "側", "边", "邊", "排", "间", "間",
            "1", "2", "3", "4", "5", "6", "7", "8", "9",
        ]
        guard scalars.contains(where: places.contains) else { return false }
        return scalars.allSatisfy { places.contains($0) || fillers.contains($0) }
    }
}
