/// Counts of n-grams packed into integers (see ``KeyPhraseFinder``): how often each occurs and in how
/// many documents. An open-addressing table with a multiplicative hash, because counting a corpus
/// sample makes tens of millions of look-ups, which `Dictionary`'s SipHash makes several times slower.
struct NGramTable {
    /// An n-gram's counts.
    struct Count {
        /// Occurrences.
        var count: Int32 = 0
        /// Documents it occurs in, counted as the documents come in order.
        var documents: Int32 = 0
        /// The last document counted.
        var lastDocument: Int32 = -1

        /// Counts one more occurrence, in `document`.
        @inline(__always)
        mutating func add(_ document: Int32) {
            count += 1
            if lastDocument != document {
                documents += 1
                lastDocument = document
            }
        }
    }

    // Key 0 marks an empty slot: no n-gram of ideographs packs to 0.
    private var keys: [UInt64]
    private var values: [Count]
    private var mask: Int
    /// The number of n-grams counted.
    private(set) var count = 0

    /// An empty table with room for about `capacity` n-grams before it grows.
    init(capacity: Int = 1024) {
        var size = 16
        while size * 3 < capacity * 4 { size <<= 1 }
        keys = Array(repeating: 0, count: size)
        values = Array(repeating: Count(), count: size)
        mask = size - 1
    }

    @inline(__always)
    private static func slot(_ key: UInt64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }

    /// Counts an occurrence of `key` (not 0) in `document`.
    @inline(__always)
    mutating func add(_ key: UInt64, document: Int32) {
        // Grown at three quarters full: probes stay short, and the table is most of the finder's memory.
        if count * 4 >= keys.count * 3 { grow() }
        var index = Self.slot(key, mask)
        while true {
            let found = keys[index]
            if found == key {
                values[index].add(document)
                return
            }
            if found == 0 {
                keys[index] = key
                values[index].add(document)
                count += 1
                return
            }
            index = (index + 1) & mask
        }
    }

    /// The counts of `key`, nil if it was never counted.
    @inline(__always)
    subscript(key: UInt64) -> Count? {
        var index = Self.slot(key, mask)
        while true {
            let found = keys[index]
            if found == key { return values[index] }
            if found == 0 { return nil }
            index = (index + 1) & mask
        }
    }

    /// The n-grams that occur at least `minimum` times, with their counts: all that later look-ups
    /// need once a length is counted, in a fraction of the memory (most n-grams occur once or twice).
    func frequent(minimum: Int32) -> NGramTable {
        var kept = 0
        for index in keys.indices where keys[index] != 0 && values[index].count >= minimum { kept += 1 }
        var table = NGramTable(capacity: kept)
        for index in keys.indices where keys[index] != 0 && values[index].count >= minimum {
            table.insert(keys[index], values[index])
        }
        return table
    }

    private mutating func insert(_ key: UInt64, _ value: Count) {
        if count * 4 >= keys.count * 3 { grow() }
        var slot = Self.slot(key, mask)
        while keys[slot] != 0 { slot = (slot + 1) & mask }
        keys[slot] = key
        values[slot] = value
        count += 1
    }

    /// Calls `body` with every n-gram and its counts, in no particular order.
    func forEach(_ body: (UInt64, Count) throws -> Void) rethrows {
        for index in keys.indices where keys[index] != 0 { try body(keys[index], values[index]) }
    }

    private mutating func grow() {
        let oldKeys = keys
        let oldValues = values
        let size = keys.count * 2
        keys = Array(repeating: 0, count: size)
        values = Array(repeating: Count(), count: size)
        mask = size - 1
        for index in oldKeys.indices where oldKeys[index] != 0 {
            var slot = Self.slot(oldKeys[index], mask)
            while keys[slot] != 0 { slot = (slot + 1) & mask }
            keys[slot] = oldKeys[index]
            values[slot] = oldValues[index]
        }
    }
}

/// Numbers for n-gram keys (not 0), in an open-addressing table like ``NGramTable``'s: looked up for
/// every n-gram of a sample.
struct NGramIndex {
    private var keys: [UInt64]
    private var numbers: [Int]
    private let mask: Int

    /// An empty index for `capacity` keys; it does not grow.
    init(capacity: Int) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        keys = Array(repeating: 0, count: size)
        numbers = Array(repeating: 0, count: size)
        mask = size - 1
    }

    @inline(__always)
    private static func slot(_ key: UInt64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }

    /// Numbers `key`; at most `capacity` keys.
    mutating func insert(_ key: UInt64, number: Int) {
        var slot = Self.slot(key, mask)
        while keys[slot] != 0 && keys[slot] != key { slot = (slot + 1) & mask }
        keys[slot] = key
        numbers[slot] = number
    }

    /// The number of `key`, nil if it has none.
    @inline(__always)
    subscript(key: UInt64) -> Int? {
        var slot = Self.slot(key, mask)
        while true {
            let found = keys[slot]
            if found == key { return numbers[slot] }
            if found == 0 { return nil }
            slot = (slot + 1) & mask
        }
    }
}
