#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension TextDecoding {
    /// `bytes[start...]` as a string when they are valid UTF-8, with CRLF and lone CR turned into "\n";
    /// nil when they are not valid UTF-8.
    ///
    /// Validation is Swift's own (`String(validating:as:)`); line ends are rewritten on the bytes, run by run,
    /// and only when there is a carriage return at all.
    static func text(fromUTF8 bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> String? {
        let body = UnsafeBufferPointer(rebasing: bytes[start...])
        guard let base = body.baseAddress, !body.isEmpty else { return "" }
        guard memchr(base, 0x0D, body.count) != nil else { return String(validating: body, as: UTF8.self) }
        return normalizingLineEnds(body).withUnsafeBufferPointer { String(validating: $0, as: UTF8.self) }
    }

    /// A copy of `bytes` with every CRLF and every lone CR replaced by LF. A carriage return is one byte in
    /// UTF-8 and never part of a longer sequence, so this is safe on any UTF-8, valid or not.
    static func normalizingLineEnds(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: bytes.count) { output, initialized in
            initialized = 0
            guard let source = bytes.baseAddress, let target = output.baseAddress else { return }
            let count = bytes.count
            var read = 0
            var written = 0
            while read < count {
                let run: Int
                if let carriageReturn = memchr(source + read, 0x0D, count - read) {
                    run = UnsafeRawPointer(source + read).distance(to: UnsafeRawPointer(carriageReturn))
                } else {
                    run = count - read
                }
                (target + written).initialize(from: source + read, count: run)
                written += run
                read += run
                guard read < count else { break }
                (target + written).initialize(to: 0x0A)
                written += 1
                read += 1
                if read < count, source[read] == 0x0A { read += 1 }
            }
            initialized = written
        }
    }

    /// Where UTF-8 validation first fails, and how much of the data is UTF-8 nonetheless.
    struct UTF8Analysis {
        /// The first invalid sequence: its offset from the start of the data, and its length.
        private(set) var firstError: (offset: Int, length: Int)?
        /// Bytes in valid sequences of two to four bytes.
        private(set) var multibyteBytes = 0
        /// Valid sequences of two to four bytes.
        private(set) var multibyteCharacters = 0
        /// Valid sequences of three or four bytes.
        private(set) var longSequences = 0
        /// Bytes in invalid sequences.
        private(set) var invalidBytes = 0
        private let bytes: UnsafeBufferPointer<UInt8>

        /// Parses `bytes[start...]` scalar by scalar with the standard library's UTF-8 parser.
        init(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) {
            self.bytes = bytes
            var parser = Unicode.UTF8.ForwardParser()
            var iterator = UnsafeBufferPointer(rebasing: bytes[start...]).makeIterator()
            var offset = start
            parsing: while true {
                switch parser.parseScalar(from: &iterator) {
                case .valid(let scalar):
                    if scalar.count > 1 {
                        multibyteBytes += scalar.count
                        multibyteCharacters += 1
                        if scalar.count > 2 { longSequences += 1 }
                    }
                    offset += scalar.count
                case .error(let length):
                    if firstError == nil { firstError = (offset, length) }
                    invalidBytes += length
                    offset += length
                case .emptyInput:
                    break parsing
                }
            }
        }

        /// The data is UTF-8 with some damage, not another encoding: valid multi-byte sequences make up at least
        /// four fifths of its non-ASCII bytes, and there are too many of them for chance (two of three or four
        /// bytes, as CJK characters are in UTF-8, or eight of any length).
        ///
        /// GB18030 and Big5 bytes form valid UTF-8 sequences only by chance, mostly of two bytes: about a third of
        /// their non-ASCII bytes in real text, and sometimes all but one byte of a few characters; one such
        /// sequence before the first invalid byte proves nothing. A file that is almost all valid UTF-8, though,
        /// is damaged UTF-8, and reading it as GB18030, which decodes almost any bytes, would store garbage.
        var isDamagedUTF8: Bool {
            guard multibyteBytes >= 4 * invalidBytes else { return false }
            return longSequences >= 2 || multibyteCharacters >= 8
        }

        /// The first invalid sequence, described; nil when the data is valid.
        var failure: DecodingFailure? {
            guard let (offset, length) = firstError else { return nil }
            let shown = hexBytes(bytes, at: offset, count: length)
            let lead = bytes[offset]
            if offset + length == bytes.count, (0xC2...0xF4).contains(lead) {
                return DecodingFailure(offset: offset, reason: "incomplete sequence \(shown)", atEnd: true)
            }
            return DecodingFailure(
                offset: offset, reason: "\(length == 1 ? "invalid byte" : "invalid sequence") \(shown)")
        }
    }
}

/// Where and why some bytes are not text in one encoding.
struct DecodingFailure: Error {
    /// The offset of the first bad byte from the start of the file; nil when there is none (the bytes decode,
    /// but not into real text).
    var offset: Int?
    /// What is wrong, without the offset: "invalid byte 0xFF".
    var reason: String
    /// The bad sequence is cut short by the end of the file.
    var atEnd = false

    /// The reason alone, for a message that gives the offset elsewhere.
    var withoutOffset: String {
        atEnd ? "\(reason) at the end of the file" : reason
    }

    /// The reason and the offset, for a list of the encodings tried.
    var withOffset: String {
        guard let offset else { return reason }
        return atEnd ? "\(reason) at offset \(offset), the end of the file" : "\(reason) at offset \(offset)"
    }
}

/// Up to `count` bytes from `offset`, as "0xE4 0xB8".
func hexBytes(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int, count: Int) -> String {
    let end = min(bytes.count, offset + count)
    guard offset < end else { return "" }
    return bytes[offset..<end].map { "0x" + String($0, radix: 16, uppercase: true).leftPadded(to: 2) }
        .joined(separator: " ")
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
