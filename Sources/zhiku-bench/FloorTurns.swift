import Foundation
import ZhikuCore
import ZhikuSQLite

/// One turn as the floor inserts it, already normalised.
struct FloorTurn {
    /// The turn's id in the Zhiku database, kept as the floor's rowid.
    let id: Int64
    /// The turn's original text.
    let text: String
    /// Its search form, as Zhiku indexes it.
    let searchForm: String
}

/// The turns of one document, which the floor inserts in one transaction as Zhiku stores a document.
struct FloorDocument {
    /// The document's id in the Zhiku database.
    let id: Int64
    /// Its turns, in order.
    let turns: [FloorTurn]
}

/// Every turn of a Zhiku database, read and normalised before the floor's clock starts.
struct FloorTurns {
    /// The documents, in id order; documents without turns are left out, as they insert nothing.
    let documents: [FloorDocument]
    /// The number of turns.
    let turnCount: Int
    /// UTF-8 bytes of all turn texts.
    let textBytes: Int
    /// UTF-8 bytes of all search forms.
    let searchFormBytes: Int

    /// Reads the turns of the Zhiku database at `path` and makes their search forms with its fold.
    ///
    /// The `turn` view substr()s `document.text` once per row, which is slow for long documents, so
    /// the spans and the documents are read apart and each document is sliced here, by Unicode scalar
    /// offsets as the schema defines them.
    static func load(from path: String) throws -> FloorTurns {
        guard FileManager.default.fileExists(atPath: path) else {
            throw BenchError.usage("there is no database at \(path)")
        }
        // Store, not a bare Connection, so the fold is the one this database was indexed with.
        let store = try Store(path: path, opencc: OpenCC())
        let connection = store.connection
        var spans: [Int64: [(id: Int64, start: Int, end: Int)]] = [:]
        try connection.prepare(
            "SELECT document_id, id, start_offset, end_offset FROM turn_span ORDER BY document_id, ordinal"
        ).forEachRow { row in
            spans[try row.int64(0), default: []].append((try row.int64(1), try row.int(2), try row.int(3)))
        }

        var documents: [FloorDocument] = []
        var turnCount = 0
        var textBytes = 0
        var searchFormBytes = 0
        try connection.prepare("SELECT id, text FROM document ORDER BY id").forEachRow { row in
            let id = try row.int64(0)
            guard let documentSpans = spans.removeValue(forKey: id) else { return }
            let scalars = Array(try row.string(1).unicodeScalars)
            var turns: [FloorTurn] = []
            turns.reserveCapacity(documentSpans.count)
            for span in documentSpans {
                guard 0 <= span.start, span.start < span.end, span.end <= scalars.count else {
                    throw BenchError.inconsistent(
                        "turn \(span.id) spans \(span.start)..<\(span.end) of a \(scalars.count)-character document")
                }
                let slice = scalars[span.start..<span.end]
                let text = String(String.UnicodeScalarView(slice))
                // Equal to SearchForm(text, fold:).indexText (its documentation says so), without a
                // token per character: only the result matters here, and it is made before timing.
                let searchForm = SearchForm.indexText(folded: slice.map(store.fold.fold))
                turns.append(FloorTurn(id: span.id, text: text, searchForm: searchForm))
                textBytes += text.utf8.count
                searchFormBytes += searchForm.utf8.count
            }
            turnCount += turns.count
            documents.append(FloorDocument(id: id, turns: turns))
        }
        guard spans.isEmpty else {
            throw BenchError.inconsistent("\(spans.count) document(s) have turns but no row in document")
        }
        return FloorTurns(
            documents: documents, turnCount: turnCount, textBytes: textBytes, searchFormBytes: searchFormBytes)
    }
}
