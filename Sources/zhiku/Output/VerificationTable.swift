import ZhikuCore
import ZhikuOutput

/// The rows that `check`, `backup` and `restore` print: one per check, with its verdict.
enum VerificationTable {
    /// The columns: the check's name, `ok` or `FAILED`, what was found, and seconds taken.
    static let columns = ["check", "result", "detail", "seconds"]

    /// One row per check of `report`.
    static func rows(_ report: VerificationReport) -> [[OutputValue]] {
        report.checks.map { row($0.name, passed: $0.passed, detail: $0.detail, seconds: $0.seconds) }
    }

    /// A row in the same shape, for a step that is not a check (the copy, the file's hash).
    static func row(_ name: String, passed: Bool = true, detail: String, seconds: Double? = nil) -> [OutputValue] {
        // Milliseconds are precise enough for people, and keep JSON numbers short.
        let rounded = seconds.map { OutputValue.real(($0 * 1000).rounded() / 1000) } ?? .null
        return [.text(name), .text(passed ? "ok" : "FAILED"), .text(detail), rounded]
    }

    /// A one-line summary of what failed, for standard error.
    static func failures(_ report: VerificationReport) -> String {
        report.failedChecks.map(\.name).joined(separator: ", ")
    }
}
