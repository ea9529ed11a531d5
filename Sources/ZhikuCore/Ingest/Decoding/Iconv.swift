#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A converter from one encoding to UTF-8 with the C library's `iconv(3)`
/// (<https://man7.org/linux/man-pages/man3/iconv.3.html>).
///
/// Owns its `iconv_t` and closes it in `deinit`. Not thread-safe (iconv keeps conversion state), so it is
/// neither shared nor Sendable: each decoding opens its own.
final class IconvDecoder {
    /// Why `iconv_open` refused an encoding.
    struct Unavailable: Error {
        /// The encoding name as given to `iconv_open`.
        let encoding: String
        /// The C library's explanation (`strerror`).
        let reason: String
    }

    /// Why some bytes did not convert.
    enum Failure: Error {
        /// An invalid multibyte sequence starts at `offset` (EILSEQ).
        case invalid(offset: Int)
        /// The input ends inside a multibyte sequence that starts at `offset` (EINVAL).
        case incomplete(offset: Int)
        /// iconv failed for another reason (an errno value), at `offset`.
        case failed(offset: Int, reason: String)
    }

    /// The encoding converted from, as given to `iconv_open`.
    let encoding: String
    private let handle: iconv_t

    /// Opens a converter from `encoding` (a name iconv knows, e.g. "GB18030", "BIG5-HKSCS") to UTF-8.
    init(from encoding: String) throws(Unavailable) {
        let opened = iconv_open("UTF-8", encoding)
        // iconv_open reports failure with (iconv_t)-1, not NULL.
        guard let opened, Int(bitPattern: opened) != -1 else {
            throw Unavailable(encoding: encoding, reason: Self.describe(errno: errno))
        }
        self.encoding = encoding
        self.handle = opened
    }

    deinit {
        iconv_close(handle)
    }

    /// Converts `bytes[start...]` to UTF-8. Offsets in failures count from the start of `bytes`, not `start`.
    ///
    /// The input is given to iconv whole; the output goes into a buffer that grows whenever iconv reports it
    /// full (E2BIG), so a file of any size converts in a few calls.
    func convert(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int = 0) throws(Failure) -> [UInt8] {
        // Back to the initial shift state, in case an earlier conversion stopped in the middle of one.
        _ = iconv(handle, nil, nil, nil, nil)
        guard start < bytes.count, let base = bytes.baseAddress else { return [] }
        // iconv takes `char **` but never writes through the input pointer.
        var input: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(mutating: base + start)
            .assumingMemoryBound(to: CChar.self)
        var inputLeft = bytes.count - start
        // Two bytes of GB18030, Big5 or UTF-16 become at most three of UTF-8; more is grown into when needed.
        var output = [UInt8](repeating: 0, count: inputLeft + inputLeft / 2 + 64)
        var written = 0
        var flushing = false
        while true {
            let (result, error) = output.withUnsafeMutableBufferPointer { buffer -> (Int, Int32) in
                guard let outputBase = buffer.baseAddress else { return (-1, EFAULT) }
                var outputPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outputBase + written)
                    .assumingMemoryBound(to: CChar.self)
                var outputLeft = buffer.count - written
                let result =
                    flushing
                    ? iconv(handle, nil, nil, &outputPointer, &outputLeft)
                    : iconv(handle, &input, &inputLeft, &outputPointer, &outputLeft)
                let error = errno
                written = buffer.count - outputLeft
                return (result, error)
            }
            let offset = bytes.count - inputLeft
            if result != -1 {
                // All input converted; one more call with no input writes out any pending shift state.
                if flushing { break }
                flushing = true
                continue
            }
            switch error {
            case E2BIG: output.append(contentsOf: repeatElement(0, count: max(output.count, 4096)))
            case EILSEQ: throw .invalid(offset: offset)
            case EINVAL: throw .incomplete(offset: offset)
            default: throw .failed(offset: offset, reason: Self.describe(errno: error))
            }
        }
        output.removeSubrange(written...)
        return output
    }

    /// The C library's message for an errno value.
    static func describe(errno code: Int32) -> String {
        guard let message = strerror(code) else { return "error \(code)" }
        return String(cString: message)
    }
}
