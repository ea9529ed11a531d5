import ArgumentParser
import ZhikuCore
import ZhikuOutput

/// `zhiku topics`: the topics, ranked by how much they were discussed.
struct TopicsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "topics",
        abstract: "List the topics, most discussed first: in the corpus, in a document, or by a speaker.",
        discussion: """
            Topics come from a lexicon (zhiku ingest --topics), from terms quoted with 「」 or “”, from
            section headings and from key phrases found over the corpus; origin says which. mentions
            counts the mentions in the turns chosen (the speaker's, the document's, or all); speakers
            counts who mentioned the topic in the document chosen, or anywhere. A speaker is found by
            id or by name in either script (陈蜀杰 finds 陳蜀傑).

            Keys in --format json: id, name, aliases, origin, speakers, mentions.

            Examples:
              zhiku topics
              zhiku topics --speaker 陈蜀杰 --format json
              zhiku topics --document 3
            """
    )

    @OptionGroup var database: DatabaseOptions

    @Option(help: "Only topics this speaker discussed: an id or a name in either script.")
    var speaker: String?

    @Option(help: "Only topics discussed in this document: its id (see zhiku documents) or title.")
    var document: String?

    @OptionGroup var output: OutputOptions

    func run() throws {
        let opencc = OpenCC()
        let store = try database.openExistingStore(opencc)
        let topics = try store.topics(
            speakerID: try speaker.map(store.speakerID(named:)), documentID: try document.map(store.documentID(named:)))
        try output.write(.topics(topics), opencc: opencc)
    }
}
