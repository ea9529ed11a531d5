import ZhikuSQLite

/// One turn with its text and where it is, as search hits and evidence show it.
struct TurnDetail {
    /// The turn's id.
    let id: Int64
    /// The document's id and title.
    let documentID: Int64, documentTitle: String
    /// The speaker's id and name; nil for text that nobody said.
    let speakerID: Int64?, speakerName: String?
    /// The line of the document where the turn starts.
    let line: Int
    /// Where the turn starts in the document's text, in Unicode scalars.
    let startOffset: Int
    /// The turn's original text.
    let text: String
}

extension Store {
    /// The turns `ids` with their texts, by id; ids that name no turn are left out.
    ///
    /// SQLite cuts each text out of its document (`substr()`, as the view `turn` does): it reads the
    /// document without making a Swift string of it, which for a long transcript costs more than the
    /// cut itself.
    func turnDetails(_ ids: [Int64]) throws -> [Int64: TurnDetail] {
        var details: [Int64: TurnDetail] = [:]
        for id in ids where details[id] == nil {
            guard
                let row = try connection.queryFirst(
                    """
                    SELECT t.document_id, d.title, t.speaker_id, s.name, t.line, t.start_offset,
                      substr(d.text, t.start_offset + 1, t.end_offset - t.start_offset)
                    FROM turn_span t JOIN document d ON d.id = t.document_id LEFT JOIN speaker s ON s.id = t.speaker_id
                    WHERE t.id = ?
                    """, id)
            else { continue }
            details[id] = TurnDetail(
                id: id, documentID: try row.int64(0), documentTitle: try row.string(1),
                speakerID: try row.optionalInt64(2), speakerName: try row.optionalString(3), line: try row.int(4),
                startOffset: try row.int(5), text: try row.string(6))
        }
        return details
    }
}
