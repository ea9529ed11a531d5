import Synchronization

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

    /// ``spellings(name:aliases:fold:opencc:)`` of each topic, with one OpenCC conversion per
    /// configuration for all of them: a conversion costs mostly its call, and a document names tens
    /// of topics.
    ///
    /// The names go to OpenCC one per line. OpenCC cuts text into dictionary entries, none of which
    /// holds a line break, so each line converts as it would alone; a name with a line break, or a
    /// conversion that fails or does not give back one line per name, is converted on its own.
    static func spellings(
        ofEach topics: [(name: String, aliases: [String])], fold: FoldTable, opencc: OpenCC
    ) -> [Set<String>] {
        let written = topics.flatMap { [$0.name] + $0.aliases }
        guard !written.isEmpty, !written.contains(where: { $0.unicodeScalars.contains("\n") }),
            let regional = try? regionalSpellings(ofEach: written, opencc: opencc)
        else {
            return topics.map { spellings(name: $0.name, aliases: $0.aliases, fold: fold, opencc: opencc) }
        }
        var next = 0
        return topics.map { topic in
            var spellings = Set<String>()
            for piece in [topic.name] + topic.aliases {
                spellings.insert(fold.fold(piece))
                for spelling in regional[next] { spellings.insert(fold.fold(spelling)) }
                next += 1
            }
            return spellings.filter { $0.unicodeScalars.count >= 2 }
        }
    }

    /// ``SearchQuery/regionalSpellings(of:opencc:)`` of each piece, converting all the pieces at once
    /// per configuration; nil when a conversion does not give back one line per piece.
    private static func regionalSpellings(ofEach pieces: [String], opencc: OpenCC) throws -> [[String]]? {
        func convert(_ lines: [String], _ config: OpenCCConfig) throws -> [String]? {
            // Split by scalars: a line that ends with \r would make a Character "\r\n" of the break.
            let converted = try opencc.convert(lines.joined(separator: "\n"), config).unicodeScalars
                .split(separator: "\n", omittingEmptySubsequences: false).map { String(Substring($0)) }
            return converted.count == lines.count ? converted : nil
        }
        // The same conversions as regionalSpellings(of:opencc:), in the same order.
        guard let traditional = try convert(pieces, .s2t), let taiwan = try convert(pieces, .s2twp),
            let fromTraditionalTaiwan = try convert(traditional, .tw2sp), let fromTaiwan = try convert(pieces, .tw2sp),
            let hongKong = try convert(pieces, .s2hk), let fromTraditionalHongKong = try convert(traditional, .hk2s)
        else { return nil }
        return pieces.indices.map {
            [taiwan[$0], fromTraditionalTaiwan[$0], fromTaiwan[$0], hongKong[$0], fromTraditionalHongKong[$0]]
        }
    }
}

/// Spellings already worked out, by the written name and aliases, shared by the threads that prepare
/// documents: a term quoted in many documents is converted by OpenCC once.
final class TopicSpellingsCache: Sendable {
    private let known = Mutex<[[[UInt8]]: Set<String>]>([:])
    /// Past this many names the cache starts again, so that it stays a few MB whatever the corpus.
    private static let capacity = 50_000

    /// ``TopicSpellings/spellings(ofEach:fold:opencc:)``, converting only the topics not met before.
    func spellings(
        ofEach topics: [(name: String, aliases: [String])], fold: FoldTable, opencc: OpenCC
    ) -> [Set<String>] {
        // Keyed by the bytes: String equality is canonical equivalence, and the fold, which works
        // scalar by scalar, may tell canonically equivalent spellings apart.
        let keys = topics.map { ([$0.name] + $0.aliases).map { Array($0.utf8) } }
        var found = known.withLock { known in keys.map { known[$0] } }
        let missing = found.indices.filter { found[$0] == nil }
        guard !missing.isEmpty else { return found.compactMap { $0 } }
        let converted = TopicSpellings.spellings(ofEach: missing.map { topics[$0] }, fold: fold, opencc: opencc)
        known.withLock { known in
            if known.count + missing.count > Self.capacity { known.removeAll() }
            for (index, spellings) in zip(missing, converted) {
                known[keys[index]] = spellings
                found[index] = spellings
            }
        }
        return found.compactMap { $0 }
    }
}
