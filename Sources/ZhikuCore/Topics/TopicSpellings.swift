import Synchronization

/// The folded spellings under which a topic is recognised: its name and aliases, each also in the
/// other regions' vocabulary (OpenCC), so that 芯片 finds 晶片 and 服务器 finds 伺服器.
enum TopicSpellings {
    static func spellings(name: String, aliases: [String], fold: FoldTable, opencc: OpenCC) -> Set<String> {
        var spellings = Set<String>()
        for written in [name] + aliases {
            spellings.insert(fold.fold(written))
            for regional in (try? SearchQuery.regionalSpellings(of: written, opencc: opencc)) ?? [] {
                spellings.insert(fold.fold(regional))
            }
        }
        return spellings.filter { $0.unicodeScalars.count >= 2 }
    }
}

/// Spellings already worked out, by the written name and aliases, shared by the threads that prepare
/// documents: a term quoted in many documents is converted by OpenCC once.
final class TopicSpellingsCache: Sendable {
    private let known = Mutex<[[[UInt8]]: Set<String>]>([:])
    /// Past this many names the cache starts again, so that it stays a few MB whatever the corpus.
    private static let capacity = 50_000

    /// ``TopicSpellings/spellings(name:aliases:fold:opencc:)``, from the cache when it has them.
    func spellings(name: String, aliases: [String], fold: FoldTable, opencc: OpenCC) -> Set<String> {
        // Keyed by the bytes: String equality is canonical equivalence, and the fold, which works
        // scalar by scalar, may tell canonically equivalent spellings apart.
        let key = ([name] + aliases).map { Array($0.utf8) }
        if let found = known.withLock({ $0[key] }) { return found }
        let spellings = TopicSpellings.spellings(name: name, aliases: aliases, fold: fold, opencc: opencc)
        known.withLock { known in
            if known.count >= Self.capacity { known.removeAll() }
            known[key] = spellings
        }
        return spellings
    }
}
