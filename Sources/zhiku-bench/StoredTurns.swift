import Foundation
import ZhikuCore
import ZhikuSQLite

/// One turn of a Zhiku database, as the query benchmark needs it.
struct StoredTurn {
    /// The turn's id: the rowid of `turn_fts`, and of the trigram table.
    let id: Int64
    /// The speaker's id; nil for text that nobody said.
    let speakerID: Int64?
    /// The speaker's name; nil for text that nobody said.
    let speaker: String?
    /// The original text, cut out of the document by the turn's offsets.
    let text: String
}

/// Every turn of a Zhiku database, read once, in id order.
struct StoredTurns {
    /// The turns, by ascending id.
    let turns: [StoredTurn]
    /// UTF-8 bytes of all turn texts.
    let textBytes: Int

    /// Reads the turns of `store`. The `turn` view substr()s `document.text` once per row, which is
    /// slow for long documents, so spans and documents are read apart and each document is sliced
    /// here, by Unicode scalar offsets as the schema defines them (as `FloorTurns` does).
    static func load(from store: Store) throws -> StoredTurns {
        let connection = store.connection
        var names: [Int64: String] = [:]
        try connection.prepare("SELECT id, name FROM speaker").forEachRow { row in
            names[try row.int64(0)] = try row.string(1)
        }
        var spans: [Int64: [(id: Int64, speaker: Int64?, start: Int, end: Int)]] = [:]
        try connection.prepare(
            "SELECT document_id, id, speaker_id, start_offset, end_offset FROM turn_span ORDER BY document_id, ordinal"
        ).forEachRow { row in
            spans[try row.int64(0), default: []].append(
                (try row.int64(1), try row.optionalInt64(2), try row.int(3), try row.int(4)))
        }
        var turns: [StoredTurn] = []
        var textBytes = 0
        try connection.prepare("SELECT id, text FROM document ORDER BY id").forEachRow { row in
            guard let documentSpans = spans.removeValue(forKey: try row.int64(0)) else { return }
            let scalars = Array(try row.string(1).unicodeScalars)
            for span in documentSpans {
                guard 0 <= span.start, span.start < span.end, span.end <= scalars.count else {
                    throw BenchError.inconsistent(
                        "turn \(span.id) spans \(span.start)..<\(span.end) of a \(scalars.count)-character document")
                }
                let text = String(String.UnicodeScalarView(scalars[span.start..<span.end]))
                textBytes += text.utf8.count
                turns.append(
                    StoredTurn(
                        id: span.id, speakerID: span.speaker, speaker: span.speaker.flatMap { names[$0] }, text: text))
            }
        }
        guard spans.isEmpty else {
            throw BenchError.inconsistent("\(spans.count) document(s) have turns but no row in document")
        }
        turns.sort { $0.id < $1.id }
        return StoredTurns(turns: turns, textBytes: textBytes)
    }
}
