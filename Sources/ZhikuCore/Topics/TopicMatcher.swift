/// Finds every mention of known topics in folded text: each topic's name and aliases, in both scripts
/// and their regional forms (芯片 / 晶片), matched as substrings, and as whole words for Latin.
struct TopicMatcher: Sendable {
    /// One spelling of one topic, folded: `length` scalars of ``patternScalars`` from `start`, the
    /// third of them (0 if there are two), which tells most patterns of a slot apart without reading
    /// their scalars, and the next pattern with the same first two scalars (-1: none), in the order
    /// they were added.
    private struct Pattern {
        let topicID: Int64
        let start: Int32
        let length: Int32
        let third: UInt32
        var next: Int32 = -1
    }

    /// Patterns by their first two scalars: a text position is compared only with patterns that can
    /// start there. An open-addressing table (key 0, which no pair of scalars packs to, marks an
    /// empty slot) rather than a Dictionary: a corpus scan looks up every position the filter passes.
    /// Each slot holds the first and last pattern of its list.
    private var pairKeys = [UInt64](repeating: 0, count: 16)
    private var pairLists = [(first: Int32, last: Int32)](repeating: (-1, -1), count: 16)
    private var pairCount = 0
    /// The patterns and their scalars, in flat arrays: a scan compares text with the patterns of
    /// millions of positions, and a pattern's scalars in an array of its own cost a memory load of
    /// their own before the first comparison.
    private var patterns: [Pattern] = []
    private var patternScalars: [Unicode.Scalar] = []
    /// One bit per hashed pair of first two scalars: most text positions start no pattern, and a bit
    /// test rejects them for a fraction of the cost of a dictionary look-up.
    private var pairFilter = [UInt64](repeating: 0, count: Self.filterBits / 64)
    private(set) var topicCount = 0
    private static let filterBits = 1 << 20

    /// Adds a topic with its folded spellings. Spellings shorter than two characters are ignored: a
    /// one-character topic would match almost everywhere.
    mutating func add(topicID: Int64, spellings: Set<String>) {
        topicCount += 1
        for spelling in spellings {
            let scalars = Array(spelling.unicodeScalars)
            guard scalars.count >= 2 else { continue }
            addPattern(scalars, topicID: topicID, key: Self.key(scalars[0], scalars[1]))
            let bit = Self.filterIndex(scalars[0], scalars[1])
            pairFilter[bit >> 6] |= 1 << UInt64(bit & 63)
        }
    }

    private mutating func addPattern(_ scalars: [Unicode.Scalar], topicID: Int64, key: UInt64) {
        if pairCount * 2 >= pairKeys.count {
            // Grown at half full, the lists moved to their slots in the larger table.
            let oldKeys = pairKeys
            let oldLists = pairLists
            pairKeys = Array(repeating: 0, count: oldKeys.count * 2)
            pairLists = Array(repeating: (-1, -1), count: oldKeys.count * 2)
            for (index, oldKey) in oldKeys.enumerated() where oldKey != 0 {
                let slot = emptyOrMatchingSlot(oldKey)
                pairKeys[slot] = oldKey
                pairLists[slot] = oldLists[index]
            }
        }
        let number = Int32(patterns.count)
        patterns.append(
            Pattern(
                topicID: topicID, start: Int32(patternScalars.count), length: Int32(scalars.count),
                third: scalars.count > 2 ? scalars[2].value : 0))
        patternScalars.append(contentsOf: scalars)
        let slot = emptyOrMatchingSlot(key)
        if pairKeys[slot] == 0 {
            pairKeys[slot] = key
            pairCount += 1
            pairLists[slot] = (number, number)
        } else {
            patterns[Int(pairLists[slot].last)].next = number
            pairLists[slot].last = number
        }
    }

    /// The slot holding `key`, or the empty slot where it would go.
    @inline(__always)
    private func emptyOrMatchingSlot(_ key: UInt64) -> Int {
        let mask = pairKeys.count - 1
        var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
        while pairKeys[slot] != 0 && pairKeys[slot] != key { slot = (slot + 1) & mask }
        return slot
    }

    /// The same matcher with the patterns of each pair of first scalars next to each other in memory,
    /// in the order they were added: a scan walks a pair's patterns at every position that starts
    /// one, and patterns added topic by topic lie far apart.
    func compacted() -> TopicMatcher {
        var copy = self
        var reordered: [Pattern] = []
        reordered.reserveCapacity(patterns.count)
        for slot in pairLists.indices where pairKeys[slot] != 0 {
            let first = Int32(reordered.count)
            var number = pairLists[slot].first
            while number >= 0 {
                var pattern = patterns[Int(number)]
                number = pattern.next
                pattern.next = Int32(reordered.count + 1)
                reordered.append(pattern)
            }
            reordered[reordered.count - 1].next = -1
            copy.pairLists[slot] = (first, Int32(reordered.count - 1))
        }
        copy.patterns = reordered
        return copy
    }

    /// The mentions in `folded`, as (topic, range in scalars of `folded`), in the order the topics'
    /// spellings were added at each position.
    func mentions(in folded: [Unicode.Scalar]) -> [(topicID: Int64, range: Range<Int>)] {
        folded.withUnsafeBufferPointer { mentions(in: $0) }
    }

    /// The mentions in `folded`, with ranges counted from the slice's start.
    func mentions(in folded: ArraySlice<Unicode.Scalar>) -> [(topicID: Int64, range: Range<Int>)] {
        folded.withUnsafeBufferPointer { mentions(in: $0) }
    }

    /// The mentions in `folded`, as (topic, range in scalars of `folded`), in the order the topics'
    /// spellings were added at each position.
    func mentions(in folded: UnsafeBufferPointer<Unicode.Scalar>) -> [(topicID: Int64, range: Range<Int>)] {
        guard folded.count >= 2, pairCount > 0 else { return [] }
        var found: [(Int64, Range<Int>)] = []
        patterns.withUnsafeBufferPointer { patterns in
            patternScalars.withUnsafeBufferPointer { patternScalars in
                for start in 0..<(folded.count - 1) {
                    let bit = Self.filterIndex(folded[start], folded[start + 1])
                    guard pairFilter[bit >> 6] & (1 << UInt64(bit & 63)) != 0 else { continue }
                    let slot = emptyOrMatchingSlot(Self.key(folded[start], folded[start + 1]))
                    guard pairKeys[slot] != 0 else { continue }
                    // The topics found at this position so far are the last entries of `found`: each
                    // topic once per position, by its first matching spelling.
                    let foundHere = found.count
                    var number = pairLists[slot].first
                    while number >= 0 {
                        let pattern = patterns[Int(number)]
                        number = pattern.next
                        let length = Int(pattern.length)
                        let end = start + length
                        guard end <= folded.count, length == 2 || folded[start + 2].value == pattern.third else {
                            continue
                        }
                        // The first three scalars are the slot's and the one compared.
                        let scalars = Int(pattern.start)
                        var same = true
                        var offset = 3
                        while offset < length {
                            if folded[start + offset] != patternScalars[scalars + offset] {
                                same = false
                                break
                            }
                            offset += 1
                        }
                        guard same, !found[foundHere...].contains(where: { $0.0 == pattern.topicID }) else { continue }
                        // Latin spellings match whole words: `chip` is not in `chipset`.
                        if Self.isWordScalar(patternScalars[scalars]), start > 0, Self.isWordScalar(folded[start - 1]) {
                            continue
                        }
                        if Self.isWordScalar(patternScalars[scalars + length - 1]), end < folded.count,
                            Self.isWordScalar(folded[end])
                        {
                            continue
                        }
                        found.append((pattern.topicID, start..<end))
                    }
                }
            }
        }
        return found
    }

    /// The table key of a pair of first scalars: never 0, which marks an empty slot.
    private static func key(_ first: Unicode.Scalar, _ second: Unicode.Scalar) -> UInt64 {
        (UInt64(first.value) << 32 | UInt64(second.value)) + 1
    }

    @inline(__always)
    private static func filterIndex(_ first: Unicode.Scalar, _ second: Unicode.Scalar) -> Int {
        Int(truncatingIfNeeded: (first.value &* 0x9E37_79B1 ^ second.value &* 0x85EB_CA6B) >> 12) & (filterBits - 1)
    }

    private static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar))
    }
}
