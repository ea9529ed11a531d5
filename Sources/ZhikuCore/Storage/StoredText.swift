/// Text read back from the database for a scan of the corpus, decoded straight from the UTF-8 bytes
/// SQLite holds: no `String` is made for a document's text only to be taken apart again.
enum StoredText {
    /// The Unicode scalars of `bytes`. Offsets in the database count these scalars, as SQLite's
    /// `substr()` does.
    ///
    /// Ingest writes only valid UTF-8; bytes that are not (written by another program) are decoded as
    /// `String(decoding:as:)` would, with U+FFFD for each bad sequence.
    static func scalars(_ bytes: UnsafeBufferPointer<UInt8>) -> [Unicode.Scalar] {
        // Each scalar starts with a byte that is not a continuation byte: count them to size the
        // array exactly, then decode into it.
        var count = 0
        for byte in bytes where byte & 0xC0 != 0x80 { count += 1 }
        var valid = true
        let scalars = [Unicode.Scalar](unsafeUninitializedCapacity: count) { buffer, initialized in
            var input = 0
            var output = 0
            let end = bytes.count
            while input < end, output < count {
                let lead = UInt32(bytes[input])
                var value: UInt32 = 0
                var length = 1
                var minimum: UInt32 = 0
                switch lead {
                case 0..<0x80:
                    buffer[output] = Unicode.Scalar(UInt8(lead))
                    output += 1
                    input += 1
                    continue
                case 0xC2..<0xE0: (value, length, minimum) = (lead & 0x1F, 2, 0x80)
                case 0xE0..<0xF0: (value, length, minimum) = (lead & 0x0F, 3, 0x800)
                case 0xF0..<0xF5: (value, length, minimum) = (lead & 0x07, 4, 0x1_0000)
                default:
                    valid = false
                    break
                }
                guard valid, input + length <= end else {
                    valid = false
                    break
                }
                for offset in 1..<length {
                    let byte = UInt32(bytes[input + offset])
                    guard byte & 0xC0 == 0x80 else {
                        valid = false
                        break
                    }
                    value = value << 6 | (byte & 0x3F)
                }
                guard valid, value >= minimum, let scalar = Unicode.Scalar(value) else {
                    valid = false
                    break
                }
                buffer[output] = scalar
                output += 1
                input += length
            }
            if input != end || output != count { valid = false }
            // What is not decoded is still initialised, so that the array can be released.
            for index in output..<count { buffer[index] = "\u{FFFD}" }
            initialized = count
        }
        if valid { return scalars }
        return Array(String(decoding: bytes, as: UTF8.self).unicodeScalars)
    }
}
