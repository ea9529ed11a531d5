import ZhikuCore
import ZhikuSQLite

/// What building database B (a plain FTS5 `trigram` table) cost.
struct TrigramIndexBuild {
    /// Converting every paragraph to simplified with OpenCC `t2s`, outside the database.
    let conversionSeconds: Double
    /// Inserting the converted paragraphs into the FTS5 table, in one transaction.
    let buildSeconds: Double
}

/// Builds database B: what one would do without Zhiku, convert the text to simplified and put it in
/// an FTS5 table with the built-in `trigram` tokenizer.
/// See <https://www.sqlite.org/fts5.html#the_trigram_tokenizer>.
enum TrigramIndexBuilder {
    /// The table, as the comparison defines it.
    static let createTable = "CREATE VIRTUAL TABLE t USING fts5(text, tokenize='trigram')"

    /// Creates a fresh SQLite file at `path` holding `paragraphs`, converted to simplified, with the
    /// given rowids (database A's turn ids, so the two can be compared row for row).
    static func build(
        _ paragraphs: [Paragraph], rowIDs: [Int64], path: String, opencc: OpenCC
    ) throws -> (connection: Connection, build: TrigramIndexBuild) {
        guard rowIDs.count == paragraphs.count else {
            throw BenchError.inconsistent("\(rowIDs.count) rowids for \(paragraphs.count) paragraphs")
        }
        // Load the t2s dictionaries before the clock starts: a one-off cost, like A's fold table.
        _ = try opencc.converter(.t2s)
        let (simplified, conversionSeconds) = try Measurement.time {
            try paragraphs.map { try opencc.convert($0.text, .t2s) }
        }

        // The same Connection setup as A's (WAL, synchronous NORMAL), so only the index differs.
        let connection = try Connection(path: path)
        try connection.execute(createTable)
        let (_, buildSeconds) = try Measurement.time {
            try connection.transaction {
                for (rowID, text) in zip(rowIDs, simplified) {
                    try connection.run("INSERT INTO t (rowid, text) VALUES (?, ?)", rowID, text)
                }
            }
        }
        return (
            connection,
            TrigramIndexBuild(conversionSeconds: conversionSeconds, buildSeconds: buildSeconds)
        )
    }
}
