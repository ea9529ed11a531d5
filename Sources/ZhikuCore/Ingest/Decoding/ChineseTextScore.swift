/// How much a decoded text looks like real Chinese: the share of its Han characters that are common ones.
///
/// Used to choose between GB18030 and Big5-HKSCS, which both decode most double-byte data without error.
/// Big5 bytes read as GB18030 turn into rare characters, kana and private-use characters, and GB bytes read
/// as Big5 into rare characters of Big5's second level; real text of either script is almost all common
/// characters.
struct ChineseTextScore: Sendable, Equatable {
    /// Han characters in the text (CJK unified ideographs, extensions A and beyond, compatibility ideographs).
    var han = 0
    /// Han characters among the common simplified or traditional ones (``CommonHanCharacters``).
    var common = 0
    /// Private-use characters, which no real text contains but misread double-byte data often does.
    var privateUse = 0

    /// Common Han characters as a fraction of all Han and private-use characters; 1 when there are none.
    var fraction: Double {
        let total = han + privateUse
        return total == 0 ? 1 : Double(common) / Double(total)
    }

    /// The text has enough Han characters to judge, and too few of them are common: misread bytes.
    var looksMisread: Bool {
        han + privateUse >= 20 && fraction < 0.5
    }

    /// True when this score is better evidence of real text than `other`: a higher fraction, then more
    /// common characters.
    func isBetter(than other: ChineseTextScore) -> Bool {
        if fraction != other.fraction { return fraction > other.fraction }
        return common > other.common
    }

    /// Scores UTF-8 text (as iconv writes it, so known to be valid) against `commonCharacters`.
    init(utf8: [UInt8], commonCharacters: CommonHanCharacters) {
        utf8.withUnsafeBufferPointer { bytes in
            var index = 0
            let count = bytes.count
            while index < count {
                let lead = UInt32(bytes[index])
                var scalar: UInt32
                if lead < 0xE0 {
                    // ASCII and two-byte sequences (U+0000–U+07FF): neither Han nor private use.
                    index += lead < 0x80 ? 1 : 2
                    continue
                } else if lead < 0xF0, index + 2 < count {
                    scalar = (lead & 0x0F) << 12 | (UInt32(bytes[index + 1]) & 0x3F) << 6
                    scalar |= UInt32(bytes[index + 2]) & 0x3F
                    index += 3
                } else if index + 3 < count {
                    scalar = (lead & 0x07) << 18 | (UInt32(bytes[index + 1]) & 0x3F) << 12
                    scalar |= (UInt32(bytes[index + 2]) & 0x3F) << 6 | UInt32(bytes[index + 3]) & 0x3F
                    index += 4
                } else {
                    break
                }
                if Self.isHan(scalar) {
                    han += 1
                    if commonCharacters.contains(scalar) { common += 1 }
                } else if Self.isPrivateUse(scalar) {
                    privateUse += 1
                }
            }
        }
    }

    private static func isHan(_ scalar: UInt32) -> Bool {
        switch scalar {
        case 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x3FFFF: return true
        default: return false
        }
    }

    private static func isPrivateUse(_ scalar: UInt32) -> Bool {
        (0xE000...0xF8FF).contains(scalar) || scalar >= 0xF0000
    }
}

/// The common Han characters of both scripts, derived from iconv itself rather than from a hand-written table.
///
/// - Simplified: GB2312 level 1, the byte pairs B0A1–D7FE read as GB2312 (the 3755 most common characters).
/// - Traditional: Big5 level 1, the byte pairs A440–C67E read as BIG5 (the 5401 common characters).
package struct CommonHanCharacters: Sendable {
    /// One bit per code point of the Basic Multilingual Plane, where all of these characters are.
    private var bits = [UInt64](repeating: 0, count: 0x10000 / 64)
    /// How many characters GB2312 level 1 gave.
    private(set) var simplifiedCount = 0
    /// How many characters Big5 level 1 gave.
    private(set) var traditionalCount = 0

    /// The sets of this C library, computed on first use: they are a pure function of iconv, so one computation
    /// serves the whole process (Swift initialises a static once, atomically).
    static let derived = Result { () throws(IconvDecoder.Unavailable) in try derive() }

    /// How many characters the simplified and traditional sets were derived with (3755 and 5401 when iconv has
    /// GB2312 and BIG5), or nil when iconv lacks them.
    package static var derivedCounts: (simplified: Int, traditional: Int)? {
        guard case .success(let characters) = derived else { return nil }
        return (characters.simplifiedCount, characters.traditionalCount)
    }

    /// True when `scalar` is one of the common characters.
    func contains(_ scalar: UInt32) -> Bool {
        guard scalar < 0x10000 else { return false }
        return bits[Int(scalar >> 6)] & (1 << (scalar & 63)) != 0
    }

    private mutating func insert(_ scalar: UInt32) {
        guard scalar < 0x10000 else { return }
        bits[Int(scalar >> 6)] |= 1 << (scalar & 63)
    }

    private static func derive() throws(IconvDecoder.Unavailable) -> CommonHanCharacters {
        var characters = CommonHanCharacters()
        let gb2312 = try IconvDecoder(from: "GB2312")
        for lead in UInt8(0xB0)...0xD7 {
            for trail in UInt8(0xA1)...0xFE {
                if let scalar = decodePair(lead, trail, with: gb2312) {
                    characters.simplifiedCount += 1
                    characters.insert(scalar)
                }
            }
        }
        let big5 = try IconvDecoder(from: "BIG5")
        let trails = Array(UInt8(0x40)...0x7E) + Array(UInt8(0xA1)...0xFE)
        for lead in UInt8(0xA4)...0xC6 {
            for trail in trails where lead < 0xC6 || trail <= 0x7E {
                if let scalar = decodePair(lead, trail, with: big5) {
                    characters.traditionalCount += 1
                    characters.insert(scalar)
                }
            }
        }
        return characters
    }

    /// The one Han character a byte pair stands for, or nil when the pair is unassigned.
    private static func decodePair(_ lead: UInt8, _ trail: UInt8, with decoder: IconvDecoder) -> UInt32? {
        let pair = [lead, trail]
        let utf8 = pair.withUnsafeBufferPointer { try? decoder.convert($0) }
        guard let utf8, let text = String(validating: utf8, as: UTF8.self) else { return nil }
        let scalars = text.unicodeScalars
        guard scalars.count == 1, let scalar = scalars.first else { return nil }
        return scalar.value
    }
}
