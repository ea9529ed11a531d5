import Foundation

/// Finds key phrases from statistics over a corpus, with no word list: runs of two to four Han
/// characters that occur often, in several documents, hold together (their characters occur together
/// far more often than chance: pointwise mutual information), and stand free (many different
/// characters before and after them: boundary entropy). The most frequent characters of the corpus
/// itself (的, 是, 我 …) may not begin or end a phrase, and a title or role (政委, 主持人) is not one.
struct KeyPhraseFinder {
    /// How many phrases to keep.
    var limit = 200
    /// A phrase must occur at least this often, and in at least this many documents.
    var minimumCount = 5
    var minimumDocuments = 2
    /// Thresholds of cohesion (natural log) and of freedom on each side (natural log).
    var minimumCohesion = 3.0
    var minimumEntropy = 1.2
    /// How many of the most frequent characters may not start or end a phrase.
    var edgeStopCharacters = 40

    /// The key phrases of `texts` (turns' text, with the index of their document), compared folded
    /// with `fold`, best first, each as first written. The texts are folded as they are read, not
    /// kept folded beside the original: a sample is millions of characters.
    func phrases(in texts: [(document: Int, original: [Unicode.Scalar])], fold: FoldTable) -> [String] {
        // Documents renumbered densely, in order of appearance: only their identity counts.
        var documentNumbers: [Int: Int32] = [:]
        // The runs of two or more ideographs of the folded texts, one after another: run r is
        // runScalars[runStarts[r]..<runStarts[r + 1]], from document runDocuments[r]. Flat arrays,
        // because a sample has hundreds of thousands of runs.
        var runScalars: [Unicode.Scalar] = []
        var runStarts: [Int] = [0]
        var runDocuments: [Int32] = []
        var written: [UInt64: String] = [:]
        // One buffer for the folded form of the text at hand.
        var folded: [Unicode.Scalar] = []
        func foldIntoBuffer(_ text: [Unicode.Scalar]) {
            folded.removeAll(keepingCapacity: true)
            folded.append(contentsOf: text.lazy.map(fold.fold))
        }
        for text in texts {
            let document =
                documentNumbers[text.document]
                ?? {
                    let number = Int32(documentNumbers.count)
                    documentNumbers[text.document] = number
                    return number
                }()
            foldIntoBuffer(text.original)
            for run in folded.split(whereSeparator: { !Self.isIdeographic($0) }) where run.count >= 2 {
                runScalars.append(contentsOf: run)
                runStarts.append(runScalars.count)
                runDocuments.append(document)
            }
        }
        let documentCount = documentNumbers.count
        let runCount = runDocuments.count
        var tables: [NGramTable] = Array(repeating: NGramTable(capacity: 16), count: 5)
        let total = runScalars.count
        guard total > 0 else { return [] }
        // The n-gram key at each position of each run, built from the (n-1)-gram keys in place by
        // shifting in one more character, length after length; `invalid` marks grams with a
        // character outside the BMP, which a key cannot hold, or (past unigrams) a rare part.
        let invalid = UInt64.max
        var keys = runScalars.map { $0.value <= 0xFFFF ? UInt64($0.value) : invalid }
        var unigrams = NGramTable(capacity: 1 << 14)
        for run in 0..<runCount {
            for position in runStarts[run]..<runStarts[run + 1] where keys[position] != invalid {
                unigrams.add(keys[position], document: runDocuments[run])
            }
        }
        // All characters, for the stop list; longer n-grams below `minimumCount` are neither
        // candidates nor parts of one (a part occurs at least as often as the whole), so each length
        // keeps only its frequent n-grams once counted: most occur once or twice.
        tables[1] = unigrams
        let minimumCount = Int32(clamping: minimumCount)
        let minimumDocuments = Int32(clamping: minimumDocuments)
        // Apriori: an n-gram can be frequent only if both its (n-1)-grams are.
        for length in 2...4 {
            let previous = tables[length - 1]
            var current = NGramTable(capacity: previous.count)
            for run in 0..<runCount {
                let start = runStarts[run]
                // The run's (length-1)-gram keys.
                let count = runStarts[run + 1] - start - (length - 2)
                guard count >= 2 else { continue }
                let document = runDocuments[run]
                // Whether the gram at a position is frequent, carried to the next as its left part.
                var leftFrequent = keys[start] != invalid && previous[keys[start]]?.count ?? 0 >= minimumCount
                for position in start..<(start + count - 1) {
                    let left = keys[position]
                    let right = keys[position + 1]
                    let rightFrequent = right != invalid && previous[right]?.count ?? 0 >= minimumCount
                    if leftFrequent, rightFrequent, left != invalid {
                        let key = left << 16 | (right & 0xFFFF)
                        keys[position] = key
                        current.add(key, document: document)
                    } else {
                        keys[position] = invalid
                    }
                    leftFrequent = rightFrequent
                }
            }
            tables[length] = current.frequent(minimum: minimumCount)
        }
        // Counted: the keys of every position (8 bytes a character) are not needed past here.
        keys = []

        // The characters in most documents, and among those in every document (in a small corpus,
        // far more than the stop list holds) the most frequent: 这 of 這一塊 before a rarer one.
        var unigramDocuments: [(key: UInt64, documents: Int32, count: Int32)] = []
        tables[1].forEach { key, value in unigramDocuments.append((key, value.documents, value.count)) }
        let stop = Set(
            unigramDocuments.sorted {
                ($0.documents, $0.count, $1.key) > ($1.documents, $1.count, $0.key)
            }.prefix(edgeStopCharacters).map(\.key))
        var candidates: [UInt64: (length: Int, count: Int)] = [:]
        for length in 2...4 {
            tables[length].forEach { key, value in
                guard value.count >= minimumCount, value.documents >= minimumDocuments,
                    !Self.personWords.contains(key)
                else { return }
                let scalars = Self.scalars(key, length: length)
                guard let first = scalars.first, let last = scalars.last, !stop.contains(UInt64(first)),
                    !stop.contains(UInt64(last))
                else { return }
                // Cohesion: the weakest split must still be far above chance.
                var cohesion = Double.infinity
                for split in 1..<length {
                    guard let left = Self.key(scalars[..<split].compactMap(Unicode.Scalar.init)),
                        let right = Self.key(scalars[split...].compactMap(Unicode.Scalar.init))
                    else { continue }
                    let leftCount = Double(tables[split][left]?.count ?? 1)
                    let rightCount = Double(tables[length - split][right]?.count ?? 1)
                    cohesion = min(cohesion, log(Double(value.count) * Double(total) / (leftCount * rightCount)))
                }
                if cohesion >= minimumCohesion { candidates[key] = (length, Int(value.count)) }
            }
        }

        // Freedom: count the characters seen just before and after each candidate, in tables keyed by
        // the candidate's number and the neighbouring character.
        let candidateKeys = Array(candidates.keys)
        var candidateNumbers = NGramIndex(capacity: candidateKeys.count)
        for (number, key) in candidateKeys.enumerated() { candidateNumbers.insert(key, number: number) }
        var before = NGramTable(capacity: candidateKeys.count * 8)
        var after = NGramTable(capacity: candidateKeys.count * 8)
        var grams: [UInt64] = []
        for run in 0..<runCount {
            let start = runStarts[run]
            let runLength = runStarts[run + 1] - start
            // Keys of the run's n-grams, rolled forward one length at a time as when counting, but
            // for every n-gram.
            grams.removeAll(keepingCapacity: true)
            for position in start..<(start + runLength) {
                let value = runScalars[position].value
                grams.append(value <= 0xFFFF ? UInt64(value) : invalid)
            }
            var count = runLength
            for length in 2...4 where runLength >= length {
                for position in 0..<(count - 1) {
                    grams[position] =
                        grams[position] == invalid || grams[position + 1] == invalid
                        ? invalid : grams[position] << 16 | (grams[position + 1] & 0xFFFF)
                }
                count -= 1
                for position in 0..<count {
                    let key = grams[position]
                    guard key != invalid, let number = candidateNumbers[key] else { continue }
                    // The edge of a run (punctuation, Latin) counts as a distinct neighbour each time.
                    let previous =
                        position > 0 ? runScalars[start + position - 1].value : UInt32.max - UInt32(position % 1000)
                    let next =
                        position + length < runLength
                        ? runScalars[start + position + length].value : UInt32.max - UInt32(position % 1000)
                    before.add(UInt64(number + 1) << 32 | UInt64(previous), document: 0)
                    after.add(UInt64(number + 1) << 32 | UInt64(next), document: 0)
                }
            }
        }
        var beforeCounts = [[Int]](repeating: [], count: candidateKeys.count)
        var afterCounts = [[Int]](repeating: [], count: candidateKeys.count)
        before.forEach { key, value in beforeCounts[Int(key >> 32) - 1].append(Int(value.count)) }
        after.forEach { key, value in afterCounts[Int(key >> 32) - 1].append(Int(value.count)) }
        var scored: [(key: UInt64, length: Int, count: Int, score: Double)] = []
        for (number, key) in candidateKeys.enumerated() {
            guard let candidate = candidates[key] else { continue }
            let freedom = min(Self.entropy(beforeCounts[number]), Self.entropy(afterCounts[number]))
            guard freedom >= minimumEntropy else { continue }
            // Words spread over most documents (非常, 可能) are the language, not its subjects.
            let documents = tables[candidate.length][key].map { Int($0.documents) } ?? documentCount
            if documentCount >= 6, documents * 2 > documentCount { continue }
            let rarity = log(Double(documentCount + 1) / Double(documents))
            scored.append((key, candidate.length, candidate.count, log(Double(candidate.count)) * freedom * rarity))
        }
        // A phrase that nearly always occurs inside a longer one is that longer phrase's fragment:
        // for each phrase inside a longer one, the count of the most frequent phrase around it.
        var around: [UInt64: Int] = [:]
        for longer in scored where longer.length > 2 {
            let scalars = Self.scalars(longer.key, length: longer.length)
            for length in 2..<longer.length {
                for start in 0...(longer.length - length) {
                    let inner = scalars[start..<(start + length)].reduce(UInt64(0)) { $0 << 16 | UInt64($1) }
                    around[inner] = max(around[inner] ?? 0, longer.count)
                }
            }
        }
        let maximal = scored.filter { phrase in
            guard let count = around[phrase.key] else { return true }
            return Double(count) < 0.8 * Double(phrase.count)
        }
        let best = maximal.sorted { $0.score > $1.score || ($0.score == $1.score && $0.key < $1.key) }.prefix(limit)
        // Name each phrase as it is first written: the folded form (什幺) is for matching, not reading.
        var wanted = NGramIndex(capacity: best.count)
        for (number, phrase) in best.enumerated() { wanted.insert(phrase.key, number: number) }
        for text in texts where written.count < best.count {
            foldIntoBuffer(text.original)
            for length in 2...4 where folded.count >= length {
                for start in 0...(folded.count - length) {
                    guard let key = Self.key(folded[start..<(start + length)]), wanted[key] != nil,
                        written[key] == nil
                    else { continue }
                    written[key] = String(String.UnicodeScalarView(text.original[start..<(start + length)]))
                }
            }
        }
        return best.map {
            written[$0.key]
                ?? String(
                    String.UnicodeScalarView(Self.scalars($0.key, length: $0.length).compactMap(Unicode.Scalar.init)))
        }
    }

    /// Titles, roles and forms of address (政委, 主持人, 先生), as keys: frequent and cohesive, they
    /// name the people of a transcript, not what it is about.
    private static let personWords: Set<UInt64> = Set(
        TitledName.titles.union(LabelVocabulary.roleWords).union(["先生", "女士", "小姐", "同仁", "各位"]).compactMap {
            word in
            (2...4).contains(word.unicodeScalars.count) ? key(word.unicodeScalars) : nil
        })

    /// Packs up to four BMP scalars into one integer; nil for characters outside the BMP.
    private static func key(_ scalars: some Collection<Unicode.Scalar>) -> UInt64? {
        var key: UInt64 = 0
        for scalar in scalars {
            guard scalar.value <= 0xFFFF else { return nil }
            key = key << 16 | UInt64(scalar.value)
        }
        return key
    }

    private static func scalars(_ key: UInt64, length: Int) -> [UInt32] {
        (0..<length).reversed().map { UInt32((key >> (16 * UInt64($0))) & 0xFFFF) }
    }

    /// Whether a scalar is an ideograph, looked up in a bit set for the BMP: the property look-up
    /// runs for every character of the sample.
    private static let ideographs: [UInt64] = {
        var bits = [UInt64](repeating: 0, count: 0x1_0000 / 64)
        for value in 0..<UInt32(0x1_0000) {
            if let scalar = Unicode.Scalar(value), scalar.properties.isIdeographic {
                bits[Int(value) >> 6] |= 1 << UInt64(value & 63)
            }
        }
        return bits
    }()

    @inline(__always)
    private static func isIdeographic(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        guard value < 0x1_0000 else { return scalar.properties.isIdeographic }
        return ideographs[Int(value) >> 6] & (1 << UInt64(value & 63)) != 0
    }

    private static func entropy(_ counts: [Int]) -> Double {
        // Summed in a fixed order, so that the result does not depend on the tables'.
        let values = counts.sorted()
        let total = Double(values.reduce(0, +))
        guard total > 0 else { return 0 }
        return -values.reduce(0) { sum, count in
            let p = Double(count) / total
            return sum + p * log(p)
        }
    }
}
