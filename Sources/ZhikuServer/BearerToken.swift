import Hummingbird

/// The secret that write requests carry as `Authorization: Bearer …`.
enum BearerToken {
    /// Refuses `request` unless it carries `expected`; with no token configured, writes are off.
    static func check(_ request: Request, expected: String?) throws(APIError) {
        guard let expected else {
            throw APIError(
                status: .forbidden, message: "writes are turned off: start zhiku serve with --token-file to allow them")
        }
        let challenge: HTTPFields = [.wwwAuthenticate: "Bearer"]
        guard let header = request.headers[.authorization], header.hasPrefix("Bearer ") else {
            throw APIError(
                status: .unauthorized, message: "this endpoint needs Authorization: Bearer <token>", headers: challenge)
        }
        guard constantTimeEqual(Array(header.dropFirst(7).utf8), Array(expected.utf8)) else {
            throw APIError(status: .unauthorized, message: "the bearer token is not valid", headers: challenge)
        }
    }

    /// Compares without stopping at the first difference, so that timing tells nothing about the token.
    private static func constantTimeEqual(_ left: [UInt8], _ right: [UInt8]) -> Bool {
        var difference = UInt8(left.count == right.count ? 0 : 1)
        for index in 0..<max(left.count, right.count) {
            difference |= (index < left.count ? left[index] : 0) ^ (index < right.count ? right[index] : 0)
        }
        return difference == 0
    }
}
