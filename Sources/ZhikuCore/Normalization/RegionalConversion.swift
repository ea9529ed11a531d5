import Foundation

/// The conversions behind regional query expansion (芯片 ↔ 晶片, 服务器 ↔ 伺服器), made of OpenCC's
/// own dictionaries but not of its whole configurations.
///
/// OpenCC's `s2twp`, `s2t` and `s2hk` each load `STPhrases.ocd2`, 50,000 phrases that take about
/// 15 ms to read, every time a process starts: three of them made a cold `zhiku search` wait
/// 50 ms before it asked SQLite anything. What the expansion needs of them is the regional phrase
/// tables (`TWPhrases`, a few hundred entries), applied to the traditional forms of the query.
/// Those forms come from the fold read backwards (发 may stand for 發 or 髮, 系 for 係 or 繫), so
/// every traditional reading of the query is looked up, not only the one OpenCC's phrase
/// segmentation picks: 联系 finds 聯絡 through 聯繫, 出租车 finds 計程車. Every spelling is folded
/// afterwards (see ``FoldTable``), so the character tables (`TSCharacters`, variants) would change
/// nothing and are left out.
///
/// Against the stock configurations, of OpenCC's 1,221 regional phrases in either script about one
/// in ten gains a spelling and three lose one (the longer phrase wins: 物理内存 → 實體記憶體); of the
/// 20,000 most frequent two-character words of the benchmark corpus, seven lose the spelling that
/// only the phrase-level `s2t` chose, a traditional character that folds to itself (了解 → 瞭解,
/// 答复 → 答覆): the fold keeps those apart, and without `STPhrases` nothing joins them.
///
/// OpenCC opens configurations from files only, so each is written to a temporary file when it is
/// first loaded; its dictionaries are found in OpenCC's data directory, as those of the stock ones.
enum RegionalConversion: String, CaseIterable, Sendable {
    /// Mainland phrases written in traditional → Taiwan phrases (`TWPhrases`), as in `s2twp`.
    case taiwanPhrases
    /// Taiwan phrases and variants → Mainland phrases (`tw2sp` without `TSCharacters`).
    case mainlandFromTaiwan
    /// Hong Kong phrases and variants → Mainland text (`hk2s` without `TSCharacters`).
    case mainlandFromHongKong

    /// The steps of the conversion, each a group of dictionaries in OpenCC's data directory
    /// (longest match first), applied in order.
    var chain: [[String]] {
        switch self {
        case .taiwanPhrases:
            return [["TWPhrases.ocd2"]]
        case .mainlandFromTaiwan:
            return [["TWPhrasesRev.ocd2", "TWVariantsRevPhrases.ocd2", "TWVariantsRev.ocd2"], ["TSPhrases.ocd2"]]
        case .mainlandFromHongKong:
            return [["HKVariantsRevPhrases.ocd2", "HKVariantsRev.ocd2"], ["TSPhrases.ocd2"]]
        }
    }

    /// The dictionary that segments the text, as in the stock configuration the conversion comes
    /// from; text it does not know stays in one segment.
    var segmentation: String {
        switch self {
        case .taiwanPhrases: return "TWPhrases.ocd2"
        case .mainlandFromTaiwan, .mainlandFromHongKong: return "TSPhrases.ocd2"
        }
    }

    /// The OpenCC configuration. See <https://github.com/BYVoid/OpenCC/blob/master/data/config/tw2sp.json>.
    var configuration: String {
        func dictionary(_ file: String) -> String { "{\"type\": \"ocd2\", \"file\": \"\(file)\"}" }
        func group(_ files: [String]) -> String {
            "{\"type\": \"group\", \"dicts\": [" + files.map(dictionary).joined(separator: ", ") + "]}"
        }
        let steps = chain.map { "{\"dict\": \(group($0))}" }.joined(separator: ", ")
        return """
            {"name": "zhiku \(rawValue)", "segmentation": {"type": "mmseg", "dict": \(dictionary(segmentation))},
             "conversion_chain": [\(steps)]}
            """
    }

    /// Loads the conversion: writes its configuration to a temporary file, opens it, removes it.
    func load() throws -> OpenCCConverter {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(
            "zhiku-\(rawValue)-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString).json"
        ).path
        // Plain stdio: Foundation's Data.write syncs the file to disk, milliseconds for a file that
        // lives for one call.
        let bytes = Array(configuration.utf8)
        guard let file = fopen(path, "wx") else {
            throw ZhikuError.openCCUnavailable(
                config: rawValue,
                reason: "cannot write its configuration to \(path): \(String(cString: strerror(errno)))")
        }
        let written = fwrite(bytes, 1, bytes.count, file)
        fclose(file)
        defer { unlink(path) }
        guard written == bytes.count else {
            throw ZhikuError.openCCUnavailable(config: rawValue, reason: "cannot write its configuration to \(path)")
        }
        return try OpenCCConverter(configFile: path)
    }

    /// The most traditional readings of one piece that are looked up: a word of a few characters
    /// has a handful, and a long one is read with its first characters' alternatives only.
    static let readingLimit = 64

    /// A Han character, by the blocks of ``FoldTable/hanRanges`` (a Unicode property look-up per
    /// character would cost more than the rest of an expansion).
    private static func isHan(_ scalar: Unicode.Scalar) -> Bool {
        FoldTable.hanRanges.contains { $0.contains(scalar.value) }
    }

    /// The spellings of `piece` in the other regions' vocabulary, to be folded by the caller:
    /// Taiwan phrases of Mainland ones, Mainland phrases of Taiwan and Hong Kong ones, whichever
    /// script `piece` is typed in. Empty for text without Han characters, which no regional table
    /// has a key for (so no dictionary is loaded for `28nm` or `MCU`). Remembered with the fold:
    /// ingest expands the same topic names in document after document, each over all its readings.
    static func spellings(of piece: String, fold: FoldTable, opencc: OpenCC) throws -> [String] {
        guard piece.unicodeScalars.contains(where: isHan) else { return [] }
        return try fold.regionalSpellings(of: piece) { try lookUp(piece, fold: fold, opencc: opencc) }
    }

    /// ``spellings(of:fold:opencc:)`` itself, not remembered.
    private static func lookUp(_ piece: String, fold: FoldTable, opencc: OpenCC) throws -> [String] {
        // The phrase tables are keyed by traditional text: look up every traditional reading.
        let readings = traditionalReadings(of: piece, fold: fold)
        // One call per conversion for all readings, a line each; a conversion never joins lines.
        let joined = readings.joined(separator: "\n")
        var spellings: [String] = []
        for conversion in Self.allCases {
            let converted = try opencc.regional(conversion).convert(joined)
            let lines = converted.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            if lines.count == readings.count {
                spellings += lines
            } else {
                spellings += try readings.map { try opencc.regional(conversion).convert($0) }
            }
        }
        return spellings
    }

    /// `piece` as typed, then with each Han character also replaced by its fold and by the other
    /// characters that fold to the same (里 → 裏, 裡), at most ``readingLimit`` combinations.
    static func traditionalReadings(of piece: String, fold: FoldTable) -> [String] {
        var readings: [[Unicode.Scalar]] = [[]]
        for scalar in piece.unicodeScalars {
            var choices = [scalar]
            if isHan(scalar) {
                let folded = fold.fold(scalar)
                for choice in [folded] + fold.hanSources(of: folded) where !choices.contains(choice) {
                    choices.append(choice)
                }
            }
            if readings.count * choices.count > readingLimit { choices = [scalar] }
            readings = readings.flatMap { reading in choices.map { reading + [$0] } }
        }
        return readings.map { String(String.UnicodeScalarView($0)) }
    }
}
