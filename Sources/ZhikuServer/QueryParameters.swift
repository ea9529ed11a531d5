/// The parameters of a request's query string, decoded strictly: percent escapes must form valid
/// UTF-8, since a name or a search that lost characters on the way would answer a different question.
struct QueryParameters: Sendable {
    private var values: [String: [String]] = [:]

    /// Decodes `query` (the part after `?`, still percent-encoded); `+` stands for a space.
    init(_ query: String?) throws(APIError) {
        guard let query, !query.isEmpty else { return }
        for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = try Self.decode(parts[0], parameter: nil)
            let value = parts.count > 1 ? try Self.decode(parts[1], parameter: name) : ""
            values[name, default: []].append(value)
        }
    }

    /// The last value given for `name`, nil when absent or empty.
    func string(_ name: String) -> String? {
        guard let value = values[name]?.last, !value.isEmpty else { return nil }
        return value
    }

    /// Every non-empty value given for `name`, in order (`topic=a&topic=b`).
    func strings(_ name: String) -> [String] {
        (values[name] ?? []).filter { !$0.isEmpty }
    }

    /// The value of `name` as a whole number within `range`, or `default` when absent.
    func integer(_ name: String, default value: Int, in range: ClosedRange<Int>) throws(APIError) -> Int {
        guard let text = string(name) else { return value }
        guard let number = Int(text), range.contains(number) else {
            throw APIError.badRequest(
                "parameter \(name) must be a whole number from \(range.lowerBound) to \(range.upperBound), got \(text)")
        }
        return number
    }

    /// The value of `name` as a positive number, or `default` when absent.
    func number(_ name: String, default value: Double, atMost limit: Double) throws(APIError) -> Double {
        guard let text = string(name) else { return value }
        guard let number = Double(text), number > 0, number <= limit else {
            throw APIError.badRequest("parameter \(name) must be a number above 0 and at most \(limit), got \(text)")
        }
        return number
    }

    /// The names given, for refusing the unknown ones.
    var names: Set<String> { Set(values.keys) }

    private static func decode(_ text: Substring, parameter: String?) throws(APIError) -> String {
        guard let decoded = PercentDecoding.decode(text, plusIsSpace: true) else {
            throw APIError.badRequest("\(describe(parameter)) is not valid percent-encoded UTF-8")
        }
        return decoded
    }

    private static func describe(_ parameter: String?) -> String {
        parameter.map { "parameter \($0)" } ?? "a parameter name"
    }
}
