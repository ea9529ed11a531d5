import Foundation

/// The command line of `zhiku-bench`.
struct BenchArguments {
    /// The directory of `.md` and `.txt` files to index.
    var corpus = "../shared/corpus/real"
    /// Where the two databases are written.
    var output = "bench-out"
    /// Distinct queries per length.
    var queriesPerLength = 200
    /// The seed the queries are drawn with; the same seed and corpus give the same queries.
    var seed: UInt64 = 20_240_601
    /// Timed runs of each query, of which the fastest counts.
    var repeats = 3
    /// Whether `--help` was asked for.
    var help = false

    /// The usage text printed for `--help` and after a usage error.
    static let usage = """
        usage: zhiku-bench [--queries N] [--seed N] [--repeat N] [CORPUS_DIR [OUTPUT_DIR]]

        Indexes every .md and .txt file below CORPUS_DIR twice, one paragraph per row: A through Zhiku's
        Store (search form, unicode61) and B as a plain FTS5 trigram table over the text converted to
        simplified; prints build time, index size and query latency for 1-, 2- and 4-character queries.

          CORPUS_DIR   the text to index, read recursively (default ../shared/corpus/real)
          OUTPUT_DIR   where zhiku.sqlite (A) and trigram.sqlite (B) are written, replacing earlier
                       ones (default bench-out)
          --queries N  distinct queries per length (default 200)
          --seed N     seed of the query draw (default 20240601)
          --repeat N   timed runs of each query, the fastest counts (default 3)

        Example: zhiku-bench --queries 100 ../shared/corpus/real /tmp/bench

        `zhiku-bench floor --help` explains the ingest floor that Scripts/bench-ingest measures, `zhiku-bench
        query --help` the query benchmark of Scripts/bench-query.
        """

    /// Parses `arguments` (without the program name).
    init(_ arguments: [String]) throws {
        var positional: [String] = []
        var remaining = arguments[...]
        while let argument = remaining.popFirst() {
            switch argument {
            case "-h", "--help":
                help = true
            case "--queries":
                guard let value = remaining.popFirst().flatMap(Int.init), value > 0 else {
                    throw BenchError.usage("--queries needs a positive number")
                }
                queriesPerLength = value
            case "--repeat":
                guard let value = remaining.popFirst().flatMap(Int.init), value > 0 else {
                    throw BenchError.usage("--repeat needs a positive number")
                }
                repeats = value
            case "--seed":
                guard let value = remaining.popFirst().flatMap({ UInt64($0) }) else {
                    throw BenchError.usage("--seed needs a non-negative integer")
                }
                seed = value
            default:
                guard !argument.hasPrefix("-") else { throw BenchError.usage("unknown option \(argument)") }
                positional.append(argument)
            }
        }
        guard positional.count <= 2 else {
            throw BenchError.usage("too many arguments: \(positional.joined(separator: " "))")
        }
        if let corpus = positional.first { self.corpus = corpus }
        if positional.count == 2 { output = positional[1] }
    }
}
