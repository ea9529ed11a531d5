/// Percent-decoding that refuses what does not decode to valid UTF-8, instead of passing on
/// replacement characters: a name that lost characters would answer a different question.
enum PercentDecoding {
    /// The text of `encoded`, or nil for a malformed escape or bytes that are not UTF-8.
    static func decode(_ encoded: Substring, plusIsSpace: Bool) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(encoded.utf8.count)
        var iterator = encoded.utf8.makeIterator()
        while let byte = iterator.next() {
            switch byte {
            case UInt8(ascii: "+") where plusIsSpace: bytes.append(UInt8(ascii: " "))
            case UInt8(ascii: "%"):
                guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else {
                    return nil
                }
                bytes.append(high << 4 | low)
            default: bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}

/// A name taken from the request path (`/api/show/speaker/陳蜀傑`), percent-decoded strictly.
enum PathParameter {
    /// The decoded text; a path name that is not valid UTF-8, or that could step out of its place
    /// (`..`, a slash), is refused.
    static func decode(_ raw: Substring) throws(APIError) -> String {
        guard let decoded = PercentDecoding.decode(raw, plusIsSpace: false) else {
            throw APIError.badRequest("the name in the path is not valid percent-encoded UTF-8")
        }
        guard !decoded.isEmpty, decoded != ".", decoded != "..", !decoded.contains("/"), !decoded.contains("\\") else {
            throw APIError.badRequest("the name in the path may not be empty, '.', '..' or contain a slash")
        }
        return decoded
    }
}
