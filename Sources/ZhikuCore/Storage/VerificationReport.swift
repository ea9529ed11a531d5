/// One named check of a database's verification, with its verdict.
public struct VerificationCheck: Sendable, Equatable {
    /// The check's name, such as `integrity_check` or `turn_fts content`; stable, for scripts.
    public let name: String
    /// Whether the database passed it.
    public let passed: Bool
    /// What was found: counts on success, what disagrees (and where first) on failure.
    public let detail: String
    /// How long the check took, in seconds.
    public let seconds: Double

    /// Creates a check result from its parts.
    public init(name: String, passed: Bool, detail: String, seconds: Double = 0) {
        self.name = name
        self.passed = passed
        self.detail = detail
        self.seconds = seconds
    }
}

/// The number of rows in one table of a verified database.
public struct TableRowCount: Sendable, Equatable {
    /// The table's name.
    public let table: String
    /// Its number of rows.
    public let count: Int
}

/// What ``DatabaseVerification/verify(path:busyTimeout:)`` found, check by check.
public struct VerificationReport: Sendable {
    /// The file that was verified.
    public let path: String
    /// Every check that ran, in the order they are shown.
    public let checks: [VerificationCheck]
    /// The rows of each main table (empty if they could not be counted).
    public let rowCounts: [TableRowCount]

    /// Creates a report from its parts.
    public init(path: String, checks: [VerificationCheck], rowCounts: [TableRowCount]) {
        self.path = path
        self.checks = checks
        self.rowCounts = rowCounts
    }

    /// Whether every check passed.
    public var passed: Bool { checks.allSatisfy(\.passed) }

    /// The checks that failed, in order.
    public var failedChecks: [VerificationCheck] { checks.filter { !$0.passed } }

    /// The check named `name`, if it ran.
    public func check(named name: String) -> VerificationCheck? {
        checks.first { $0.name == name }
    }

    /// The same report, attributed to another path (the file the user named, rather than a temporary copy).
    public func attributed(to path: String) -> VerificationReport {
        VerificationReport(path: path, checks: checks, rowCounts: rowCounts)
    }
}
