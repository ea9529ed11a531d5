/// The command line of `zhiku-bench floor`.
struct FloorArguments {
    /// The Zhiku database whose turns are copied.
    var source = ""
    /// The floor's database, replaced if it exists.
    var database = ""
    /// Whether `--help` was asked for.
    var help = false

    /// The usage text printed for `--help` and after a usage error.
    static let usage = """
        usage: zhiku-bench floor --from ZHIKU_DB --db FLOOR_DB

        The floor of Scripts/bench-ingest: the least any ingest of the same turns has to do. Reads the
        turns a Zhiku database holds, makes each one's search form (untimed), then times inserting
        them into a fresh database with Zhiku's connection settings (WAL, synchronous NORMAL), one
        transaction per document: a plain table turn(id, document_id, text) and a plain FTS5
        unicode61 table over the search form. No parsing, no extraction, no fold table, no topics.

          --from ZHIKU_DB  a database written by `zhiku ingest` (opened through Store: an older schema is migrated)
          --db FLOOR_DB    where the floor's database is written, replacing an earlier one

        Prints one `name: value` line per measurement; progress goes to standard error.

        Example: zhiku-bench floor --from bench-out/ingest/zhiku.sqlite --db bench-out/ingest/floor.sqlite
        """

    /// Parses `arguments` (without the program name and the `floor` subcommand).
    init(_ arguments: [String]) throws {
        var remaining = arguments[...]
        while let argument = remaining.popFirst() {
            switch argument {
            case "-h", "--help":
                help = true
            case "--from":
                guard let value = remaining.popFirst(), !value.isEmpty else {
                    throw BenchError.usage("--from needs the path of a Zhiku database")
                }
                source = value
            case "--db":
                guard let value = remaining.popFirst(), !value.isEmpty else {
                    throw BenchError.usage("--db needs the path of the floor's database")
                }
                database = value
            default:
                throw BenchError.usage("unexpected argument \(argument)")
            }
        }
        guard !help else { return }
        guard !source.isEmpty, !database.isEmpty else {
            throw BenchError.usage("floor needs both --from ZHIKU_DB and --db FLOOR_DB")
        }
        guard source != database else {
            throw BenchError.usage("--from and --db must be different files")
        }
    }
}
