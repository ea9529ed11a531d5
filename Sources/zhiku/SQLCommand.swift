import ArgumentParser
import Foundation
import ZhikuCore
import ZhikuOutput

/// `zhiku sql`: the user's own SQL, read-only and bounded.
struct SQLCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sql",
        abstract: "Run your own read-only SQL against the database.",
        discussion: """
            The statement runs on a read-only connection that refuses writes, ATTACH, PRAGMA changes
            and extension loading; it stops at the time limit, and at most --max-rows rows are read.
            A refusal or a limit is reported on standard error, and the exit status is 1.
            Values are bound as parameters (:name), never spliced into the SQL. See the README for the
            tables and views (document, turn, claim, speaker, topic, mention …).

            Examples:
              zhiku sql "SELECT name, count(*) AS turns FROM turn JOIN speaker s ON s.id = speaker_id GROUP BY s.id"
              zhiku sql "SELECT title, date FROM document WHERE date >= :since" --param since=2024-01-01 --format json
            """
    )

    @OptionGroup var database: DatabaseOptions

    @Argument(help: "One SQL statement.")
    var statement: String

    @Option(
        name: .customLong("param"), help: ArgumentHelp("A parameter for :NAME in the SQL.", valueName: "name=value"))
    var parameters: [String] = []

    @Option(help: "Stop the statement after this many seconds.")
    var timeout: Double = 5

    @Option(name: .customLong("max-rows"), help: "Read at most this many rows.")
    var maxRows: Int = 10_000

    @OptionGroup var output: OutputOptions

    func validate() throws {
        // A malformed --param is a usage error, reported before anything runs.
        _ = try NamedParameters.parse(parameters)
    }

    func run() throws {
        let path = database.path
        guard FileManager.default.fileExists(atPath: path) else { throw ZhikuError.databaseMissing(path: path) }
        let bound = try NamedParameters.parse(parameters)
        let result = try UserSQL.run(
            statement, parameters: bound, databasePath: path, timeout: timeout, maxRows: maxRows)
        try output.write(.userSQL(result), opencc: OpenCC())
        if result.reachedRowLimit {
            printError("Error: stopped at the row limit of \(maxRows) rows (raise it with --max-rows)")
            throw ExitCode.failure
        }
    }
}
