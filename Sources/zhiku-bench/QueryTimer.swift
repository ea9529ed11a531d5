/// The latencies and row counts of one runner over one query set.
struct QueryTiming {
    /// The runner's name.
    let runner: String
    /// The wall-clock seconds of each query, in query order.
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
    /// How many queries run once, untimed, before the measured pass: enough to load the OpenCC
    /// dictionaries of the regional expansion and prepare the statements, which every real session
    /// pays once and not per query.
    static let warmUpCount = 10

    /// Runs every query once and records its latency and row count.
    static func time(_ queries: [BenchQuery], with runner: QueryRunner) throws -> QueryTiming {
        let arguments = try queries.map(runner.prepare)
        for argument in arguments.prefix(warmUpCount) { _ = try runner.run(argument) }
        var seconds: [Double] = []
        var rowCounts: [Int] = []
        seconds.reserveCapacity(arguments.count)
        rowCounts.reserveCapacity(arguments.count)
        for argument in arguments {
            let (rows, elapsed) = try Measurement.time { try runner.run(argument) }
            seconds.append(elapsed)
            rowCounts.append(rows)
        }
        return QueryTiming(runner: runner.name, seconds: seconds, rowCounts: rowCounts)
    }
}
