import Foundation
import ZhikuCore
import ZhikuSQLite

/// The peer of the query benchmark: what one would build without Zhiku. Every turn's text converted
/// to simplified with OpenCC `t2s`, in a plain FTS5 `trigram` table of its own file, with the
/// speaker's name beside it, so that the stock `sqlite3` shell can answer "which turns contain Q"
/// and "who said Q, how often" with nothing but SQL.
/// See <https://www.sqlite.org/fts5.html#the_trigram_tokenizer>.
enum TrigramFile {
    /// The table: rowid = Zhiku's turn id, so the two can be compared row for row.
    static let createTable = "CREATE VIRTUAL TABLE t USING fts5(text, speaker UNINDEXED, tokenize = 'trigram')"

    /// Writes the file at `path` (replacing it) from `turns`; returns the seconds the t2s conversion
    /// and the inserts took.
    static func build(_ turns: [StoredTurn], path: String, opencc: OpenCC) throws -> Double {
        try Benchmark.removeDatabase(at: path)
        let converter = try opencc.converter(.t2s)
        let (_, seconds) = try Measurement.time {
            let connection = try Connection(path: path)
            try connection.execute(createTable)
            try connection.transaction {
                for turn in turns {
                    try connection.run(
                        "INSERT INTO t (rowid, text, speaker) VALUES (?, ?, ?)", turn.id,
                        try converter.convert(turn.text),
                        turn.speaker)
                }
            }
            try connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        }
        return seconds
    }

    /// The simplified texts the file holds, with their rowids in ascending order: the reference for
    /// the peer's recall (a LIKE or trigram MATCH of Han characters is a substring test of them).
    static func texts(at path: String) throws -> (ids: [Int64], texts: [String]) {
        let connection = try Connection(path: path, mode: .readOnly)
        var ids: [Int64] = []
        var texts: [String] = []
        try connection.prepare("SELECT rowid, text FROM t ORDER BY rowid").forEachRow { row in
            ids.append(try row.int64(0))
            texts.append(try row.string(1))
        }
        return (ids, texts)
    }

    /// `text` as an SQL string literal: in single quotes, inner single quotes doubled. The peer's
    /// queries go to the `sqlite3` shell as one SQL text, where nothing can be bound.
    static func sqlLiteral(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
    }

    /// The peer's answer to `zhiku search Q`: the first 20 turns with the speaker and a snippet.
    /// Three characters or more go through the trigram index, best first; fewer cannot, and FTS5 of
    /// SQLite 3.40 answers `text LIKE` of one or two non-ASCII characters from the index with no
    /// rows at all, so the unary `+` makes SQLite read every row and apply LIKE itself.
    static func searchSQL(_ simplified: String) -> String {
        if simplified.unicodeScalars.count >= 3 {
            let phrase = sqlLiteral(QueryRunners.ftsString(simplified))
            return "SELECT rowid, speaker, snippet(t, 0, '«', '»', '…', 20) FROM t WHERE t MATCH \(phrase) "
                + "ORDER BY rank LIMIT 20"
        }
        let pattern = sqlLiteral(QueryRunners.likePattern(simplified))
        return "SELECT rowid, speaker, substr(text, 1, 80) FROM t WHERE +text LIKE \(pattern) LIMIT 20"
    }

    /// The peer's answer to `zhiku speakers --topic Q`: every speaker with the number of their turns
    /// that contain Q, most first (by MATCH from three characters, by scanning LIKE under three).
    static func speakersSQL(_ simplified: String) -> String {
        let condition =
            simplified.unicodeScalars.count >= 3
            ? "t MATCH \(sqlLiteral(QueryRunners.ftsString(simplified)))"
            : "+text LIKE \(sqlLiteral(QueryRunners.likePattern(simplified)))"
        return "SELECT speaker, count(*) AS turns FROM t WHERE \(condition) AND speaker IS NOT NULL "
            + "GROUP BY speaker ORDER BY turns DESC"
    }
}
