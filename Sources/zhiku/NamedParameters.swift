import ArgumentParser

/// The `--param name=value` options of `zhiku sql` and `zhiku report`, as the values to bind by name.
enum NamedParameters {
    /// Each `name=value` as name → value (the value may itself hold `=`); anything else is a usage error.
    static func parse(_ parameters: [String]) throws -> [String: String] {
        var bound: [String: String] = [:]
        for parameter in parameters {
            guard let equals = parameter.firstIndex(of: "=") else {
                throw ValidationError("--param takes name=value, got '\(parameter)'")
            }
            bound[String(parameter[..<equals])] = String(parameter[parameter.index(after: equals)...])
        }
        return bound
    }
}
