import ArgumentParser
import ZhikuCore
import ZhikuOutput

/// `zhiku documents`: the documents in the database.
struct DocumentsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "documents",
        abstract: "List the documents: title, date, source, how many speakers and turns.",
        discussion: """
            Keys in --format json: id, title, date (ISO 8601, as precise as the source), source,
            speakers (count), turns (count), origin, format.

            Examples:
              zhiku documents
              zhiku documents --format json --script simplified
            """
    )

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let opencc = OpenCC()
        let store = try database.openExistingStore(opencc)
        try output.write(.documents(try store.documents()), opencc: opencc)
    }
}
