/// The folded spellings under which a topic is recognised: its name and aliases, each also in the
/// other regions' vocabulary (OpenCC), so that 芯片 finds 晶片 and 服务器 finds 伺服器.
enum TopicSpellings {
    static func spellings(name: String, aliases: [String], fold: FoldTable, opencc: OpenCC) -> Set<String> {
        var spellings = Set<String>()
        for written in [name] + aliases {
            spellings.insert(fold.fold(written))
            for regional in (try? SearchQuery.regionalSpellings(of: written, fold: fold, opencc: opencc)) ?? [] {
                spellings.insert(fold.fold(regional))
            }
        }
        return spellings.filter { $0.unicodeScalars.count >= 2 }
    }
}
