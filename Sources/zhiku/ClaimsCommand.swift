import ArgumentParser
import ZhikuCore
import ZhikuOutput

/// `zhiku claims`: what speakers asserted, with where they said it.
struct ClaimsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "claims",
        abstract: "List claims (assertive sentences) by speaker, topic or document, with their source.",
        discussion: """
            A claim is an assertive sentence of a turn: not a question, greeting or thanks. Every claim
            carries its document, line and character offsets in the document's original text. A
            claim is about a topic when it mentions the topic's name or an alias in any script or
            regional form; a name that is no known topic is searched as text. A speaker is found by
            id or by name in either script.

            Keys in --format json: id, speaker, text, document, line, topics, and also speaker_id,
            title, date, turn, start_offset, end_offset.

            Examples:
              zhiku claims --speaker 王智 --topic 芯片
              zhiku claims --topic 摩尔定律 --format json --script traditional
              zhiku claims --document 2 --limit 10
            """
    )

    @OptionGroup var database: DatabaseOptions

    @Option(help: "Only claims of this speaker: an id or a name in either script.")
    var speaker: String?

    @Option(help: "Only claims that mention this topic (or this text), in either script.")
    var topic: String?

    @Option(help: "Only claims of this document: its id (see zhiku documents) or title.")
    var document: String?

    @Option(help: "At most this many claims.")
    var limit: Int?

    @OptionGroup var output: OutputOptions

    func validate() throws {
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1, got \(limit)") }
    }

    func run() throws {
        let opencc = OpenCC()
        let store = try database.openExistingStore(opencc)
        let filter = ClaimFilter(
            speakerID: try speaker.map(store.speakerID(named:)), topic: topic,
            documentID: try document.map(store.documentID(named:)), limit: limit)
        try output.write(.claims(try store.claims(filter)), opencc: opencc)
    }
}
