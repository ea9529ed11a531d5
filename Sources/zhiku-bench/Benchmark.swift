import Foundation
import ZhikuCore
import ZhikuSQLite

/// The measurements of one query length.
struct LengthResults {
    /// Characters per query.
    let length: Int
    /// The queries, as drawn.
    let queries: [BenchQuery]
    /// A's `Store.search`, and its query parsing alone.
    let zhikuSearch: QueryTiming, zhikuParse: QueryTiming
    /// A's raw FTS5 MATCH.
    let zhikuMatch: QueryTiming
    /// B's trigram MATCH and `text LIKE` as written.
    let trigramMatch: QueryTiming, trigramLike: QueryTiming
    /// B's scanning `+text LIKE`, run only under three characters, where the index cannot help.
    let trigramScan: QueryTiming?
    /// For four characters, how far A's and B's MATCH agree on the rows; for fewer, A's MATCH and
    /// B's scan, compared only on the queries whose row counts differ (the others cost a scan each).
    let agreement: Agreement
}

/// Everything the report prints.
struct BenchResults {
    /// The corpus as read.
    let corpus: Corpus
    /// Han characters in all paragraphs.
    let hanCharacters: Int
    /// The two database files.
    let pathA: String, pathB: String
    /// The build times of A and B.
    let buildA: ZhikuIndexBuild, buildB: TrigramIndexBuild
    /// The sizes of A and B after compaction.
    let sizeA: DatabaseSize, sizeB: DatabaseSize
    /// UTF-8 bytes of the text each FTS5 index is built from: A's search forms (contentless, not stored), B's `t.text`.
    let indexedTextBytesA: Int64, indexedTextBytesB: Int64
    /// The latencies, one entry per query length.
    let lengths: [LengthResults]
    /// The queries asked for per length, the seed they were drawn with, and the runs per query.
    let queriesPerLength: Int, seed: UInt64, repeats: Int
}

/// Runs the whole comparison: read, build A, build B, compact and measure, draw queries, time them.
enum Benchmark {
    /// The query lengths the acceptance line asks for.
    static let queryLengths = [1, 2, 4]

    /// Runs the benchmark as `arguments` say; progress goes to standard error.
    static func run(_ arguments: BenchArguments) throws -> BenchResults {
        progress("reading \(arguments.corpus)")
        let corpus = try Corpus.load(from: URL(fileURLWithPath: arguments.corpus))
        let paragraphs = corpus.paragraphs
        progress("\(corpus.files.count) files, \(paragraphs.count) paragraphs")

        let output = URL(fileURLWithPath: arguments.output)
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        let pathA = output.appendingPathComponent("zhiku.sqlite").path
        let pathB = output.appendingPathComponent("trigram.sqlite").path
        try removeDatabase(at: pathA)
        try removeDatabase(at: pathB)

        // One OpenCC for the process, shared by both builds, as the design asks of a composition root.
        let opencc = OpenCC()
        progress("building A (Zhiku search form) in \(pathA)")
        let (store, buildA) = try ZhikuIndexBuilder.build(corpus, path: pathA, opencc: opencc)
        progress("building B (FTS5 trigram) in \(pathB)")
        let (trigram, buildB) = try TrigramIndexBuilder.build(
            paragraphs, rowIDs: buildA.turnIDs, path: pathB, opencc: opencc)

        progress("compacting and measuring")
        try IndexSize.compact(store.connection)
        try IndexSize.compact(trigram)
        let sizeA = try IndexSize.measure(store.connection, ftsTables: ["turn_fts"])
        let sizeB = try IndexSize.measure(trigram, ftsTables: ["t"])
        // The index is contentless: its text is the search form computed while building, not a column.
        let indexedA = Int64(buildA.searchFormBytes)
        let indexedB = try textBytes(trigram, "SELECT sum(length(CAST(text AS BLOB))) FROM t")

        let scalars = QuerySampler.scalars(of: paragraphs)
        var generator = SplitMix64(seed: arguments.seed)
        var lengths: [LengthResults] = []
        for length in queryLengths {
            let queries = try QuerySampler.queries(
                length: length, count: arguments.queriesPerLength, in: scalars, generator: &generator, opencc: opencc)
            progress("timing \(queries.count) queries of \(length) character(s)")
            func timed(_ runner: QueryRunner) throws -> QueryTiming {
                try QueryTimer.time(queries, with: runner, repeats: arguments.repeats)
            }
            let zhikuSearch = try timed(QueryRunners.zhikuSearch(store))
            let zhikuParse = try timed(QueryRunners.zhikuParse(store))
            let zhikuMatch = try timed(QueryRunners.zhikuMatch(store))
            let trigramMatch = try timed(QueryRunners.trigramMatch(trigram))
            let trigramLike = try timed(QueryRunners.trigramLike(trigram))
            // The scan reads every row, so it is run only where the trigram index cannot answer.
            let trigramScan = length < 3 ? try timed(QueryRunners.trigramScan(trigram)) : nil
            let agreement: Agreement
            if let trigramScan {
                let differing = queries.indices.filter { zhikuMatch.rowCounts[$0] != trigramScan.rowCounts[$0] }
                agreement = try AgreementCheck.compare(
                    differing.map { queries[$0] }, store: store, trigram: trigram, against: .scan)
            } else {
                agreement = try AgreementCheck.compare(queries, store: store, trigram: trigram, against: .trigramMatch)
            }
            lengths.append(
                LengthResults(
                    length: length, queries: queries, zhikuSearch: zhikuSearch, zhikuParse: zhikuParse,
                    zhikuMatch: zhikuMatch, trigramMatch: trigramMatch, trigramLike: trigramLike,
                    trigramScan: trigramScan, agreement: agreement))
        }

        return BenchResults(
            corpus: corpus, hanCharacters: scalars.count(where: \.properties.isIdeographic), pathA: pathA, pathB: pathB,
            buildA: buildA, buildB: buildB, sizeA: sizeA, sizeB: sizeB, indexedTextBytesA: indexedA,
            indexedTextBytesB: indexedB, lengths: lengths, queriesPerLength: arguments.queriesPerLength,
            seed: arguments.seed, repeats: arguments.repeats)
    }

    /// Removes a database file and its WAL and shared-memory files, so every run starts fresh.
    static func removeDatabase(at path: String) throws {
        for file in [path, path + "-wal", path + "-shm"] where FileManager.default.fileExists(atPath: file) {
            try FileManager.default.removeItem(atPath: file)
        }
    }

    private static func textBytes(_ connection: Connection, _ sql: String) throws -> Int64 {
        try connection.queryFirst(sql)?.optionalInt64(0) ?? 0
    }

    /// A line of progress on standard error, keeping standard output for the report.
    static func progress(_ message: String) {
        FileHandle.standardError.write(Data("zhiku-bench: \(message)\n".utf8))
    }
}
