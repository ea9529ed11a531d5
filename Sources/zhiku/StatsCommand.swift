import ArgumentParser
import ZhikuCore
import ZhikuOutput

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
        try output.write(.statistics(statistics), opencc: opencc)
    }
}
