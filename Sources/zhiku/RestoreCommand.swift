import ArgumentParser
import Foundation
import ZhikuCore
import ZhikuOutput

/// `zhiku restore SRC`: replaces the database with a verified backup.
struct RestoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Replace the database with a backup, after verifying the backup.",
        discussion: """
            Copies SRC beside the database and verifies the copy with the checks of `zhiku check`; if
            any fails, the database is left untouched and the exit status is 1. Otherwise the database
            is checkpointed, kept as DB.before-restore-<UTC time>, and the copy is renamed over it in
            one step. Stop other processes that use the database (zhiku serve, a running ingest) first.

            Examples:
              zhiku restore --db talks.sqlite backups/talks-2024-05-02.sqlite
              ZHIKU_DB=talks.sqlite zhiku restore backups/latest.sqlite
            """
    )

    @OptionGroup var database: DatabaseOptions

    @Argument(help: ArgumentHelp("The backup to restore.", valueName: "src"))
    var source: String

    @OptionGroup var output: OutputOptions

    func run() throws {
        let live = database.path
        let result: RestoreResult
        do {
            result = try DatabaseBackup.restore(source, over: live)
        } catch ZhikuError.verificationFailed(let path, let report) {
            try output.write(
                OutputTable(columns: VerificationTable.columns, rows: VerificationTable.rows(report)), opencc: OpenCC())
            printError(
                "Error: \(path) failed verification (\(VerificationTable.failures(report))); \(live) was not changed")
            throw ExitCode.failure
        }
        let kept =
            result.previousKeptAt.map { "the previous database is kept as \($0)" } ?? "there was no previous database"
        try output.write(
            OutputTable(
                columns: VerificationTable.columns,
                rows: VerificationTable.rows(result.report) + [
                    VerificationTable.row("replace", detail: "\(live) from \(source); \(kept)")
                ]),
            opencc: OpenCC())
        printError("restore: \(live) now holds \(source) (\(result.report.checks.count) checks passed); \(kept)")
    }
}
