import ZhikuSQLite

/// Cuts spans out of documents' texts, reading each document once: SQLite's substr() would read the
/// whole text again for every span, and a document can be megabytes long.
struct DocumentTexts {
    let connection: Connection
    private var documentID: Int64?
    private var scalars: [Unicode.Scalar] = []

    init(connection: Connection) {
        self.connection = connection
    }

    /// The characters of `span` (Unicode scalar offsets) of the document `id`.
    mutating func text(of id: Int64, _ span: Range<Int>) throws -> String {
        if documentID != id {
            let text = try connection.queryFirst("SELECT text FROM document WHERE id = ?", id)?.string(0) ?? ""
            scalars = Array(text.unicodeScalars)
            documentID = id
        }
        let clamped = span.clamped(to: 0..<scalars.count)
        return String(utf8Encoding: scalars[clamped])
    }
}
