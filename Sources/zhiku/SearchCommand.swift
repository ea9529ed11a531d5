import ArgumentParser
import Foundation
import ZhikuCore
import ZhikuOutput

/// `zhiku search`: full-text search over every turn, in either script.
struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Find the turns that contain a word or phrase, in either script.",
        discussion: """
            The query is plain text, never search syntax. It is folded like the index (traditional and
            simplified, full and half width, case all match) and expanded with regional vocabulary
            (晶片 finds 芯片, 伺服器 finds 服务器). Words separated by spaces must all occur.
            Hits are marked «like this» in the snippet (in bold as well on a terminal).

            Keys in --format json: turn, speaker, document, title, line, snippet, speaker_id, start_offset and
            end_offset (where the snippet is in the document's text, in characters).

            Examples:
              zhiku search 摩尔定律
              zhiku search 晶片 --limit 5 --format json
              zhiku search 芯片 --speaker 王智 --document 2
              zhiku search 需求 --topic 晶片
            """
    )

    @OptionGroup var database: DatabaseOptions

    @Argument(help: "What to search for.")
    var query: String

    @Option(help: "Only turns of this speaker: an id or a name in either script.")
    var speaker: String?

    @Option(help: "Only turns of this document: its id (see zhiku documents) or title.")
    var document: String?

    @Option(help: "Only turns that mention this topic (or this text), in either script.")
    var topic: String?

    @Option(help: "At most this many turns.")
    var limit: Int = 20

    @OptionGroup var output: OutputOptions

    func run() throws {
        let opencc = OpenCC()
        let store = try database.openExistingStore(opencc)
        let options = SearchOptions(
            speakerID: try speaker.map(store.speakerID(named:)), documentID: try document.map(store.documentID(named:)),
            topic: topic, limit: limit)
        let hits = try store.search(query, options: options)
        // Hits are marked with «» in every format; a terminal shows them in bold as well.
        let bold = output.format == .table && TerminalWidth.current != nil
        let table: OutputTable = bold ? .searchHits(hits, open: "\u{1B}[1m«", close: "»\u{1B}[0m") : .searchHits(hits)
        try output.write(table, opencc: opencc)
        if hits.isEmpty { printError("no turns match \"\(query)\"") }
    }
}
