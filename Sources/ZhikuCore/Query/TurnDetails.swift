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
    /// A turn's text is cut out of its document's (see ``DocumentTexts``), read once for all its
    /// turns: each `substr()`, as the view `turn` cuts, would read the document again and count its
    /// characters up to the turn, and the newest-first hits of a common word are often twenty turns
    /// of one new document.
    func turnDetails(_ ids: [Int64]) throws -> [Int64: TurnDetail] {
        var details: [Int64: TurnDetail] = [:]
        var texts = DocumentTexts(connection: connection)
        for turn in try turnSpans(ids).sorted(by: { ($0.documentID, $0.start) < ($1.documentID, $1.start) }) {
            details[turn.id] = TurnDetail(
                id: turn.id, documentID: turn.documentID, documentTitle: turn.documentTitle,
                speakerID: turn.speakerID, speakerName: turn.speakerName, line: turn.line, startOffset: turn.start,
                text: try texts.text(of: turn.documentID, turn.start..<turn.end))
        }
        return details
    }

    /// Where each of the turns `ids` is, without its text.
    private func turnSpans(_ ids: [Int64]) throws -> [TurnSpan] {
        var spans: [TurnSpan] = []
        for id in Set(ids) {
            guard
                let row = try connection.queryFirst(
                    """
                    SELECT t.document_id, d.title, t.speaker_id, s.name, t.line, t.start_offset, t.end_offset
                    FROM turn_span t JOIN document d ON d.id = t.document_id LEFT JOIN speaker s ON s.id = t.speaker_id
                    WHERE t.id = ?
                    """, id)
            else { continue }
            spans.append(
                TurnSpan(
                    id: id, documentID: try row.int64(0), documentTitle: try row.string(1),
                    speakerID: try row.optionalInt64(2), speakerName: try row.optionalString(3), line: try row.int(4),
                    start: try row.int(5), end: try row.int(6)))
        }
        return spans
    }
}

/// A turn's place and speaker, read before its text.
private struct TurnSpan {
    let id: Int64
    let documentID: Int64, documentTitle: String
    let speakerID: Int64?, speakerName: String?
    let line: Int
    let start: Int, end: Int
}
