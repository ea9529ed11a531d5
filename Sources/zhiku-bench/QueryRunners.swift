import ZhikuCore
import ZhikuSQLite

/// One way of running a query against one of the databases and counting the rows it returns.
struct QueryRunner {
    /// The name printed in the report.
    let name: String
    /// Turns a query into the argument of ``run``; not timed, so that only the search itself is.
    let prepare: (BenchQuery) throws -> String
    /// Runs the prepared query and returns the number of rows; this is what the timer measures.
    let run: (String) throws -> Int
}

/// The runners the report compares.
enum QueryRunners {
    /// The runners' names, as the report prints them.
    static let zhikuSearchName = "A Store.search() (limit 20)"
    static let zhikuMatchName = "A raw MATCH count(*)"
    static let zhikuParseName = "A Store.searchQuery() alone"
    static let trigramMatchName = "B trigram MATCH count(*)"
    static let trigramLikeName = "B text LIKE count(*)"
    static let trigramScanName = "B +text LIKE count(*) (scan)"

    /// A: `Store.search(_:options:)` with its defaults (20 hits, 80-scalar snippets): the fold, the
    /// regional expansion through OpenCC, the MATCH ranked by bm25, the join and the snippets.
    static func zhikuSearch(_ store: Store) -> QueryRunner {
        QueryRunner(name: zhikuSearchName, prepare: { $0.text }) { text in
            try store.search(text).count
        }
    }

    /// A: parsing alone, the part of `Store.search` before SQLite: the fold and the regional
    /// expansion through OpenCC. The count it returns is the number of spellings searched for.
    static func zhikuParse(_ store: Store) -> QueryRunner {
        QueryRunner(name: zhikuParseName, prepare: { $0.text }) { text in
            try store.searchQuery(text).terms.reduce(0) { $0 + $1.variants.count }
        }
    }

    /// A: the FTS5 MATCH alone, counting every matching turn. The expression is made by
    /// `SearchQuery` without regional expansion, so it asks for the same text as B's query does.
    static func zhikuMatch(_ store: Store) -> QueryRunner {
        QueryRunner(
            name: zhikuMatchName,
            prepare: { try SearchQuery($0.text, fold: store.fold, opencc: nil).matchExpression }
        ) { expression in
            try count(store.connection, "SELECT count(*) FROM turn_fts WHERE turn_fts MATCH ?", expression)
        }
    }

    /// B: the trigram index, the simplified query quoted as one FTS5 string.
    static func trigramMatch(_ connection: Connection) -> QueryRunner {
        QueryRunner(name: trigramMatchName, prepare: { ftsString($0.simplified) }) { string in
            try count(connection, "SELECT count(*) FROM t WHERE t MATCH ?", string)
        }
    }

    /// B: `text LIKE '%q%'` as a trigram user writes it. FTS5 answers it from the trigram index;
    /// SQLite 3.40 does so even for patterns of one or two non-ASCII characters, which it then
    /// cannot match, so this returns no rows for them.
    static func trigramLike(_ connection: Connection) -> QueryRunner {
        QueryRunner(name: trigramLikeName, prepare: { likePattern($0.simplified) }) { pattern in
            try count(connection, "SELECT count(*) FROM t WHERE text LIKE ?", pattern)
        }
    }

    /// B: `+text LIKE '%q%'`. The unary plus keeps the constraint away from FTS5, so SQLite reads
    /// every row and applies LIKE itself: the correct fallback for queries under three characters.
    static func trigramScan(_ connection: Connection) -> QueryRunner {
        QueryRunner(name: trigramScanName, prepare: { likePattern($0.simplified) }) { pattern in
            try count(connection, "SELECT count(*) FROM t WHERE +text LIKE ?", pattern)
        }
    }

    /// `text` as an FTS5 string: in double quotes, inner double quotes doubled, so it is never syntax.
    static func ftsString(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// A LIKE pattern that finds `text` anywhere. The queries are Han characters only, so there is no
    /// `%` or `_` to escape.
    static func likePattern(_ text: String) -> String {
        "%" + text + "%"
    }

    private static func count(_ connection: Connection, _ sql: String, _ argument: String) throws -> Int {
        try connection.queryFirst(sql, argument)?.int(0) ?? 0
    }
}
