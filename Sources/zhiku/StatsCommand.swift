import ArgumentParser
import ZhikuCore

/// `zhiku stats`: how much the database holds.
struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Count the documents, speakers, turns, claims, topics and mentions.",
        discussion: """
            Keys in --format json: one object per count, with "what" and "count".

            Example:
              zhiku stats --db talks.sqlite
            """
    )

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let opencc = OpenCC()
        let statistics = try database.openExistingStore(opencc).statistics()
        let rows =
            statistics.counts.map { [OutputValue.text($0.name), .integer(Int64($0.count))] }
            + [[.text("schema version"), .integer(Int64(statistics.schemaVersion))]]
        try output.write(OutputTable(columns: ["what", "count"], rows: rows), opencc: opencc)
    }
}
