import Foundation
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
    /// A turn's text is cut out of its document's. When a document has one of the turns, SQLite
    /// cuts it (`substr()`, as the view `turn` does), which spares making a Swift string of a long
    /// transcript; when it has several, the text is read once and cut in one pass: each `substr()`
    /// reads the document again and counts its characters up to the turn, and the newest-first hits
    /// of a common word are often twenty turns of one new document.
    func turnDetails(_ ids: [Int64]) throws -> [Int64: TurnDetail] {
        let spans = try turnSpans(ids)
        var details: [Int64: TurnDetail] = [:]
        for (documentID, turns) in Dictionary(grouping: spans, by: \.documentID) {
            let texts: [String]
            if turns.count == 1, let turn = turns.first {
                texts = [
                    try connection.queryFirst(
                        "SELECT substr(text, ?, ?) FROM document WHERE id = ?", turn.start + 1, turn.end - turn.start,
                        documentID)?.string(0) ?? ""
                ]
            } else {
                // As bytes: only the pieces become strings, and only their bytes are validated.
                let text = try connection.queryFirst("SELECT CAST(text AS BLOB) FROM document WHERE id = ?", documentID)
                texts = DocumentTexts.cut(try text?.data(0) ?? Data(), at: turns.map { $0.start..<$0.end })
            }
            for (turn, text) in zip(turns, texts) {
                details[turn.id] = TurnDetail(
                    id: turn.id, documentID: documentID, documentTitle: turn.documentTitle, speakerID: turn.speakerID,
                    speakerName: turn.speakerName, line: turn.line, startOffset: turn.start, text: text)
            }
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
