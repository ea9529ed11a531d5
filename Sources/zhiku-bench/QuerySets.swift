import ZhikuCore

/// One query as a user types it into Zhiku, and as a user of the peer must type it.
struct TypedQuery: Sendable {
    /// What is typed into `zhiku search` and `zhiku speakers --topic`.
    let text: String
    /// The same converted with OpenCC `t2s`: the peer holds simplified text only.
    let simplified: String
}

/// A named set of queries that the report summarises together.
struct QuerySet {
    /// The set's name in the report ("2 chars, traditional").
    let name: String
    /// The queries, in the order drawn.
    let queries: [TypedQuery]
    /// Whether the set is one query timed over many runs (the most common character) rather than
    /// many queries timed once each.
    let isSingleQuery: Bool
}

/// The character that occurs in the most turns, after folding.
struct CommonCharacter {
    /// The character, folded (so simplified).
    let character: String
    /// In how many turns it occurs, and of how many.
    let turns: Int, of: Int
}

/// Draws the benchmark's query sets from the turns.
enum QuerySets {
    /// The query lengths the issue asks for.
    static let lengths = [1, 2, 4]

    /// For each length, `count` distinct runs of Han characters drawn from the turns (frequent ones
    /// more often, as users type them), typed once in simplified and once in traditional; then the
    /// most common character alone.
    static func draw(
        from turns: [StoredTurn], count: Int, seed: UInt64, common: CommonCharacter, opencc: OpenCC
    ) throws -> [QuerySet] {
        var scalars: [Unicode.Scalar] = []
        for turn in turns {
            scalars.append(contentsOf: turn.text.unicodeScalars)
            scalars.append("\n")
        }
        var generator = SplitMix64(seed: seed)
        var sets: [QuerySet] = []
        for length in lengths {
            let drawn = try QuerySampler.queries(
                length: length, count: count, in: scalars, generator: &generator, opencc: opencc)
            // The simplified form is what t2s makes of the drawn text; the traditional one is
            // OpenCC's s2t of that, as a user of traditional script would write it.
            var simplified: [TypedQuery] = []
            var traditional: [TypedQuery] = []
            var seenSimplified = Set<String>()
            var seenTraditional = Set<String>()
            for query in drawn {
                let traditionalText = try opencc.convert(query.simplified, .s2t)
                guard traditionalText.unicodeScalars.count == length else { continue }
                if seenSimplified.insert(query.simplified).inserted {
                    simplified.append(TypedQuery(text: query.simplified, simplified: query.simplified))
                }
                if seenTraditional.insert(traditionalText).inserted {
                    traditional.append(
                        TypedQuery(text: traditionalText, simplified: try opencc.convert(traditionalText, .t2s)))
                }
            }
            let unit = length == 1 ? "char" : "chars"
            sets.append(QuerySet(name: "\(length) \(unit), simplified", queries: simplified, isSingleQuery: false))
            sets.append(QuerySet(name: "\(length) \(unit), traditional", queries: traditional, isSingleQuery: false))
        }
        sets.append(
            QuerySet(
                name: "most common char",
                queries: [TypedQuery(text: common.character, simplified: common.character)], isSingleQuery: true))
        return sets
    }

    /// The Han character (after folding) that occurs in the most turns.
    static func mostCommonCharacter(in turns: [StoredTurn], fold: FoldTable) throws -> CommonCharacter {
        let size = 0x3_0000
        var counts = [Int](repeating: 0, count: size)
        var lastTurn = [Int](repeating: -1, count: size)
        for (index, turn) in turns.enumerated() {
            for scalar in turn.text.unicodeScalars {
                let folded = fold.fold(scalar)
                let value = Int(folded.value)
                guard value < size, lastTurn[value] != index, folded.properties.isIdeographic else { continue }
                lastTurn[value] = index
                counts[value] += 1
            }
        }
        guard let best = counts.indices.max(by: { counts[$0] < counts[$1] }), counts[best] > 0,
            let scalar = Unicode.Scalar(UInt32(best))
        else {
            throw BenchError.inconsistent("the turns hold no Han character")
        }
        return CommonCharacter(character: String(scalar), turns: counts[best], of: turns.count)
    }
}
