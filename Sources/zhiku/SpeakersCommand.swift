import ArgumentParser
import ZhikuCore
import ZhikuOutput

/// `zhiku speakers`: who spoke, and who discussed a topic.
struct SpeakersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "speakers",
        abstract: "List the speakers, or those who discussed a topic, with the evidence.",
        discussion: """
            A speaker discussed a topic when one of their turns mentions its name or an alias, in either
            script or regional form (芯片 and 晶片 are one topic). A name that is no known topic is
            searched as text. With several --topic, only speakers who discussed all of them are listed,
            most mentions first: mentions count the turns that mention the topics. Of a topic that more
            than 2,000 turns mention, the newest 2,000 are counted (a note on standard error says so).

            Keys in --format json: id, name, aliases, affiliation (latest known), roles, turns,
            documents; with --topic also mentions and evidence (turn ids with a snippet each).

            Examples:
              zhiku speakers
              zhiku speakers --topic 摩尔定律 --format json
              zhiku speakers --topic 晶片 --topic 伺服器
            """
    )

    @OptionGroup var database: DatabaseOptions

    @Option(name: .customLong("topic"), help: "Only speakers who discussed this topic (repeatable).")
    var topics: [String] = []

    @Option(help: "Only speakers of this document: its id (see zhiku documents) or title.")
    var document: String?

    @Option(help: "At most this many speakers (default: 20 with --topic, every speaker without).")
    var limit: Int?

    @OptionGroup var output: OutputOptions

    func run() throws {
        let opencc = OpenCC()
        let store = try database.openExistingStore(opencc)
        let options = SpeakerOptions(
            documentID: try document.map(store.documentID(named:)),
            limit: limit ?? (topics.isEmpty ? nil : Store.defaultTopicSpeakerLimit))
        let listing = try store.speakerListing(topics: topics, options: options)
        let speakers = listing.speakers
        try output.write(.speakers(speakers, withEvidence: !topics.isEmpty), opencc: opencc)
        if speakers.isEmpty, !topics.isEmpty {
            printError("no speaker discussed \(topics.joined(separator: " and "))")
        }
        if speakers.count < listing.total {
            printError("\(speakers.count) of \(listing.total) speakers shown; --limit shows more")
        }
        for topic in listing.partialTopics {
            printError(
                "more than \(options.matchLimit) turns mention \(topic): speakers and mentions are counted in the newest \(options.matchLimit)"
            )
        }
    }
}
