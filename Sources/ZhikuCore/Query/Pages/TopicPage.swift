import ZhikuSQLite

/// One topic as `zhiku show topic` presents it: who discussed it, and when.
public struct TopicPage: Sendable {
    /// A speaker who discussed the topic.
    public struct Speaker: Sendable {
        /// The speaker's id and name.
        public let id: Int64
        /// The speaker's name.
        public let name: String
        /// How many mentions their turns hold, in how many turns and documents.
        public let mentions: Int, turns: Int, documents: Int
        /// The dates of the first and last documents where they discussed it.
        public let first: String?, last: String?
    }

    /// The topic in one document.
    public struct Moment: Sendable {
        /// The document's id, title and date.
        public let documentID: Int64
        /// The document's title.
        public let title: String
        /// The document's date, ISO 8601 as precise as the source.
        public let date: String?
        /// How many mentions the document's turns hold.
        public let mentions: Int
        /// Who discussed it there, most mentions first.
        public let speakers: [String]
    }

    /// A section whose heading names the topic: shown apart, since speaking under a heading is not
    /// discussing it.
    public struct Heading: Sendable {
        /// The document's id and title.
        public let documentID: Int64
        /// The document's title.
        public let title: String
        /// The heading as written, and its line.
        public let heading: String
        /// The heading's line.
        public let line: Int
    }

    /// The topic's id, or nil when the name is no known topic and was searched as text.
    public let id: Int64?
    /// The topic's name (or the text searched for).
    public let name: String
    /// Its aliases.
    public let aliases: [String]
    /// `lexicon`, `quoted`, `heading`, `keyphrase`, or `text` when it is no known topic.
    public let origin: String
    /// The speakers who discussed it, most mentions first.
    public let speakers: [Speaker]
    /// The documents where it was discussed, oldest first.
    public let timeline: [Moment]
    /// Headings that name it.
    public let headings: [Heading]
}

extension Store {
    /// The page of the topic a user means by `name` (an id, or a name or alias in any script or
    /// regional form); a name that is no known topic is searched as text by the same rule.
    public func topicPage(_ name: String) throws -> TopicPage {
        let ids = try topicIDs(named: name)
        var title = name.trimmingWhitespace()
        var aliases: [String] = []
        var origin = "text"
        if let id = ids.min(), let row = try connection.queryFirst("SELECT name, origin FROM topic WHERE id = ?", id) {
            title = try row.string(0)
            origin = try row.string(1)
            for id in ids.sorted() {
                aliases += try connection.query("SELECT alias FROM topic_alias WHERE topic_id = ? ORDER BY id", id).map
                {
                    try $0.string(0)
                }
            }
        }
        let mentions = try mentionsByTurn(of: name)
        // Per turn: speaker, document and date, to count by speaker and by document.
        var perSpeaker: [Int64: (name: String, mentions: Int, turns: Int, documents: Set<Int64>, dates: [String])] =
            [:]
        var perDocument: [Int64: (title: String, date: String?, mentions: Int, speakers: [String: Int])] = [:]
        let statement = try connection.cachedStatement(
            """
            SELECT t.id, t.speaker_id, s.name, d.id, d.title, d.date
            FROM turn_span t JOIN document d ON d.id = t.document_id LEFT JOIN speaker s ON s.id = t.speaker_id
            WHERE t.id IN (SELECT value FROM json_each(?1))
            """)
        // The turn ids go in as one bound JSON array, whatever their number.
        try statement.bind(["[" + mentions.keys.map(String.init).joined(separator: ",") + "]"])
        try statement.forEachRow { row in
            let count = mentions[try row.int64(0)]?.count ?? 0
            let documentID = try row.int64(3)
            let date = try row.optionalString(5)
            let title = try row.string(4)
            var document = perDocument[documentID] ?? (title, date, 0, [:])
            document.mentions += count
            if let speakerID = try row.optionalInt64(1) {
                let speakerName = try row.string(2)
                var speaker = perSpeaker[speakerID] ?? (speakerName, 0, 0, [], [])
                speaker.mentions += count
                speaker.turns += 1
                speaker.documents.insert(documentID)
                if let date { speaker.dates.append(date) }
                perSpeaker[speakerID] = speaker
                document.speakers[speakerName, default: 0] += count
            }
            perDocument[documentID] = document
        }
        let speakers = perSpeaker.map { id, speaker in
            TopicPage.Speaker(
                id: id, name: speaker.name, mentions: speaker.mentions, turns: speaker.turns,
                documents: speaker.documents.count, first: speaker.dates.min(), last: speaker.dates.max())
        }.sorted { ($0.mentions, $1.id) > ($1.mentions, $0.id) }
        let timeline = perDocument.map { id, document in
            TopicPage.Moment(
                documentID: id, title: document.title, date: document.date, mentions: document.mentions,
                speakers: document.speakers.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map(\.key))
        }.sorted { ($0.date ?? "\u{10FFFF}", $0.documentID) < ($1.date ?? "\u{10FFFF}", $1.documentID) }
        return TopicPage(
            id: ids.min(), name: title, aliases: aliases.uniqued(), origin: origin, speakers: speakers,
            timeline: timeline, headings: try headings(naming: title, aliases: aliases))
    }

    /// The section headings that contain the topic's name or an alias, in either script.
    private func headings(naming name: String, aliases: [String]) throws -> [TopicPage.Heading] {
        let keys = ([name] + aliases).map { fold.fold($0).trimmingWhitespace() }.filter { !$0.isEmpty }
        // Headings are few compared with turns: fold them here rather than index them.
        return try connection.query(
            """
            SELECT s.document_id, d.title, s.heading, s.line FROM section s JOIN document d ON d.id = s.document_id
            ORDER BY d.date IS NULL, d.date, d.id, s.ordinal
            """
        ).compactMap { row in
            let heading = try row.string(2)
            let folded = fold.fold(heading)
            guard keys.contains(where: { folded.contains($0) }) else { return nil }
            return TopicPage.Heading(
                documentID: try row.int64(0), title: try row.string(1), heading: heading, line: try row.int(3))
        }
    }
}
