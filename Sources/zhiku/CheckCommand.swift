import ArgumentParser
import ZhikuCore
import ZhikuOutput

/// `zhiku check`: verifies the live database.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Verify the database: SQLite's and FTS5's checks, and that the search index agrees with the text.",
        discussion: """
            Runs PRAGMA integrity_check and foreign_key_check, FTS5's integrity-check of turn_fts, counts
            the rows of each table, compares every token of the search index turn_fts with the text it
            was made from (the index is contentless, so SQLite cannot), and searches for a few stored
            turns. Prints each check; the exit status is 0 if all pass, 1 otherwise.

            The checks read one snapshot and may run while another process writes; FTS5's check briefly
            takes the write lock. Keys in --format json: check, result (ok or FAILED), detail, seconds.

            Examples:
              zhiku check --db talks.sqlite
              zhiku check --db talks.sqlite --format json | jq '.[] | select(.result != "ok")'
            """
    )

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let report = try DatabaseVerification.verify(path: database.path)
        try output.write(
            OutputTable(columns: VerificationTable.columns, rows: VerificationTable.rows(report)), opencc: OpenCC())
        guard report.passed else {
            printError("Error: \(database.path) failed verification: \(VerificationTable.failures(report))")
            throw ExitCode.failure
        }
    }
}
