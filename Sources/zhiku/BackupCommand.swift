import ArgumentParser
import Foundation
import ZhikuCore
import ZhikuOutput

/// `zhiku backup DEST`: a verified copy of the database.
struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Copy the database to a file, consistently even while it is being written, and verify the copy.",
        discussion: """
            Copies with SQLite's online backup API into a temporary file beside DEST, verifies the copy
            with the checks of `zhiku check`, and only then renames it to DEST. Prints the copy, each
            check, and the SHA-256 of the file. An existing DEST is refused unless --force is given.
            If the copy fails verification, nothing is written at DEST and the exit status is 1.

            Examples:
              zhiku backup --db talks.sqlite backups/talks-2024-05-02.sqlite
              zhiku backup --db talks.sqlite --force --format json backups/latest.sqlite
            """
    )

    @OptionGroup var database: DatabaseOptions

    @Argument(help: ArgumentHelp("The backup file to write.", valueName: "dest"))
    var destination: String

    @Flag(help: "Replace DEST if it exists.")
    var force = false

    @OptionGroup var output: OutputOptions

    func run() throws {
        let source = database.path
        let result: BackupResult
        do {
            result = try DatabaseBackup.backup(source, to: destination, replacing: force)
        } catch ZhikuError.verificationFailed(let path, let report) {
            try output.write(
                OutputTable(columns: VerificationTable.columns, rows: VerificationTable.rows(report)), opencc: OpenCC())
            printError(
                "Error: the copy of \(path) failed verification (\(VerificationTable.failures(report))); "
                    + "nothing was written at \(destination)")
            throw ExitCode.failure
        }
        let copied = VerificationTable.row(
            "copy", detail: "\(result.pages) pages (\(result.bytes) bytes) from \(source) to \(result.path)",
            seconds: result.copySeconds)
        let hash = VerificationTable.row("sha256", detail: result.sha256)
        try output.write(
            OutputTable(
                columns: VerificationTable.columns, rows: [copied] + VerificationTable.rows(result.report) + [hash]),
            opencc: OpenCC())
        printError(
            "backup: \(result.path) written and verified (\(result.report.checks.count) checks passed); "
                + "SHA-256 \(result.sha256)")
    }
}
