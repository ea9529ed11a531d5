import ZhikuSQLite

/// The canned reports bundled with the program (the files of `Reports/`, embedded at build time), and
/// how to run one: exactly like ``UserSQL``, read-only and bounded, with its parameters bound.
public struct ReportCatalog: Sendable {
    /// The reports, by name.
    public let reports: [Report]

    /// A catalog of the given report files (`name.sql` and its text).
    public init(files: [(name: String, sql: String)]) throws {
        reports = try files.map { try Report(fileName: $0.name, sql: $0.sql) }.sorted { $0.name < $1.name }
    }

    /// The reports embedded in this program.
    public static func bundled() throws -> ReportCatalog {
        try ReportCatalog(files: EmbeddedReports.files)
    }

    /// The report called `name` (`topic_timeline`, or `topic_timeline.sql`).
    public func report(named name: String) throws -> Report {
        let bare = name.hasSuffix(".sql") ? String(name.dropLast(4)) : name
        guard let report = reports.first(where: { $0.name == bare }) else {
            throw ZhikuError.unknownReport(name, available: reports.map(\.name))
        }
        return report
    }

    /// Runs the report called `name` against the database at `path`.
    ///
    /// `parameters` are the values given by name (a leading `:`, `@` or `$` is allowed); each must be
    /// declared in the report's header. A parameter that is not given is bound to its default, or to
    /// NULL, which the reports read as "not given". Values are typed like ``UserSQL``'s: an integer or a
    /// number when they read as one, text otherwise.
    public func run(
        _ name: String, parameters: [String: String] = [:], databasePath path: String, timeout: Double = 5,
        maxRows: Int = 10_000
    ) throws -> UserSQLResult {
        let report = try report(named: name)
        var values: [String: SQLiteValue] = [:]
        for parameter in report.parameters {
            values[parameter.name] = parameter.defaultValue.map(UserSQL.value(of:)) ?? .null
        }
        for (given, value) in parameters {
            let bare = given.first.map { ":@$".contains($0) } == true ? String(given.dropFirst()) : given
            guard values[bare] != nil else {
                throw ZhikuError.unknownReportParameter(
                    report: report.name, parameter: bare, declared: report.parameters.map(\.name))
            }
            values[bare] = UserSQL.value(of: value)
        }
        return try UserSQL.run(report.sql, values: values, databasePath: path, timeout: timeout, maxRows: maxRows)
    }
}
