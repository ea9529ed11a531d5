import Crypto
import Foundation

extension SHA256 {
    /// The SHA-256 of `data` as 64 lowercase hex digits.
    static func hexDigest(of data: Data) -> String {
        hash(data: data).map { String(format: "%02x", $0) }.joined()
    }
}
