import ZhikuSQLite

/// A speaker as `zhiku speakers` lists them.
public struct SpeakerSummary: Sendable {
    /// The speaker's id.
    public let id: Int64
    /// The form of the name written most often.
    public let name: String
    /// Every form the name was written in.
    public let aliases: [String]
    /// The affiliation of their latest dated appearance that has one.
    public let affiliation: String?
    /// The roles they had (主持人 …).
    public let roles: [String]
    /// How many turns they spoke.
    public let turns: Int
    /// In how many documents they appear.
    public let documents: Int
    /// With topics: how many of their turns mention them (for several topics, the sum over the
    /// topics), among the turns examined (see ``SpeakerOptions/matchLimit``).
    public let mentions: Int
    /// With topics: some of the turns that mention them, newest first, with a snippet each.
    public let evidence: [SearchHit]
}

/// Filters and limits of a speakers query.
public struct SpeakerOptions: Sendable {
    /// Only speakers who appear in this document.
    public var documentID: Int64?
    /// With topics: at most this many evidence turns per speaker.
    public var evidencePerSpeaker: Int
    /// At most this many speakers, the first in the order listed; nil for every one.
    public var limit: Int?
    /// With topics: at most this many turns that mention each topic are examined, the newest. A
    /// character found in most turns matches hundreds of thousands of them, and reading every
    /// one's speaker takes far longer than a user waits; among the newest 2,000 the speakers who
    /// say it most still stand out. ``SpeakerListing/isComplete`` says when the limit was reached.
    /// The time a listing takes grows with this number, as search's with
    /// ``SearchOptions/rankedMatchLimit``: on the 100 MB benchmark corpus, 2,000 rather than 5,000
    /// takes the p95 of two-character topics from 11 to 9.5 ms.
    public var matchLimit = 2_000

    /// Options with the defaults: no document filter, three evidence turns each, every speaker.
    public init(documentID: Int64? = nil, evidencePerSpeaker: Int = 3, limit: Int? = nil) {
        self.documentID = documentID
        self.evidencePerSpeaker = evidencePerSpeaker
        self.limit = limit
    }
}

/// The answer of ``Store/speakerListing(topics:options:)``.
public struct SpeakerListing: Sendable {
    /// The speakers, most mentions first (most turns first without topics), at most the limit.
    public let speakers: [SpeakerSummary]
    /// How many speakers qualified before the limit was applied.
    public let total: Int
    /// The topics of which more turns matched than ``SpeakerOptions/matchLimit``, so that only the
    /// newest were examined: their speakers and mentions are those of the newest turns.
    public let partialTopics: [String]

    /// Whether every turn that mentions the topics was examined.
    public var isComplete: Bool { partialTopics.isEmpty }
}

extension Store {
    /// The number of speakers ``speakers(topics:documentID:evidencePerSpeaker:)`` lists for topics.
    public static let defaultTopicSpeakerLimit = 20

    /// Every speaker, most turns first; with `topics`, the speakers who discussed all of them, most
    /// mentions first, at most ``defaultTopicSpeakerLimit`` of them; with `documentID`, only the
    /// speakers of that document. See ``speakerListing(topics:options:)``.
    public func speakers(topics: [String] = [], documentID: Int64? = nil, evidencePerSpeaker: Int = 3) throws
        -> [SpeakerSummary]
    {
        let options = SpeakerOptions(
            documentID: documentID, evidencePerSpeaker: evidencePerSpeaker,
            limit: topics.isEmpty ? nil : Self.defaultTopicSpeakerLimit)
        return try speakerListing(topics: topics, options: options).speakers
    }

    /// Every speaker, most turns first; with `topics`, only the speakers who discussed all of them,
    /// most mentions first; with a document, only the speakers of that document.
    ///
    /// A speaker discussed a topic when one of their turns mentions the topic's name or an alias, in
    /// either script or regional form (芯片 / 晶片). A name that is no known topic is searched as text
    /// by the same rule as ``search(_:options:)``. Mentions count turns, not occurrences: a turn that
    /// says 芯片 five times is one turn about it. At most ``SpeakerOptions/matchLimit`` turns per topic
    /// are examined, the newest; ``SpeakerListing/partialTopics`` names the topics that had more.
    public func speakerListing(topics: [String], options: SpeakerOptions = SpeakerOptions()) throws
        -> SpeakerListing
    {
        if let limit = options.limit, limit < 0 {
            throw ZhikuError.invalidArgument("the limit must not be negative, got \(limit)")
        }
        guard !topics.isEmpty else { return try everySpeaker(options) }

        let found = try topics.map { try turnsMentioning($0, limit: max(options.matchLimit, 1)) }
        // Per speaker: the turns of theirs that mention each topic, newest first.
        var turnsBySpeaker: [Int64: [[Int64]]] = [:]
        for (index, topic) in found.enumerated() {
            for turn in topic.turns {
                guard let speaker = turn.speakerID else { continue }
                turnsBySpeaker[speaker, default: Array(repeating: [], count: found.count)][index].append(turn.id)
            }
        }
        var qualified = turnsBySpeaker.filter { $0.value.allSatisfy { !$0.isEmpty } }
        if let documentID = options.documentID {
            let present = Set(
                try connection.query("SELECT speaker_id FROM appearance WHERE document_id = ?", documentID).map {
                    try $0.int64(0)
                })
            qualified = qualified.filter { present.contains($0.key) }
        }
        let ranked = qualified.map { (id: $0.key, mentions: $0.value.reduce(0) { $0 + $1.count }) }.sorted {
            ($0.mentions, $1.id) > ($1.mentions, $0.id)
        }
        let chosen = options.limit.map { Array(ranked.prefix($0)) } ?? ranked
        let details = try speakerDetails(chosen.map(\.id))
        // The evidence: each speaker's newest turns that mention any of the topics, read together.
        let evidenceTurns = chosen.map { speaker in
            Set((turnsBySpeaker[speaker.id] ?? []).joined()).sorted(by: >).prefix(max(options.evidencePerSpeaker, 0))
        }
        let texts = try turnDetails(evidenceTurns.flatMap { $0 })
        var summaries: [SpeakerSummary] = []
        for (speaker, turns) in zip(chosen, evidenceTurns) {
            guard let detail = details[speaker.id] else { continue }
            let evidence = try turns.compactMap { texts[$0] }.map { try hit($0, marking: found.map(\.reference)) }
            summaries.append(detail.summary(mentions: speaker.mentions, evidence: evidence))
        }
        return SpeakerListing(
            speakers: summaries, total: ranked.count,
            partialTopics: zip(topics, found).filter { !$0.1.isComplete }.map(\.0))
    }

    /// Every speaker (of the document, if one is given), most turns first.
    private func everySpeaker(_ options: SpeakerOptions) throws -> SpeakerListing {
        var ids: [Int64] = []
        if let documentID = options.documentID {
            ids = try connection.query("SELECT speaker_id FROM appearance WHERE document_id = ?", documentID).map {
                try $0.int64(0)
            }
        } else {
            ids = try connection.query("SELECT id FROM speaker").map { try $0.int64(0) }
        }
        let details = try speakerDetails(ids)
        let ranked = details.values.sorted { ($0.turns, $1.id) > ($1.turns, $0.id) }
        let chosen = options.limit.map { Array(ranked.prefix($0)) } ?? ranked
        return SpeakerListing(
            speakers: chosen.map { $0.summary(mentions: 0, evidence: []) }, total: ranked.count, partialTopics: [])
    }

    /// What ``SpeakerSummary`` says of each of `ids` apart from the topics, from the cache where
    /// it holds them.
    func speakerDetails(_ ids: [Int64]) throws -> [Int64: SpeakerDetail] {
        let stamp = try contentStamp()
        if speakerDetailCache.stamp != stamp { speakerDetailCache = SpeakerDetailCache(stamp: stamp) }
        let missing = ids.filter { speakerDetailCache.details[$0] == nil }
        for (id, detail) in try readSpeakerDetails(missing) { speakerDetailCache.details[id] = detail }
        var details: [Int64: SpeakerDetail] = [:]
        for id in ids { details[id] = speakerDetailCache.details[id] }
        return details
    }

    /// Reads what ``SpeakerSummary`` says of each of `ids` apart from the topics.
    private func readSpeakerDetails(_ ids: [Int64]) throws -> [Int64: SpeakerDetail] {
        var details: [Int64: SpeakerDetail] = [:]
        for chunk in ids.chunked(500) {
            let placeholders = Array(repeating: "?", count: chunk.count).joined(separator: ",")
            // The placeholders are a fixed count of `?`; the ids themselves are bound.
            // Prepared without the cache: the statement's text depends on the chunk's size.
            let statement = try connection.prepare(
                """
                SELECT s.id, s.name,
                  (SELECT group_concat(alias, char(31)) FROM speaker_alias WHERE speaker_id = s.id),
                  (SELECT a.affiliation FROM appearance a JOIN document d ON d.id = a.document_id
                   WHERE a.speaker_id = s.id AND a.affiliation IS NOT NULL ORDER BY d.date DESC, d.id DESC LIMIT 1),
                  (SELECT group_concat(DISTINCT role) FROM appearance WHERE speaker_id = s.id AND role IS NOT NULL),
                  (SELECT coalesce(sum(turns), 0) FROM appearance WHERE speaker_id = s.id),
                  (SELECT count(*) FROM appearance WHERE speaker_id = s.id)
                FROM speaker s WHERE s.id IN (\(placeholders))
                """)
            try statement.bind(chunk.map { $0 as any SQLiteBindable })
            try statement.forEachRow { row in
                let id = try row.int64(0)
                details[id] = SpeakerDetail(
                    id: id, name: try row.string(1),
                    aliases: (try row.optionalString(2) ?? "").split(separator: "\u{1F}").map(String.init),
                    affiliation: try row.optionalString(3),
                    roles: (try row.optionalString(4) ?? "").split(separator: ",").map(String.init),
                    turns: try row.int(5), documents: try row.int(6))
            }
        }
        return details
    }

    /// A search hit for one turn, with the mentions of every topic in `references` marked.
    private func hit(_ turn: TurnDetail, marking references: [TopicReference]) throws -> SearchHit {
        let ranges = try references.flatMap {
            try mentionRanges(of: $0, turnID: turn.id, text: turn.text, start: turn.startOffset)
        }.sorted { $0.lowerBound < $1.lowerBound }
        return SearchHit(
            turnID: turn.id, documentID: turn.documentID, documentTitle: turn.documentTitle,
            speakerID: turn.speakerID, speakerName: turn.speakerName, line: turn.line, turnStart: turn.startOffset,
            snippet: Highlighter.snippet(marking: ranges, in: turn.text))
    }
}

/// Speakers' details, kept by a store until its database changes.
struct SpeakerDetailCache {
    /// The database content they were read from (see ``Store/contentStamp()``).
    var stamp: [Int] = []
    /// The details read so far, by speaker id.
    var details: [Int64: SpeakerDetail] = [:]
}

/// A speaker's summary apart from the topics.
struct SpeakerDetail {
    let id: Int64
    let name: String
    let aliases: [String]
    let affiliation: String?
    let roles: [String]
    let turns: Int
    let documents: Int

    func summary(mentions: Int, evidence: [SearchHit]) -> SpeakerSummary {
        SpeakerSummary(
            id: id, name: name, aliases: aliases, affiliation: affiliation, roles: roles, turns: turns,
            documents: documents, mentions: mentions, evidence: evidence)
    }
}

extension Array {
    /// The array cut into pieces of at most `size` elements.
    fileprivate func chunked(_ size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}
