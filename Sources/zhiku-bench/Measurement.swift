/// Wall-clock timing and the summary statistics the report prints.
enum Measurement {
    /// Runs `work` and returns its result with the wall-clock seconds it took.
    ///
    /// `ContinuousClock` keeps counting while the process sleeps, which is what "wall clock" means
    /// for a build that waits on the disk.
    static func time<T>(_ work: () throws -> T) rethrows -> (result: T, seconds: Double) {
        let clock = ContinuousClock()
        let start = clock.now
        let result = try work()
        return (result, seconds(start.duration(to: clock.now)))
    }

    /// A `Duration` in seconds.
    static func seconds(_ duration: Duration) -> Double {
        let parts = duration.components
        return Double(parts.seconds) + Double(parts.attoseconds) * 1e-18
    }
}

/// The median and 95th percentile of a set of latencies.
struct LatencySummary: Sendable {
    /// The middle latency, in milliseconds (the mean of the two middle ones for an even count).
    let medianMilliseconds: Double
    /// The nearest-rank 95th percentile, in milliseconds: 95 % of the queries took at most this long.
    let p95Milliseconds: Double

    /// Summarises `seconds`; an empty set summarises to zeros so that a report can still print.
    init(seconds: [Double]) {
        let sorted = seconds.sorted()
        guard !sorted.isEmpty else {
            medianMilliseconds = 0
            p95Milliseconds = 0
            return
        }
        let middle = sorted.count / 2
        let median = sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
        // Nearest rank: the smallest value with at least 95 % of the values at or below it.
        let rank = Int((0.95 * Double(sorted.count)).rounded(.up))
        medianMilliseconds = median * 1000
        p95Milliseconds = sorted[min(max(rank, 1), sorted.count) - 1] * 1000
    }
}
