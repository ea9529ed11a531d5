/// The command line of `zhiku-bench query`.
struct QueryBenchArguments {
    /// The Zhiku database the queries run on (written by `zhiku ingest`).
    var database = ""
    /// The peer's file: a plain FTS5 trigram table of the same turns in simplified; built if absent.
    var trigram = ""
    /// The `zhiku` executable whose whole-process time is measured.
    var zhiku = ""
    /// The stock SQLite shell.
    var sqlite3 = "sqlite3"
    /// Distinct queries drawn per length.
    var queriesPerLength = 100
    /// The seed the queries are drawn with; the same seed and database give the same queries.
    var seed: UInt64 = 20_240_601
    /// Timed runs of each query in-process, of which the fastest counts.
    var repeats = 3
    /// Queries per set whose whole-process time is measured.
    var coldQueries = 5
    /// Runs of each of those commands, of which the median counts.
    var coldRuns = 7
    /// Whether `--help` was asked for.
    var help = false

    /// The usage text printed for `--help` and after a usage error.
    static let usage = """
        usage: zhiku-bench query --db ZHIKU_DB --trigram TRIGRAM_DB --zhiku ZHIKU [--sqlite3 PATH]
                                 [--queries N] [--seed N] [--repeat N] [--cold-queries N] [--cold-runs N]

        The query benchmark of Scripts/bench-query. Draws queries of 1, 2 and 4 Han characters from the
        turns of ZHIKU_DB, each typed in simplified and in traditional, plus the character that occurs
        in the most turns, and measures for each set:

          recall    the turns Store.search finds (all of them, not the top 20) against a brute-force
                    substring scan of every turn's folded text; the peer's against its own text
          latency   p50 and p95 in-process of Store.search (top 20) and Store.speakers(topics: [q]),
                    and of the peer's answers to the same questions through the SQLite library
          cold      whole-process wall time of `zhiku search Q --format json`, `zhiku speakers --topic
                    Q --format json` and of the stock sqlite3 shell answering the same on TRIGRAM_DB

        The peer is TRIGRAM_DB: every turn converted with OpenCC t2s into a plain FTS5 trigram table,
        t(text, speaker UNINDEXED), rowid = turn id; written from ZHIKU_DB when the file is absent.
        Queries of three characters or more use MATCH, shorter ones `+text LIKE` (a scan).

          --db ZHIKU_DB       the Zhiku database (opened through Store: an older schema is migrated)
          --trigram PATH      the peer's database, built when absent
          --zhiku PATH        the zhiku executable to time
          --sqlite3 PATH      the SQLite shell to time (default sqlite3 on the PATH)
          --queries N         distinct queries per length (default 100)
          --seed N            seed of the query draw (default 20240601)
          --repeat N          in-process runs of each query, the fastest counts (default 3)
          --cold-queries N    queries per set run as whole processes (default 5)
          --cold-runs N       runs of each such command, the median counts (default 7)

        Prints the report with PASS or FAIL per target; progress goes to standard error.

        Example: zhiku-bench query --db bench-out/query/zhiku.sqlite --trigram bench-out/query/trigram.sqlite \\
                   --zhiku .build/release/zhiku
        """

    /// Parses `arguments` (without the program name and the `query` subcommand).
    init(_ arguments: [String]) throws {
        var remaining = arguments[...]
        func path(_ option: String) throws -> String {
            guard let value = remaining.popFirst(), !value.isEmpty else {
                throw BenchError.usage("\(option) needs a path")
            }
            return value
        }
        func positive(_ option: String) throws -> Int {
            guard let value = remaining.popFirst().flatMap(Int.init), value > 0 else {
                throw BenchError.usage("\(option) needs a positive number")
            }
            return value
        }
        while let argument = remaining.popFirst() {
            switch argument {
            case "-h", "--help": help = true
            case "--db": database = try path(argument)
            case "--trigram": trigram = try path(argument)
            case "--zhiku": zhiku = try path(argument)
            case "--sqlite3": sqlite3 = try path(argument)
            case "--queries": queriesPerLength = try positive(argument)
            case "--repeat": repeats = try positive(argument)
            case "--cold-queries": coldQueries = try positive(argument)
            case "--cold-runs": coldRuns = try positive(argument)
            case "--seed":
                guard let value = remaining.popFirst().flatMap({ UInt64($0) }) else {
                    throw BenchError.usage("--seed needs a non-negative integer")
                }
                seed = value
            default:
                throw BenchError.usage("unexpected argument \(argument)")
            }
        }
        guard !help else { return }
        guard !database.isEmpty, !trigram.isEmpty, !zhiku.isEmpty else {
            throw BenchError.usage("query needs --db ZHIKU_DB, --trigram TRIGRAM_DB and --zhiku ZHIKU")
        }
        guard database != trigram else {
            throw BenchError.usage("--db and --trigram must be different files")
        }
    }
}
