import ZhikuSQLite

/// A topic as `zhiku topics` lists it.
public struct TopicSummary: Sendable {
    /// The topic's id.
    public let id: Int64
    /// Its name, as first found.
    public let name: String
    /// Other names it goes by (from a lexicon), in any script.
    public let aliases: [String]
    /// How it was found: `lexicon`, `quoted`, `heading` or `keyphrase`.
    public let origin: String
    /// How many speakers mention it in the chosen documents (all of them, or the one asked for).
    public let speakers: Int
    /// How many times it is mentioned in the chosen turns: those of the speaker and document asked for.
    public let mentions: Int
}

extension Store {
    /// The topics, most mentioned first: in the whole corpus, in one document, or by one speaker.
    ///
    /// With a filter, only the topics mentioned within it are listed; `speakers` counts who mentioned
    /// the topic in the document asked for (or anywhere), even when the list is one speaker's, so that
    /// one can see whether a speaker's topic was theirs alone.
    public func topics(speakerID: Int64? = nil, documentID: Int64? = nil) throws -> [TopicSummary] {
        try connection.query(
            """
            SELECT t.id, t.name, t.origin,
                   (SELECT group_concat(alias, char(31)) FROM topic_alias WHERE topic_id = t.id),
                   coalesce(m.speakers, 0), coalesce(m.mentions, 0)
            FROM topic t LEFT JOIN (
                SELECT m.topic_id,
                       count(DISTINCT s.speaker_id) AS speakers,
                       count(*) FILTER (WHERE ?1 IS NULL OR s.speaker_id = ?1) AS mentions
                FROM mention m JOIN turn_span s ON s.id = m.turn_id
                WHERE ?2 IS NULL OR s.document_id = ?2
                GROUP BY m.topic_id
            ) m ON m.topic_id = t.id
            WHERE (?1 IS NULL AND ?2 IS NULL) OR m.mentions > 0
            ORDER BY 6 DESC, 5 DESC, t.id
            """, speakerID, documentID
        ).map { row in
            TopicSummary(
                id: try row.int64(0), name: try row.string(1),
                aliases: (try row.optionalString(3) ?? "").split(separator: "\u{1F}").map(String.init),
                origin: try row.string(2), speakers: try row.int(4), mentions: try row.int(5))
        }
    }
}
