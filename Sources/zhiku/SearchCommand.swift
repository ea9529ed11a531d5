import ArgumentParser
import Foundation
import ZhikuCore

/// `zhiku search`: full-text search over every turn, in either script.
struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Find the turns that contain a word or phrase, in either script.",
        discussion: """
            The query is plain text, never search syntax. It is folded like the index (traditional and
            simplified, full and half width, case all match) and expanded with regional vocabulary
            (晶片 finds 芯片, 伺服器 finds 服务器). Words separated by spaces must all occur.

            Examples:
              zhiku search 摩尔定律
              zhiku search 晶片 --limit 5 --format json
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json }

    @OptionGroup var database: DatabaseOptions

    @Argument(help: "What to search for.")
    var query: String

    @Option(help: "At most this many turns.")
    var limit: Int = 20

    @Option(help: "Output format: table or json.")
    var format: Format = .table

    func run() throws {
        let store = try database.openStore(OpenCC())
        let hits = try store.search(query, options: SearchOptions(limit: limit))
        switch format {
        case .json:
            let rows = hits.map { hit -> [String: Any] in
                [
                    "turn": hit.turnID, "speaker": hit.speakerName as Any, "document": hit.documentID,
                    "title": hit.documentTitle, "line": hit.line, "snippet": hit.snippet.marked(),
                ]
            }
            let data = try JSONSerialization.data(
                withJSONObject: rows, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
            print(String(decoding: data, as: UTF8.self))
        case .table:
            for hit in hits {
                let snippet = hit.snippet.marked().replacingOccurrences(of: "\n", with: " ")
                print("\(hit.documentTitle):\(hit.line)  \(hit.speakerName ?? "—")  \(snippet)")
            }
            if hits.isEmpty { printError("no turns match \"\(query)\"") }
        }
    }
}
