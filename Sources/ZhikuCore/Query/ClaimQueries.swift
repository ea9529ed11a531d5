import ZhikuSQLite

/// A claim as `zhiku claims` lists it, with where it was said.
public struct ClaimRecord: Sendable {
    /// The claim's id.
    public let id: Int64
    /// The turn it belongs to.
    public let turnID: Int64
    /// Who said it.
    public let speakerID: Int64
    /// The speaker's name.
    public let speakerName: String
    /// The sentence, in its original characters.
    public let text: String
    /// The document's id.
    public let documentID: Int64
    /// The document's title.
    public let documentTitle: String
    /// The document's date, ISO 8601 as precise as the source.
    public let documentDate: String?
    /// The line of the document where the sentence starts.
    public let line: Int
    /// Where the sentence is in the document's text, in characters (Unicode scalars) from its start.
    public let startOffset: Int, endOffset: Int
    /// The names of the topics mentioned in the sentence.
    public let topics: [String]
}

/// Which claims to list.
public struct ClaimFilter: Sendable {
    /// Only claims of this speaker.
    public var speakerID: Int64?
    /// Only claims that mention this topic (a known topic's name or alias in any script or regional
    /// form; otherwise the text itself, by the same rule as search).
    public var topic: String?
    /// Only claims of this document.
    public var documentID: Int64?
    /// At most this many claims.
    public var limit: Int?

    /// A filter; every field left nil lets everything through.
    public init(speakerID: Int64? = nil, topic: String? = nil, documentID: Int64? = nil, limit: Int? = nil) {
        self.speakerID = speakerID
        self.topic = topic
        self.documentID = documentID
        self.limit = limit
    }
}

extension Store {
    /// The claims that pass `filter`, in the order they were said: by document date, then place.
    public func claims(_ filter: ClaimFilter = ClaimFilter()) throws -> [ClaimRecord] {
        if let limit = filter.limit, limit < 1 {
            throw ZhikuError.invalidArgument("the limit must be at least 1, got \(limit)")
        }
        // With a topic: the ranges it is mentioned at, by turn; a claim holds a mention in its span.
        var mentioned: [Int64: [Range<Int>]]?
        if let topic = filter.topic {
            mentioned = try mentionsByTurn(of: topic)
            if mentioned?.isEmpty == true { return [] }
        }
        let statement = try connection.cachedStatement(
            """
            SELECT c.id, c.turn_id, t.speaker_id, s.name, t.document_id, d.title, d.date, c.line,
                   c.start_offset, c.end_offset
            FROM claim_span c JOIN turn_span t ON t.id = c.turn_id JOIN speaker s ON s.id = t.speaker_id
                 JOIN document d ON d.id = t.document_id
            WHERE (?1 IS NULL OR t.speaker_id = ?1) AND (?2 IS NULL OR t.document_id = ?2)
              AND (?3 IS NULL OR c.turn_id IN (SELECT value FROM json_each(?3)))
            ORDER BY d.date IS NULL, d.date, d.id, c.start_offset
            """)
        // The turns that mention the topic go in as one bound JSON array, whatever their number.
        let turnList = mentioned.map { "[" + $0.keys.map(String.init).joined(separator: ",") + "]" }
        try statement.bind([filter.speakerID, filter.documentID, turnList])
        defer { try? statement.reset() }
        var records: [ClaimRecord] = []
        var texts = DocumentTexts(connection: connection)
        var topicsOfTurn: (turn: Int64, mentions: [(range: Range<Int>, name: String)])?
        while try statement.step() {
            let row = statement.row()
            let turnID = try row.int64(1)
            let span = try row.int(8)..<(try row.int(9))
            if let mentioned {
                guard let ranges = mentioned[turnID], ranges.contains(where: { span.overlaps($0) }) else { continue }
            }
            if topicsOfTurn?.turn != turnID { topicsOfTurn = (turnID, try mentions(inTurn: turnID)) }
            let names = (topicsOfTurn?.mentions ?? []).filter { span.contains($0.range.lowerBound) }.map(\.name)
            let documentID = try row.int64(4)
            records.append(
                ClaimRecord(
                    id: try row.int64(0), turnID: turnID, speakerID: try row.int64(2), speakerName: try row.string(3),
                    text: try texts.text(of: documentID, span), documentID: documentID,
                    documentTitle: try row.string(5), documentDate: try row.optionalString(6), line: try row.int(7),
                    startOffset: span.lowerBound, endOffset: span.upperBound, topics: names.uniqued()))
            if let limit = filter.limit, records.count >= limit { break }
        }
        return records
    }

    /// The topic mentions of one turn, with the topic's name.
    private func mentions(inTurn turnID: Int64) throws -> [(range: Range<Int>, name: String)] {
        try connection.query(
            """
            SELECT m.start_offset, m.end_offset, t.name FROM mention m JOIN topic t ON t.id = m.topic_id
            WHERE m.turn_id = ? ORDER BY m.start_offset
            """, turnID
        ).map { (try $0.int(0)..<(try $0.int(1)), try $0.string(2)) }
    }
}

extension Array where Element: Hashable {
    /// The elements without repeats, in the order of their first occurrence.
    func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}
