import ArgumentParser
import Foundation
import ZhikuCore
import ZhikuOutput

/// `zhiku report`: the canned reports bundled with the program, run like `zhiku sql`.
struct ReportCommand: ParsableCommand {
    // The help lists the bundled reports as their headers describe them. Lines are kept under 80
    // characters, where the help is wrapped. A stored constant: the argument parser reads every
    // command's configuration on each start, several times.
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Run a canned report, or list them.",
        discussion: """
            A report is one SQL file bundled with zhiku (Reports/ in its source), run
            exactly like zhiku sql: read-only, stopped at the time limit, at most
            --max-rows rows; a refusal or a limit is reported on standard error, and
            the exit status is 1. Parameters are bound, never spliced into the SQL; one
            that is not given means "all" unless it has a default. Speakers and topics
            are named by id, or by name in either script and any written form
            (陳蜀傑 = 陈蜀杰). --list shows each report's columns and description.

            \(reportList)

            Examples:
              zhiku report --list
              zhiku report turns_per_speaker_per_month --param speaker=陳蜀傑
              zhiku report speaker_topic_matrix --param topic=晶片 --format json
              zhiku report most_cited_claims --param per_topic=1 --script traditional
            """
    )

    /// The reports with their parameters, for the help; empty unless the command line asks for help,
    /// as reading the headers is half a millisecond of every start, a cold `zhiku search` included.
    private static var reportList: String {
        guard CommandLine.arguments.dropFirst().contains(where: { ["-h", "--help", "help"].contains($0) }) else {
            return ""
        }
        let reports: [Report]
        do {
            reports = try ReportCatalog.bundled().reports
        } catch {
            return "Reports: \(error)"
        }
        var lines = ["Reports:"]
        for report in reports {
            lines.append("  \(report.name): \(report.title)")
            for parameter in report.parameters {
                let given = parameter.defaultValue.map { " (default \($0))" } ?? ""
                lines += wrapped("--param \(parameter.name)=…\(given): \(parameter.meaning)", indent: 6)
            }
        }
        return lines.joined(separator: "\n")
    }

    /// `text` cut at spaces into lines of at most 79 characters, each indented by `indent` spaces and
    /// the lines after the first by two more.
    private static func wrapped(_ text: String, indent: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            if line.isEmpty {
                line = String(repeating: " ", count: indent) + word
            } else if line.count + 1 + word.count <= 79 {
                line += " " + word
            } else {
                lines.append(line)
                line = String(repeating: " ", count: indent + 2) + word
            }
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }

    @OptionGroup var database: DatabaseOptions

    @Argument(help: "The report to run (see --list).")
    var name: String?

    @Flag(help: "List the reports: name, title, parameters, columns and description.")
    var list = false

    @Option(
        name: .customLong("param"),
        help: ArgumentHelp("A parameter the report declares (see --list).", valueName: "name=value"))
    var parameters: [String] = []

    @Option(help: "Stop the report after this many seconds.")
    var timeout: Double = 5

    @Option(name: .customLong("max-rows"), help: "Read at most this many rows.")
    var maxRows: Int = 10_000

    @OptionGroup var output: OutputOptions

    func validate() throws {
        if list, name != nil { throw ValidationError("give a report name or --list, not both") }
        if !list, name == nil { throw ValidationError("give a report name, or --list to see them") }
        if list, !parameters.isEmpty { throw ValidationError("--param needs a report name, not --list") }
        // A malformed --param is a usage error, reported before anything runs.
        _ = try NamedParameters.parse(parameters)
    }

    func run() throws {
        let catalog = try ReportCatalog.bundled()
        guard let name else {
            try output.write(.reports(catalog), opencc: OpenCC())
            return
        }
        // An unknown name is an error even without a database: the list of reports is the answer.
        _ = try catalog.report(named: name)
        let path = database.path
        guard FileManager.default.fileExists(atPath: path) else { throw ZhikuError.databaseMissing(path: path) }
        let bound = try NamedParameters.parse(parameters)
        let result = try catalog.run(name, parameters: bound, databasePath: path, timeout: timeout, maxRows: maxRows)
        try output.write(.userSQL(result), opencc: OpenCC())
        if result.reachedRowLimit {
            printError("Error: stopped at the row limit of \(maxRows) rows (raise it with --max-rows)")
            throw ExitCode.failure
        }
    }
}
