/// The brute-force reference of the query benchmark: every turn's text, transformed (folded, or
/// converted to simplified), in one array of Unicode scalars, searched for a plain substring.
///
/// Turns are separated by a line feed, which no query contains, so that a match never spans two
/// turns. Nothing is skipped or normalised beyond the transformation: this is what "the turn's
/// text contains the query" means, with no index and no tokenizer in between.
struct SubstringScan {
    private let scalars: [UInt32]
    /// The offset where each turn starts in `scalars`, ascending.
    private let starts: [Int]
    private let ids: [Int64]

    /// A scan over the texts of the turns with ids `ids` (ascending).
    init(ids: [Int64], texts: some Sequence<String>) {
        var scalars: [UInt32] = []
        var starts: [Int] = []
        for text in texts {
            starts.append(scalars.count)
            scalars.append(contentsOf: text.unicodeScalars.lazy.map(\.value))
            scalars.append(0x0A)
        }
        self.scalars = scalars
        self.starts = starts
        self.ids = ids
    }

    /// The ids of the turns whose text contains `needle`, ascending.
    func turns(containing needle: String) -> [Int64] {
        let pattern = needle.unicodeScalars.map(\.value)
        guard let first = pattern.first, !pattern.contains(0x0A) else { return [] }
        var found: [Int64] = []
        scalars.withUnsafeBufferPointer { haystack in
            let end = haystack.count - pattern.count
            var position = 0
            while position <= end {
                // A plain loop over the first scalar, which the compiler keeps tight.
                guard haystack[position] == first else {
                    position += 1
                    continue
                }
                var matched = true
                for index in 1..<pattern.count where haystack[position + index] != pattern[index] {
                    matched = false
                    break
                }
                guard matched else {
                    position += 1
                    continue
                }
                let turn = turnIndex(containing: position)
                found.append(ids[turn])
                // One hit per turn: carry on from the next turn's first scalar.
                position = turn + 1 < starts.count ? starts[turn + 1] : haystack.count
            }
        }
        return found
    }

    /// The index of the turn whose scalars include `position` (binary search over `starts`).
    private func turnIndex(containing position: Int) -> Int {
        var low = 0
        var high = starts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if starts[middle] <= position { low = middle } else { high = middle - 1 }
        }
        return low
    }
}
