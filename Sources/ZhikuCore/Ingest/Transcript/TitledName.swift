/// A label that writes a person's title, and often their organisation, around their name, as
/// minutes in Taiwan and the Mainland do:
///
/// - `行政院唐鳳政委`, `迷客夏陳佐群品牌總監`: organisation, name, title;
/// - `唐召集人鳳`, `國發會社發處張處長富林`: surname, title, given name (a formal written style);
/// - `中央社記者王小明`: organisation, title, name.
///
/// Split, the name is the person's identity across documents (the same 唐鳳 as a bare `唐鳳：`
/// elsewhere), and the organisation and title belong to this appearance. A label is split only when
/// a title from ``titles`` sits next to a name that starts with a surname from ``surnames``, so
/// `環保署處長` (an office and a title, no name) and `蔡政委` (a surname alone) stay as written.
struct TitledName: Equatable {
    var name: String
    var organisation: String?
    var title: String

    /// Titles of office and profession that are written beside a name. Folded (simplified).
    static let titles: Set<String> = [
        "共同召集人", "召集人", "政务委员", "政委", "主任委员", "副主任委员", "主委", "副主委", "委员", "立委", "立法委员",
        "议员", "议长", "副议长", "部长", "副部长", "政务次长", "常务次长", "次长", "署长", "副署长", "司长", "副司长",
        "局长", "副局长", "处长", "副处长", "科长", "副科长", "组长", "副组长", "主任", "副主任", "院长", "副院长", "校长",
        "副校长", "市长", "副市长", "县长", "副县长", "区长", "镇长", "乡长", "村长", "里长", "主席", "副主席", "总统",
        "副总统", "秘书长", "副秘书长", "执行秘书", "秘书", "理事长", "副理事长", "理事", "董事长", "副董事长", "董事",
        "总经理", "副总经理", "副总", "经理", "副理", "协理", "襄理", "执行长", "副执行长", "总裁", "副总裁", "总监",
        "总编辑", "主编", "特助", "专员", "技正", "参事", "顾问", "研究员", "副研究员", "教授", "副教授", "助理教授",
        "博士", "律师", "医师", "医生", "老师", "主持人", "记者", "创办人", "创始人", "发起人", "负责人", "队长", "团长",
        "社长", "会长", "副会长", "厂长", "馆长", "所长", "站长", "店长", "检察官", "法官", "庭长", "首席", "技术长",
        "营运长", "财务长", "资讯长", "主任秘书", "专门委员", "简任技正", "荐任技正",
    ]

    /// Surnames, folded (simplified): the common ones of the Mainland, Taiwan and Hong Kong. A name
    /// in a titled label must start with one, which is what tells `行政院唐鳳` apart as 行政院 + 唐鳳.
    static let surnames: Set<Unicode.Scalar> = Set(
        """
        王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖萧田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜\
        崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施\
        牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲\
        翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳穆农卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏\
        宗瞿桂佟应臧闵苟邬边卞姬师仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩佘池查麻苑迟邝封谈匡鞠惠荆冀郁胥班储栗燕楚鄢\
        劳谌奚皮粟冼蔺楼盘满闻厉伊仝郜阚权帅屠豆朴盖练廉禹井祖漆巴丰卿狄计索宣晋初扈晁芮阙浦戈伏鹿薄邸雍辜羊裘亓\
        修邰赫杭况宿逯隆茹诸慕危嵇湛宾戎勾茅揭尉斯束檀衣展阴昝智幸奉植衡尧洪赖粘
        """.unicodeScalars)

    /// Two-character surnames, folded: 歐陽, 司馬, and Taiwan's 張簡, 范姜.
    static let compoundSurnames: Set<String> = [
        "欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐", "夏侯", "长孙", "宇文", "司徒",
        "端木", "张简", "范姜", "西门", "南宫", "万俟", "闻人", "澹台", "公羊", "轩辕",
    ]

    /// Characters that end the name of an office or a body (院, 部, 處, 會, 大 of 台大), never a name.
    private static let bodyEndings: Set<Unicode.Scalar> = Set("院部会局处署司组室科所馆府厅校社团队店厂行台大系".unicodeScalars)

    /// Characters of sentences, not of names or offices: `我想再引述一次羅政委的話` is speech.
    private static let sentenceCharacters: Set<Unicode.Scalar> = Set("的了是我你他她它们这那在说就也都要吗呢吧啊呀话想再把被".unicodeScalars)

    /// The longest title a label may carry after the name, with what qualifies it: 品牌企劃副理.
    private static let longestTail = 6

    /// The title, organisation and name of `written`, or nil when it is not a titled name.
    static func split(_ written: String, fold: FoldTable) -> TitledName? {
        let original = Array(written.unicodeScalars)
        guard (3...24).contains(original.count), original.allSatisfy({ $0.properties.isIdeographic }) else {
            return nil
        }
        let folded = original.map(fold.fold)
        guard !folded.contains(where: sentenceCharacters.contains) else { return nil }
        let label = Label(original: original, folded: folded)
        return label.organisationNameTitle() ?? label.surnameTitleGivenName() ?? label.organisationTitleName()
    }

    /// One label, as written and folded (scalar for scalar).
    private struct Label {
        let original: [Unicode.Scalar]
        let folded: [Unicode.Scalar]

        var count: Int { folded.count }

        func written(_ range: Range<Int>) -> String { String(String.UnicodeScalarView(original[range])) }
        func key(_ range: Range<Int>) -> String { String(String.UnicodeScalarView(folded[range])) }

        /// Whether what comes before a name can be an organisation: nothing, or two characters or more.
        func isOrganisation(_ range: Range<Int>) -> Bool { range.isEmpty || range.count >= 2 }

        /// Whether `range` reads as a personal name: a surname, then a given name that does not end
        /// like an office.
        func isName(_ range: Range<Int>) -> Bool {
            guard (2...4).contains(range.count), let last = range.last, !bodyEndings.contains(folded[last]) else {
                return false
            }
            if compoundSurnames.contains(key(range.lowerBound..<range.lowerBound + 2)) { return range.count >= 3 }
            guard surnames.contains(folded[range.lowerBound]) else { return false }
            // Four characters: a married name with both surnames (洪簡廷卉).
            return range.count < 4 || surnames.contains(folded[range.lowerBound + 1])
        }

        /// The longest title that starts at `start`, as a range.
        func title(at start: Int) -> Range<Int>? {
            for length in stride(from: min(5, count - start), through: 2, by: -1)
            where titles.contains(key(start..<start + length)) {
                return start..<start + length
            }
            return nil
        }

        /// The length of the longest title that ends at `end`.
        func titleLength(endingAt end: Int) -> Int? {
            (2...5).reversed().first { $0 <= end && titles.contains(key(end - $0..<end)) }
        }

        /// `行政院唐鳳政委`, `迷客夏陳佐群品牌總監`: the name nearest the title wins; three characters, the
        /// commonest length, before two, and four (洪簡廷卉) only when nothing shorter leaves an organisation.
        func organisationNameTitle() -> TitledName? {
            guard let titleLength = titleLength(endingAt: count) else { return nil }
            for nameEnd in stride(from: count - titleLength, through: max(2, count - longestTail), by: -1) {
                for length in [3, 2, 4] where nameEnd - length >= 0 {
                    let name = nameEnd - length..<nameEnd
                    guard isName(name), isOrganisation(0..<name.lowerBound) else { continue }
                    // What qualifies the title (品牌 of 品牌總監) is no office: 衛福部部長 has no name.
                    let qualifier = nameEnd..<count - titleLength
                    guard !qualifier.contains(where: { bodyEndings.contains(folded[$0]) }) else { continue }
                    return TitledName(
                        name: written(name), organisation: name.lowerBound > 0 ? written(0..<name.lowerBound) : nil,
                        title: written(nameEnd..<count))
                }
            }
            return nil
        }

        /// `唐召集人鳳`, `國發會社發處張處長富林`: a surname, a title, then one or two characters.
        func surnameTitleGivenName() -> TitledName? {
            for surname in 0..<count - 2 where surnames.contains(folded[surname]) {
                guard let title = title(at: surname + 1), isOrganisation(0..<surname) else { continue }
                let given = title.upperBound..<count
                // 委員會 is a committee, not 委員 and a name.
                guard (1...2).contains(given.count), !given.contains(where: { bodyEndings.contains(folded[$0]) }),
                    !titles.contains(key(given))
                else { continue }
                return TitledName(
                    name: written(surname..<surname + 1) + written(given),
                    organisation: surname > 0 ? written(0..<surname) : nil, title: written(title))
            }
            return nil
        }

        /// `中央社記者王小明`, `幣寶台灣執行長特助林本宜`: titles right before a name that ends the label.
        func organisationTitleName() -> TitledName? {
            for length in [3, 2, 4] where length < count {
                let name = count - length..<count
                guard isName(name), let last = titleLength(endingAt: name.lowerBound) else { continue }
                var titleStart = name.lowerBound - last
                while let more = titleLength(endingAt: titleStart) { titleStart -= more }
                let title = titleStart..<name.lowerBound
                guard isOrganisation(0..<title.lowerBound) else { continue }
                return TitledName(
                    name: written(name), organisation: title.lowerBound > 0 ? written(0..<title.lowerBound) : nil,
                    title: written(title))
            }
            return nil
        }
    }
}
