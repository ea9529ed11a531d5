/// Finds every mention of known topics in folded text: each topic's name and aliases, in both scripts
/// and their regional forms (芯片 / 晶片), matched as substrings, and as whole words for Latin.
struct TopicMatcher: Sendable {
    /// One spelling of one topic, folded.
    struct Pattern: Sendable {
        let scalars: [Unicode.Scalar]
        let topicID: Int64
    }

    /// Patterns by their first two scalars: a text position is compared only with patterns that can
    /// start there. An open-addressing table (key 0, which no pair of scalars packs to, marks an
    /// empty slot) rather than a Dictionary: a corpus scan looks up every position the filter passes.
    private var pairKeys = [UInt64](repeating: 0, count: 16)
    private var pairPatterns = [[Pattern]](repeating: [], count: 16)
    private var pairCount = 0
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
            addPattern(Pattern(scalars: scalars, topicID: topicID), key: Self.key(scalars[0], scalars[1]))
            let bit = Self.filterIndex(scalars[0], scalars[1])
            pairFilter[bit >> 6] |= 1 << UInt64(bit & 63)
        }
    }

    private mutating func addPattern(_ pattern: Pattern, key: UInt64) {
        if pairCount * 2 >= pairKeys.count {
            // Grown at half full, the patterns moved to their slots in the larger table.
            let oldKeys = pairKeys
            let oldPatterns = pairPatterns
            pairKeys = Array(repeating: 0, count: oldKeys.count * 2)
            pairPatterns = Array(repeating: [], count: oldKeys.count * 2)
            for (index, oldKey) in oldKeys.enumerated() where oldKey != 0 {
                let slot = emptyOrMatchingSlot(oldKey)
                pairKeys[slot] = oldKey
                pairPatterns[slot] = oldPatterns[index]
            }
        }
        let slot = emptyOrMatchingSlot(key)
        if pairKeys[slot] == 0 {
            pairKeys[slot] = key
            pairCount += 1
        }
        pairPatterns[slot].append(pattern)
    }

    /// The slot holding `key`, or the empty slot where it would go.
    @inline(__always)
    private func emptyOrMatchingSlot(_ key: UInt64) -> Int {
        let mask = pairKeys.count - 1
        var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
        while pairKeys[slot] != 0 && pairKeys[slot] != key { slot = (slot + 1) & mask }
        return slot
    }

    /// The mentions in `folded`, as (topic, range in scalars of `folded`), longest pattern first at
    /// each position.
    func mentions(in folded: [Unicode.Scalar]) -> [(topicID: Int64, range: Range<Int>)] {
        folded.withUnsafeBufferPointer { mentions(in: $0) }
    }

    /// The mentions in `folded`, with ranges counted from the slice's start.
    func mentions(in folded: ArraySlice<Unicode.Scalar>) -> [(topicID: Int64, range: Range<Int>)] {
        folded.withUnsafeBufferPointer { mentions(in: $0) }
    }

    /// The mentions in `folded`, as (topic, range in scalars of `folded`), longest pattern first at
    /// each position.
    func mentions(in folded: UnsafeBufferPointer<Unicode.Scalar>) -> [(topicID: Int64, range: Range<Int>)] {
        guard folded.count >= 2, pairCount > 0 else { return [] }
        var found: [(Int64, Range<Int>)] = []
        for start in 0..<(folded.count - 1) {
            let bit = Self.filterIndex(folded[start], folded[start + 1])
            guard pairFilter[bit >> 6] & (1 << UInt64(bit & 63)) != 0 else { continue }
            let slot = emptyOrMatchingSlot(Self.key(folded[start], folded[start + 1]))
            guard pairKeys[slot] != 0 else { continue }
            let candidates = pairPatterns[slot]
            // The topics found at this position so far are the last entries of `found`: each topic
            // once per position, by its first matching spelling.
            let foundHere = found.count
            for pattern in candidates where start + pattern.scalars.count <= folded.count {
                let end = start + pattern.scalars.count
                guard !found[foundHere...].contains(where: { $0.0 == pattern.topicID }),
                    folded[start..<end].elementsEqual(pattern.scalars)
                else {
                    continue
                }
                // Latin spellings match whole words: `chip` is not in `chipset`.
                if Self.isWordScalar(pattern.scalars[0]), start > 0, Self.isWordScalar(folded[start - 1]) { continue }
                if let last = pattern.scalars.last, Self.isWordScalar(last), end < folded.count,
                    Self.isWordScalar(folded[end])
                {
                    continue
                }
                found.append((pattern.topicID, start..<end))
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
