import ZhikuSQLite

/// One speaker as `zhiku show speaker` presents them: where they appeared, their topics and claims.
public struct SpeakerPage: Sendable {
    /// One document the speaker appears in, with what they were there.
    public struct Appearance: Sendable {
        /// The document's id, title and date.
        public let documentID: Int64
        /// The document's title.
        public let title: String
        /// The document's date, ISO 8601 as precise as the source.
        public let date: String?
        /// The name as that document writes it, and the affiliation and role it gives.
        public let writtenName: String
        /// Affiliation and role in that document.
        public let affiliation: String?, role: String?
        /// How many turns they spoke there.
        public let turns: Int
    }

    /// The speaker, as `zhiku speakers` lists them.
    public let summary: SpeakerSummary
    /// Every appearance, oldest first.
    public let appearances: [Appearance]
    /// The topics they discussed, most mentioned first.
    public let topics: [TopicSummary]
    /// Their claims, at most the limit asked for, in the order they were said.
    public let claims: [ClaimRecord]
    /// How many claims they made in all.
    public let claimCount: Int
}

extension Store {
    /// The page of the speaker `id`, with at most `claimLimit` claims.
    public func speakerPage(_ id: Int64, claimLimit: Int = 20) throws -> SpeakerPage {
        guard let summary = try speakerDetails([id])[id]?.summary(mentions: 0, evidence: []) else {
            throw ZhikuError.notFound(kind: "speaker", name: String(id), suggestions: [])
        }
        // The appearance's own turn count: counting the turns of each document here went through the
        // speaker's index, every turn of theirs once per document, 39 s for a speaker of 135,000 turns.
        let appearances = try connection.query(
            """
            SELECT d.id, d.title, d.date, a.written_name, a.affiliation, a.role, a.turns
            FROM appearance a JOIN document d ON d.id = a.document_id
            WHERE a.speaker_id = ? ORDER BY d.date IS NULL, d.date, d.id
            """, id
        ).map { row in
            SpeakerPage.Appearance(
                documentID: try row.int64(0), title: try row.string(1), date: try row.optionalString(2),
                writtenName: try row.string(3), affiliation: try row.optionalString(4), role: try row.optionalString(5),
                turns: try row.int(6))
        }
        let claimCount =
            try connection.queryFirst(
                "SELECT count(*) FROM claim_span c JOIN turn_span t ON t.id = c.turn_id WHERE t.speaker_id = ?", id)?
            .int(0) ?? 0
        return SpeakerPage(
            summary: summary, appearances: appearances, topics: try topics(speakerID: id),
            claims: try claims(ClaimFilter(speakerID: id, limit: claimLimit)), claimCount: claimCount)
    }
}
