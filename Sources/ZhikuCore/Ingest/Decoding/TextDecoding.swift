import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Text decoded from a file's bytes, and the encoding it was read as.
public struct DecodedText: Sendable {
    /// The text, without a byte-order mark, every line ending as "\n".
    public let text: String
    /// The encoding the bytes were read as: "UTF-8", "UTF-8 (BOM)", "UTF-16LE", "UTF-16BE", "GB18030",
    /// "BIG5-HKSCS", or, for an encoding given by name, that name in upper case.
    public let encoding: String
}

/// Bytes to text: UTF-8 (with or without a byte-order mark), UTF-16 with a byte-order mark, GB18030 (and so
/// GBK and GB2312) and Big5-HKSCS, told apart automatically.
///
/// Detection: a byte-order mark decides first. Otherwise a NUL byte means binary data, and valid UTF-8 is
/// UTF-8. Data that is almost all valid UTF-8 but has bad bytes is damaged UTF-8 and is refused, never read as
/// another encoding. The rest is decoded as both GB18030 and Big5-HKSCS, and the reading whose Han characters
/// are most often common ones wins (``CommonHanCharacters`` derives those from iconv); when neither decodes,
/// or neither reads as real Chinese, the file is refused. Nothing is ever decoded with replacement characters.
///
/// ```swift
/// let decoded = try TextDecoding.decode(Data(contentsOf: url), file: url.path)
/// print(decoded.encoding)   // "BIG5-HKSCS"
/// ```
public enum TextDecoding {
    /// Decodes `data` read from `file` (the name is only for messages).
    ///
    /// `encoding` forces one, named as iconv knows it, case-insensitively ("gbk", "big5", "big5-hkscs",
    /// "utf-16"…); nil detects. The text comes back with CRLF and lone CR turned into "\n" and the byte-order
    /// mark removed; an empty file decodes to "".
    ///
    /// - Throws: ``ZhikuError/undecodable(file:offset:detail:)`` with the offset of the first bad byte when the
    ///   data is binary or not text in the encoding (or any encoding tried); ``ZhikuError/invalidArgument(_:)``
    ///   when iconv does not know `encoding`.
    public static func decode(_ data: Data, file: String, encoding: String? = nil) throws -> DecodedText {
        try data.withUnsafeBytes { raw in
            let bytes = raw.assumingMemoryBound(to: UInt8.self)
            if let encoding { return try decode(bytes, file: file, forcing: encoding) }
            return try detect(bytes, file: file)
        }
    }

    private static func detect(_ bytes: UnsafeBufferPointer<UInt8>, file: String) throws -> DecodedText {
        switch ByteOrderMark(bytes) {
        case .utf8:
            return try decodeUTF8(bytes, from: 3, file: file, label: "UTF-8 (BOM)")
        case .utf16LittleEndian:
            return try decodeWithIconv(bytes, from: 2, file: file, encoding: "UTF-16LE", label: "UTF-16LE")
        case .utf16BigEndian:
            return try decodeWithIconv(bytes, from: 2, file: file, encoding: "UTF-16BE", label: "UTF-16BE")
        case nil:
            break
        }
        try refuseNUL(bytes, from: 0, unitSize: 1, file: file)
        if let text = text(fromUTF8: bytes, from: 0) { return DecodedText(text: text, encoding: "UTF-8") }
        let utf8 = UTF8Analysis(bytes, from: 0)
        let utf8Failure = utf8.failure ?? DecodingFailure(offset: 0, reason: "invalid")
        if utf8.isDamagedUTF8 {
            throw ZhikuError.undecodable(
                file: file, offset: utf8Failure.offset ?? 0,
                detail: "not UTF-8: \(utf8Failure.withoutOffset), in a file that is otherwise UTF-8 "
                    + "(\(utf8.multibyteCharacters) valid multi-byte characters, \(utf8.invalidBytes) bad bytes); "
                    + "it was not read as GB18030 or Big5-HKSCS")
        }
        return try decodeChinese(bytes, file: file, utf8Failure: utf8Failure)
    }

    /// Decodes as GB18030 and as Big5-HKSCS and keeps the reading that looks like real Chinese.
    private static func decodeChinese(
        _ bytes: UnsafeBufferPointer<UInt8>, file: String, utf8Failure: DecodingFailure
    ) throws -> DecodedText {
        var tried = ["not UTF-8 (\(utf8Failure.withOffset))"]
        var furthest = utf8Failure.offset ?? 0
        let common: CommonHanCharacters
        switch CommonHanCharacters.derived {
        case .success(let derived): common = derived
        case .failure(let unavailable):
            tried.append(
                "cannot tell GB18030 from Big5-HKSCS: iconv cannot convert from \(unavailable.encoding) "
                    + "(\(unavailable.reason))")
            throw ZhikuError.undecodable(file: file, offset: furthest, detail: tried.joined(separator: ", "))
        }
        var best: (label: String, utf8: [UInt8], score: ChineseTextScore)?
        for (encoding, name) in [("GB18030", "GB18030"), ("BIG5-HKSCS", "Big5-HKSCS")] {
            let converted: [UInt8]
            do throws(DecodingFailure) {
                converted = try convert(bytes, from: 0, encoding: encoding)
            } catch {
                tried.append("not \(name) (\(error.withOffset))")
                furthest = max(furthest, error.offset ?? 0)
                continue
            }
            let score = ChineseTextScore(utf8: converted, commonCharacters: common)
            if score.looksMisread {
                let percent = Int((score.fraction * 100).rounded())
                let privateUse = score.privateUse > 0 ? " and \(score.privateUse) private-use characters" : ""
                tried.append(
                    "not \(name) (it decodes, but only \(percent)% of its \(score.han) Han characters\(privateUse) "
                        + "are common ones)")
            } else if best.map({ score.isBetter(than: $0.score) }) ?? true {
                best = (encoding, converted, score)
            }
        }
        guard let best else {
            throw ZhikuError.undecodable(file: file, offset: furthest, detail: tried.joined(separator: ", "))
        }
        return try decodedText(fromConverted: best.utf8, label: best.label, file: file)
    }

    /// Decodes with the encoding the user named.
    private static func decode(
        _ bytes: UnsafeBufferPointer<UInt8>, file: String, forcing name: String
    ) throws -> DecodedText {
        let encoding = name.trimmingCharacters(in: .whitespaces).uppercased()
        // iconv's //IGNORE would drop bad bytes silently, and //TRANSLIT means nothing when reading.
        guard !encoding.contains("/") else {
            throw ZhikuError.invalidArgument(
                "the encoding \"\(name)\" has an iconv suffix such as //IGNORE; name the encoding alone")
        }
        let mark = ByteOrderMark(bytes)
        switch encoding {
        case "UTF-8", "UTF8":
            let start = mark == .utf8 ? 3 : 0
            return try decodeUTF8(bytes, from: start, file: file, label: start == 0 ? "UTF-8" : "UTF-8 (BOM)")
        case "UTF-16", "UTF16":
            // As iconv reads UTF-16: the byte-order mark decides, and big-endian without one.
            let littleEndian = mark == .utf16LittleEndian
            let start = littleEndian || mark == .utf16BigEndian ? 2 : 0
            let resolved = littleEndian ? "UTF-16LE" : "UTF-16BE"
            return try decodeWithIconv(bytes, from: start, file: file, encoding: resolved, label: resolved)
        default:
            let label = ["BIG5HKSCS": "BIG5-HKSCS"][encoding] ?? encoding
            return try decodeWithIconv(bytes, from: 0, file: file, encoding: encoding, label: label, named: name)
        }
    }

    private static func decodeUTF8(
        _ bytes: UnsafeBufferPointer<UInt8>, from start: Int, file: String, label: String
    ) throws -> DecodedText {
        try refuseNUL(bytes, from: start, unitSize: 1, file: file)
        if let text = text(fromUTF8: bytes, from: start) { return DecodedText(text: text, encoding: label) }
        let failure = UTF8Analysis(bytes, from: start).failure ?? DecodingFailure(offset: start, reason: "invalid")
        let mark = start > 0 ? ", though it starts with a UTF-8 byte-order mark" : ""
        throw ZhikuError.undecodable(
            file: file, offset: failure.offset ?? start, detail: "not UTF-8\(mark): \(failure.withoutOffset)")
    }

    /// Decodes `bytes[start...]` with iconv. `named` is the name the user gave, when they gave one: iconv not
    /// knowing it is then their mistake, not a fault of the file.
    private static func decodeWithIconv(
        _ bytes: UnsafeBufferPointer<UInt8>, from start: Int, file: String, encoding: String, label: String,
        named: String? = nil
    ) throws -> DecodedText {
        try refuseNUL(bytes, from: start, unitSize: codeUnitSize(of: encoding), file: file)
        let converted: [UInt8]
        do throws(DecodingFailure) {
            converted = try convert(bytes, from: start, encoding: encoding)
        } catch {
            if error.offset == nil, let named {
                throw ZhikuError.invalidArgument(
                    "unknown encoding \"\(named)\": \(error.reason); `iconv --list` shows the names iconv knows")
            }
            let detail = error.offset == nil ? error.reason : "not \(label): \(error.withoutOffset)"
            throw ZhikuError.undecodable(file: file, offset: error.offset ?? start, detail: detail)
        }
        return try decodedText(fromConverted: converted, label: label, file: file)
    }

    /// Converts `bytes[start...]` to UTF-8 with iconv. A failure without an offset means iconv could not open
    /// the encoding at all.
    private static func convert(
        _ bytes: UnsafeBufferPointer<UInt8>, from start: Int, encoding: String
    ) throws(DecodingFailure) -> [UInt8] {
        let decoder: IconvDecoder
        do {
            decoder = try IconvDecoder(from: encoding)
        } catch {
            throw DecodingFailure(offset: nil, reason: "iconv cannot convert from \(encoding) (\(error.reason))")
        }
        do {
            return try decoder.convert(bytes, from: start)
        } catch {
            switch error {
            case .invalid(let offset):
                throw DecodingFailure(offset: offset, reason: "invalid bytes \(hexBytes(bytes, at: offset, count: 2))")
            case .incomplete(let offset):
                let shown = hexBytes(bytes, at: offset, count: 4)
                throw DecodingFailure(offset: offset, reason: "incomplete sequence \(shown)", atEnd: true)
            case .failed(let offset, let reason):
                throw DecodingFailure(offset: offset, reason: "iconv failed: \(reason)")
            }
        }
    }

    /// The text of iconv's UTF-8 output, without a leading byte-order mark (iconv keeps one when the encoding
    /// was named with its byte order, as in UTF-16LE).
    private static func decodedText(fromConverted utf8: [UInt8], label: String, file: String) throws -> DecodedText {
        let decoded = utf8.withUnsafeBufferPointer { bytes in
            text(fromUTF8: bytes, from: ByteOrderMark(bytes) == .utf8 ? 3 : 0)
        }
        guard let decoded else {
            throw ZhikuError.undecodable(file: file, offset: 0, detail: "iconv wrote invalid UTF-8 from \(label)")
        }
        return DecodedText(text: decoded, encoding: label)
    }

    /// The size of a code unit in bytes: 2 for UTF-16 and UCS-2, 4 for UTF-32 and UCS-4, else 1 (GB18030,
    /// Big5 and the other encodings iconv reads are ASCII-compatible, so a NUL byte is a NUL character).
    private static func codeUnitSize(of encoding: String) -> Int {
        func named(_ prefixes: String...) -> Bool { prefixes.contains { encoding.hasPrefix($0) } }
        return named("UTF-32", "UTF32", "UCS-4", "UCS4") ? 4 : named("UTF-16", "UTF16", "UCS-2", "UCS2") ? 2 : 1
    }

    /// Refuses the first NUL character: a NUL byte in ASCII-compatible encodings, an all-zero code unit of
    /// `unitSize` bytes in UTF-16 and UTF-32. No text has one; binary data almost always does.
    private static func refuseNUL(
        _ bytes: UnsafeBufferPointer<UInt8>, from start: Int, unitSize: Int, file: String
    ) throws {
        guard start < bytes.count, let base = bytes.baseAddress else { return }
        if unitSize == 1 {
            guard let nul = memchr(base + start, 0, bytes.count - start) else { return }
            let offset = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(nul))
            throw ZhikuError.undecodable(file: file, offset: offset, detail: "binary data: NUL byte")
        }
        var offset = start
        while offset + unitSize <= bytes.count {
            if (0..<unitSize).allSatisfy({ bytes[offset + $0] == 0 }) {
                throw ZhikuError.undecodable(file: file, offset: offset, detail: "binary data: NUL character")
            }
            offset += unitSize
        }
    }
}

/// A byte-order mark at the start of a file.
enum ByteOrderMark {
    /// EF BB BF.
    case utf8
    /// FF FE.
    case utf16LittleEndian
    /// FE FF.
    case utf16BigEndian

    /// The mark `bytes` start with, if any.
    init?(_ bytes: UnsafeBufferPointer<UInt8>) {
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            self = .utf8
        } else if bytes.count >= 2, bytes[0] == 0xFF, bytes[1] == 0xFE {
            self = .utf16LittleEndian
        } else if bytes.count >= 2, bytes[0] == 0xFE, bytes[1] == 0xFF {
            self = .utf16BigEndian
        } else {
            return nil
        }
    }
}
