/// The latencies and row counts of one runner over one query set.
struct QueryTiming {
    /// The runner's name.
    let runner: String
    /// The wall-clock seconds of each query (the fastest of its runs), in query order.
    let seconds: [Double]
    /// The rows each query returned, in query order.
    let rowCounts: [Int]

    /// Median and 95th percentile.
    var summary: LatencySummary { LatencySummary(seconds: seconds) }
    /// How many queries returned at least one row.
    var queriesWithRows: Int { rowCounts.count(where: { $0 > 0 }) }
    /// The mean number of rows per query.
    var meanRows: Double { rowCounts.isEmpty ? 0 : Double(rowCounts.reduce(0, +)) / Double(rowCounts.count) }
}

/// Times a runner over a query set.
enum QueryTimer {
    /// How many queries run once, untimed, before the measured passes: enough to load the OpenCC
    /// dictionaries of the regional expansion and prepare the statements, which every real session
    /// pays once and not per query.
    static let warmUpCount = 10

    /// Runs every query `repeats` times and records its fastest run and its row count.
    ///
    /// The fastest run is the query's own cost: on a shared machine the slower ones mostly measure
    /// the other processes that took the CPU meanwhile. The passes go over the whole set in turn, so
    /// a query's repeats are not all served from a cache the one before just filled.
    static func time(_ queries: [BenchQuery], with runner: QueryRunner, repeats: Int) throws -> QueryTiming {
        let arguments = try queries.map(runner.prepare)
        for argument in arguments.prefix(warmUpCount) { _ = try runner.run(argument) }
        var seconds = [Double](repeating: .infinity, count: arguments.count)
        var rowCounts = [Int](repeating: 0, count: arguments.count)
        for _ in 0..<max(repeats, 1) {
            for (index, argument) in arguments.enumerated() {
                let (rows, elapsed) = try Measurement.time { try runner.run(argument) }
                seconds[index] = min(seconds[index], elapsed)
                rowCounts[index] = rows
            }
        }
        return QueryTiming(runner: runner.name, seconds: seconds, rowCounts: rowCounts)
    }
}
