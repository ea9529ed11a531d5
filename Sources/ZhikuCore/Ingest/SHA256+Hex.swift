import Crypto
import Foundation

extension SHA256 {
    /// The SHA-256 of `data` as 64 lowercase hex digits.
    static func hexDigest(of data: Data) -> String {
        hash(data: data).map { String(format: "%02x", $0) }.joined()
    }

    /// The SHA-256 of the file at `path` as 64 lowercase hex digits, read a megabyte at a time, so
    /// that a database of any size is hashed in little memory.
    static func hexDigest(ofFileAt path: String) throws -> String {
        let file = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
        defer { try? file.close() }
        var hasher = SHA256()
        while let chunk = try file.read(upToCount: 1 << 20), !chunk.isEmpty {
            hasher.update(data: chunk)
        }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }
}
