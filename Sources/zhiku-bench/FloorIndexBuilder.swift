import Foundation
import ZhikuSQLite

/// Builds the floor's database: the turns, already normalised, in a plain table and a plain FTS5
/// `unicode61` table over their search form, and nothing else.
/// See <https://www.sqlite.org/fts5.html#unicode61_tokenizer>.
enum FloorIndexBuilder {
    /// The floor's schema, as the acceptance line defines it. The FTS5 table keeps its own content
    /// (unlike Zhiku's contentless `turn_fts`): the plainest table one would write.
    static let schema = """
        CREATE TABLE turn (id INTEGER PRIMARY KEY, document_id INTEGER, text TEXT);
        CREATE VIRTUAL TABLE turn_fts USING fts5(search_form, tokenize='unicode61 remove_diacritics 0');
        """

    /// Creates a fresh database at `path` holding `turns`; returns the wall-clock seconds it took.
    ///
    /// The time covers opening the file, the schema, the inserts and closing it, whose checkpoint
    /// moves the WAL into the file: a `zhiku ingest` process does all of these too.
    static func build(_ turns: FloorTurns, path: String) throws -> Double {
        try Benchmark.removeDatabase(at: path)
        let (_, seconds) = try Measurement.time {
            // Zhiku's own Connection, so the settings are Zhiku's (WAL, synchronous NORMAL, foreign
            // keys); it is released, and the file closed, before the closure returns.
            let connection = try Connection(path: path)
            try connection.execute(schema)
            for document in turns.documents {
                // One transaction per document, as Zhiku stores each document in one.
                try connection.transaction {
                    for turn in document.turns {
                        try connection.run(
                            "INSERT INTO turn (id, document_id, text) VALUES (?, ?, ?)", turn.id, document.id, turn.text
                        )
                        try connection.run(
                            "INSERT INTO turn_fts (rowid, search_form) VALUES (?, ?)", turn.id, turn.searchForm)
                    }
                }
            }
        }
        return seconds
    }
}
