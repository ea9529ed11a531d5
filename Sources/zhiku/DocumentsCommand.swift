import ArgumentParser
import ZhikuCore

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
        let rows = try store.documents().map { document -> [OutputValue] in
            [
                .integer(document.id), .text(document.title), document.date.map(OutputValue.text) ?? .null,
                document.source.map(OutputValue.text) ?? .null, .integer(Int64(document.speakers)),
                .integer(Int64(document.turns)), .text(document.origin), .text(document.format),
            ]
        }
        try output.write(
            OutputTable(
                columns: ["id", "title", "date", "source", "speakers", "turns", "origin", "format"], rows: rows),
            opencc: opencc)
    }
}
