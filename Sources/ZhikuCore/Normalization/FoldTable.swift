import Foundation
import Synchronization

/// The per-character fold behind identity and search: traditional → simplified (from OpenCC),
/// compatibility and width forms → their plain form (NFKC), upper → lower case.
///
/// Every mapping takes one Unicode scalar to one Unicode scalar, so a folded text has exactly as
/// many scalars as its original and an offset in one is an offset in the other. That is what lets
/// snippets and highlights be cut from the original text.
///
/// The table is derived from OpenCC when a database is created and then stored in it, so the index
/// and every later query agree whatever OpenCC version is installed later.
public struct FoldTable: Sendable {
    /// Direct lookup for the Basic Multilingual Plane, where almost all text lives.
    private let basic: [UInt32]
    private let supplementary: [UInt32: UInt32]
    /// The mappings that change a character, source scalar → target scalar.
    public let mappings: [UInt32: UInt32]
    /// The Han characters that fold to each Han character, built on first use, and the regional
    /// spellings looked up through them.
    private let inverse = InverseFold()

    /// A table from explicit mappings; scalars not named fold to themselves.
    public init(mappings: [UInt32: UInt32]) {
        var basic = (0..<UInt32(0x1_0000)).map { $0 }
        var supplementary: [UInt32: UInt32] = [:]
        for (source, target) in mappings where source != target {
            if source < 0x1_0000 { basic[Int(source)] = target } else { supplementary[source] = target }
        }
        self.basic = basic
        self.supplementary = supplementary
        // A table read from a database has no identity mappings: keep it without a copy.
        self.mappings = mappings.contains { $0.key == $0.value } ? mappings.filter { $0.key != $0.value } : mappings
    }

    /// The folded form of one scalar.
    @inline(__always)
    public func fold(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        let value = scalar.value
        let folded = value < 0x1_0000 ? basic[Int(value)] : (supplementary[value] ?? value)
        return Unicode.Scalar(folded) ?? scalar
    }

    /// The folded form of a text, scalar by scalar.
    public func fold(_ text: some StringProtocol) -> String {
        String(utf8Encoding: text.unicodeScalars.lazy.map(fold))
    }

    /// The unified Han ideographs other than `scalar` that fold to it (发 → 發, 髮), in scalar order:
    /// the traditional forms a simplified character may stand for.
    func hanSources(of scalar: Unicode.Scalar) -> [Unicode.Scalar] {
        inverse.sources(of: scalar.value, mappings: mappings)
    }

    /// The regional spellings of `piece` (see ``RegionalConversion``), computed by `compute` once per
    /// table: ingest expands the same topic names in document after document.
    func regionalSpellings(of piece: String, _ compute: () throws -> [String]) rethrows -> [String] {
        if let known = inverse.spellings.withLock({ $0[piece] }) { return known }
        let spellings = try compute()
        inverse.spellings.withLock { $0[piece] = spellings }
        return spellings
    }
}

/// The fold read backwards, for Han characters only, built once per table on first use: the pairs
/// (target, source) in one sorted array, found by binary search.
private final class InverseFold: Sendable {
    private let pairs = Mutex<[UInt64]?>(nil)
    /// Regional spellings by the piece they were made of.
    let spellings = Mutex<[String: [String]]>([:])

    func sources(of target: UInt32, mappings: [UInt32: UInt32]) -> [Unicode.Scalar] {
        pairs.withLock { pairs in
            if pairs == nil {
                pairs = mappings.compactMap { source, folded in
                    Self.isUnifiedHan(source) ? UInt64(folded) << 32 | UInt64(source) : nil
                }.sorted()
            }
            guard let sorted = pairs else { return [] }
            // The first pair whose target is `target`, then every one after it with that target.
            var low = 0
            var high = sorted.count
            while low < high {
                let middle = (low + high) / 2
                if sorted[middle] >> 32 < UInt64(target) { low = middle + 1 } else { high = middle }
            }
            var sources: [Unicode.Scalar] = []
            while low < sorted.count, sorted[low] >> 32 == UInt64(target) {
                if let scalar = Unicode.Scalar(UInt32(truncatingIfNeeded: sorted[low])) { sources.append(scalar) }
                low += 1
            }
            return sources
        }
    }

    /// A unified ideograph: in the blocks of ``FoldTable/hanRanges`` other than the radicals and the
    /// compatibility ideographs (U+F900 …), which only NFKC produces. By range, not by Unicode
    /// property: this runs over every mapping when a process first expands a query.
    private static func isUnifiedHan(_ value: UInt32) -> Bool {
        switch value {
        case 0x3400...0x4DBF, 0x4E00...0x9FFF, 0x2_0000...0x2_F7FF, 0x3_0000...0x3_134F: return true
        default: return false
        }
    }
}

extension FoldTable {
    /// Derives the fold from the installed OpenCC: for each Han character, OpenCC's `t2s`
    /// (and, where `t2s` leaves it alone, `tw2s` and `hk2s`, which know regional variant forms);
    /// for other characters, NFKC and lower case. Mappings whose result is not one scalar are left
    /// out, and chains are followed so that folding twice changes nothing.
    public static func derive(using opencc: OpenCC) throws -> FoldTable {
        FoldTable(mappings: try opencc.derivedFoldMappings { try deriveMappings(opencc) })
    }

    private static func deriveMappings(_ opencc: OpenCC) throws -> [UInt32: UInt32] {
        var mappings: [UInt32: UInt32] = [:]

        // Width, compatibility forms and case, for everything but the unified ideographs.
        for scalar in scalars(in: compatibilityRanges) {
            if let single = singleScalar(String(scalar).precomposedStringWithCompatibilityMapping),
                single != scalar
            {
                mappings[scalar.value] = single.value
            }
        }
        for scalar in scalars(in: [0...0x2_FFFF]) where scalar.properties.changesWhenLowercased {
            let start = mappings[scalar.value].flatMap(Unicode.Scalar.init) ?? scalar
            if let lower = singleScalar(start.properties.lowercaseMapping), lower != start {
                mappings[scalar.value] = lower.value
            }
        }

        // Traditional → simplified, one bulk conversion per configuration.
        let han = scalars(in: hanRanges).map { mappings[$0.value].flatMap(Unicode.Scalar.init) ?? $0 }
        let hanSources = scalars(in: hanRanges)
        var remaining = Array(zip(hanSources, han))
        for config in [OpenCCConfig.t2s, .tw2s, .hk2s] {
            let converted = try convertEach(remaining.map(\.1), with: opencc.converter(config))
            var unchanged: [(Unicode.Scalar, Unicode.Scalar)] = []
            for ((source, input), output) in zip(remaining, converted) {
                if let output, output != input {
                    mappings[source.value] = output.value
                } else {
                    unchanged.append((source, input))
                }
            }
            remaining = unchanged
        }

        // Follow chains (A → B → C becomes A → C) so that the fold is idempotent.
        for source in Array(mappings.keys) {
            var target = mappings[source] ?? source
            var steps = 0
            while let next = mappings[target], next != target, steps < 8 {
                target = next
                steps += 1
            }
            mappings[source] = target
        }
        return mappings.filter { $0.key != $0.value }
    }

    /// Converts each scalar on its own line in one OpenCC call; nil where the result is not one scalar.
    private static func convertEach(
        _ input: [Unicode.Scalar], with converter: OpenCCConverter
    ) throws -> [Unicode.Scalar?] {
        let text = String(utf8Encoding: input.lazy.flatMap { [$0, "\n"] })
        let lines = try converter.convert(text).split(separator: "\n", omittingEmptySubsequences: false)
        // A conversion never merges lines; if it ever did, keep nothing rather than misalign.
        guard lines.count == input.count + 1 else { return input.map { _ in nil } }
        return lines.dropLast().map { singleScalar($0) }
    }

    private static func singleScalar(_ text: some StringProtocol) -> Unicode.Scalar? {
        var iterator = text.unicodeScalars.makeIterator()
        guard let first = iterator.next(), iterator.next() == nil else { return nil }
        return first
    }

    private static func scalars(in ranges: [ClosedRange<UInt32>]) -> [Unicode.Scalar] {
        ranges.flatMap { $0.compactMap(Unicode.Scalar.init) }
    }

    /// Blocks with Han characters: radicals, unified ideographs and extensions A–H, compatibility ideographs.
    static let hanRanges: [ClosedRange<UInt32>] = [
        0x2E80...0x2FDF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF,
        0x2_0000...0x3_134F, 0x2_F800...0x2_FA1F,
    ]

    /// Blocks where NFKC changes characters that occur in Chinese text: Latin-1, letter-like and
    /// enclosed forms, CJK symbols, compatibility ideographs, half- and full-width forms, mathematical
    /// alphanumerics.
    static let compatibilityRanges: [ClosedRange<UInt32>] = [
        0x00A0...0x024F, 0x2000...0x33FF, 0xF900...0xFFEF, 0x1_D400...0x1_D7FF, 0x1_F100...0x1_F1FF,
        0x2_F800...0x2_FA1F,
    ]
}
