import Testing

@testable import ZhikuServer

/// Query strings and path names are decoded strictly: what cannot be decoded is refused, never mended.
@Suite("Query parameters")
struct QueryParametersTests {
    @Test("percent escapes, plus signs and repeated names decode as browsers send them")
    func decoding() throws {
        let query = try QueryParameters("q=%E6%99%B6%E7%89%87+MCU&topic=a&topic=%E8%8A%AF%E7%89%87&empty=")
        #expect(query.string("q") == "晶片 MCU")
        #expect(query.strings("topic") == ["a", "芯片"])
        #expect(query.string("empty") == nil)
        #expect(query.names == ["q", "topic", "empty"])
    }

    @Test(
        "invalid UTF-8 and broken escapes are refused, naming the parameter", arguments: ["%FF", "%E6%99", "%ZZ", "%4"])
    func refused(value: String) {
        #expect {
            try QueryParameters("q=\(value)")
        } throws: { error in
            (error as? APIError)?.status == .badRequest && (error as? APIError)?.message.contains("parameter q") == true
        }
    }

    @Test("numbers must be in range")
    func numbers() throws {
        let query = try QueryParameters("limit=5&big=99999&word=abc")
        #expect(try query.integer("limit", default: 20, in: 1...100) == 5)
        #expect(try query.integer("missing", default: 20, in: 1...100) == 20)
        #expect(throws: APIError.self) { try query.integer("big", default: 20, in: 1...100) }
        #expect(throws: APIError.self) { try query.integer("word", default: 20, in: 1...100) }
    }

    @Test(
        "a name in the path may not climb out of its place",
        arguments: ["..", ".", "a%2Fb", "..%2F..%2Fetc", "%5C", ""])
    func pathNames(raw: String) {
        #expect(throws: APIError.self) { try PathParameter.decode(Substring(raw)) }
    }

    @Test("a name in the path keeps a plus sign, which only means a space in query strings")
    func plusInPath() throws {
        #expect(try PathParameter.decode("C%2B%2B+%E8%AA%9E%E8%A8%80") == "C+++語言")
    }
}
