import ZhikuSQLite

/// How search orders the turns that match: bm25 without the inverse document frequency, each term
/// counted once whatever its spelling.
///
/// FTS5's own `bm25()` weighs each phrase of the query by how rare it is in the whole table, and
/// counts that with one more pass over every row the phrase matches, before the first row is
/// scored: for a phrase of common characters (有人要來) that pass costs as much as the query
/// itself. Zhiku's queries are one phrase per term and per regional spelling, and the user asked
/// for every term alike, so here each term weighs the same and the score needs nothing but the row:
/// for each term, the occurrences `f` of all its spellings (芯片 and 晶片 are one word) in the turn,
/// saturated and normalised by the turn's length against the mean (k1 = 1.2, b = 0.75, as FTS5's
/// bm25):
///
///     score = Σ f × (k1 + 1) / (f + k1 × (1 − b + b × tokens / mean tokens))
///
/// For a query of one term with one spelling, the order is the same as `bm25()`'s.
/// See <https://www.sqlite.org/fts5.html#the_bm25_function>.
enum SearchRanking {
    /// The name of the FTS5 auxiliary function on Zhiku's connections: `zhiku_rank(turn_fts, terms)`,
    /// higher is better, where `terms` lists how many phrases (spellings) each term has, in the
    /// order of the MATCH expression (``SearchQuery/phrasesPerTerm``): `'2,1'`.
    static let functionName = "zhiku_rank"
    private static let k1 = 1.2
    private static let b = 0.75

    /// Defines ``functionName`` on `connection`.
    static func register(on connection: Connection) throws {
        try connection.createFTS5Function(functionName) { row in
            let mean = try row.meanTokenCount()
            let relativeLength = mean > 0 ? Double(try row.tokenCount()) / mean : 1
            let norm = k1 * (1 - b + b * relativeLength)
            func weight(_ hits: Int) -> Double { hits == 0 ? 0 : Double(hits) * (k1 + 1) / (Double(hits) + norm) }
            // Most queries are one phrase: its count needs no list of instances.
            if row.phraseCount == 1 { return weight(try row.instanceCount()) }
            let hits = try row.phraseHits()
            var terms: [Int] = []
            if case .text(let list) = row.arguments.first {
                terms = list.split(separator: ",").compactMap { Int($0) }
            }
            // Without a usable list, each phrase is a term of its own.
            if terms.reduce(0, +) != hits.count { terms = Array(repeating: 1, count: hits.count) }
            var score = 0.0
            var phrase = 0
            for count in terms {
                score += weight(hits[phrase..<(phrase + count)].reduce(0, +))
                phrase += count
            }
            return score
        }
    }
}
