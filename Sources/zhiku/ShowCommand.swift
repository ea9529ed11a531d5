import ArgumentParser
import Foundation
import ZhikuCore
import ZhikuOutput

/// `zhiku show`: a readable page of one document, speaker or topic.
struct ShowCommand: ParsableCommand {
    /// What to show.
    enum Kind: String, ExpressibleByArgument, CaseIterable {
        case document, speaker, topic
    }

    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show one document, speaker or topic as a readable page.",
        discussion: """
            document: its speakers, then its turns by section, in the original text.
            speaker:  their appearances (document, affiliation, role), the topics they discussed and
                      their claims, each with document, line and character offsets.
            topic:    who discussed it, most first, and in which documents over time; headings that
                      name it are listed apart (speaking under a heading is not discussing it).

            Name a document by id or title, a speaker by id or by name in either script, a topic by id
            or by name or alias in either script or regional form; a name that is no known topic is
            searched as text. --format json prints an array holding the page as one object (jsonl: one
            line); csv and tsv do not fit a page.

            Examples:
              zhiku show document 1
              zhiku show speaker 陈蜀杰
              zhiku show topic 晶片 --format json
            """
    )

    @OptionGroup var database: DatabaseOptions

    @Argument(help: "document, speaker or topic.")
    var kind: Kind

    @Argument(help: ArgumentHelp("Which one: an id or a name.", valueName: "id-or-name"))
    var name: String

    @Option(help: "At most this many claims on a speaker's page.")
    var limit: Int = 20

    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard [.table, .json, .jsonl].contains(output.format) else {
            throw ValidationError("show writes a page: use --format table, json or jsonl")
        }
        if limit < 1 { throw ValidationError("--limit must be at least 1, got \(limit)") }
    }

    func run() throws {
        let opencc = OpenCC()
        let store = try database.openExistingStore(opencc)
        let page: (text: String, value: OutputValue)
        switch kind {
        case .document:
            let document = try store.documentPage(store.documentID(named: name))
            page = (document.renderedText(), document.outputValue)
        case .speaker:
            let speaker = try store.speakerPage(store.speakerID(named: name), claimLimit: limit)
            page = (speaker.renderedText(), speaker.outputValue)
        case .topic:
            let topic = try store.topicPage(name)
            page = (topic.renderedText(), topic.outputValue)
        }
        if output.format == .table {
            let text = try output.script.config.map { try opencc.converter($0).convert(page.text) } ?? page.text
            FileHandle.standardOutput.write(Data(text.utf8))
        } else {
            guard case .object(let keys, let values) = page.value else { return }
            try output.write(OutputTable(columns: keys, rows: [values]), opencc: opencc)
        }
    }
}
