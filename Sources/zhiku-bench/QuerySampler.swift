import ZhikuCore

/// SplitMix64: a small generator whose whole sequence follows from its seed, so every run of the
/// benchmark draws the same queries. See <https://prng.di.unimi.it/splitmix64.c>.
struct SplitMix64 {
    private var state: UInt64

    /// A generator starting from `seed`.
    init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    /// A number in `0..<bound`. Plain modulo instead of the standard library's `random(in:using:)`,
    /// whose algorithm may change between Swift versions; the bias is negligible for these bounds.
    mutating func next(below bound: Int) -> Int {
        Int(next() % UInt64(bound))
    }
}

/// One query of a set: the text as drawn from the corpus, and its simplified form for database B.
struct BenchQuery: Sendable {
    /// The Han characters as they occur in the corpus (often traditional): what a user of A types.
    let text: String
    /// The same converted with OpenCC `t2s`: what a user of B must type, since B holds simplified text.
    let simplified: String
}

/// Draws query sets from the corpus: distinct runs of Han characters found in the text, at positions
/// spread over the whole corpus, so frequent characters are drawn more often, as users type them.
enum QuerySampler {
    /// Up to `count` distinct queries of `length` Han characters each, drawn with `generator`.
    ///
    /// A draw picks a random position in the corpus and keeps the `length` characters there when all
    /// are Han (CJK ideographs) and inside one paragraph. Gives up after many misses, so a corpus with
    /// little Han text yields a shorter set rather than a hang.
    static func queries(
        length: Int, count: Int, in scalars: [Unicode.Scalar], generator: inout SplitMix64, opencc: OpenCC
    ) throws -> [BenchQuery] {
        guard scalars.count > length else { return [] }
        var seen = Set<String>()
        var result: [BenchQuery] = []
        var attempts = 0
        while result.count < count && attempts < count * 10_000 {
            attempts += 1
            let start = generator.next(below: scalars.count - length + 1)
            let window = scalars[start..<(start + length)]
            guard window.allSatisfy(\.properties.isIdeographic) else { continue }
            var text = String.UnicodeScalarView()
            text.append(contentsOf: window)
            let query = String(text)
            guard seen.insert(query).inserted else { continue }
            result.append(BenchQuery(text: query, simplified: try opencc.convert(query, .t2s)))
        }
        return result
    }

    /// The paragraphs' scalars in one array, a line feed between paragraphs, so that a draw is one
    /// index and a window never spans two paragraphs with only Han characters in it.
    static func scalars(of paragraphs: [Paragraph]) -> [Unicode.Scalar] {
        var scalars: [Unicode.Scalar] = []
        for paragraph in paragraphs {
            scalars.append(contentsOf: paragraph.text.unicodeScalars)
            scalars.append("\n")
        }
        return scalars
    }
}
