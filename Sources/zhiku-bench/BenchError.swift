/// The errors of the benchmark tool itself; errors of Zhiku and SQLite pass through unchanged.
enum BenchError: Error, CustomStringConvertible {
    /// The command line or the corpus directory is not usable.
    case usage(String)
    /// A build or a measurement came out inconsistent, so its numbers would mean nothing.
    case inconsistent(String)

    var description: String {
        switch self {
        case .usage(let message): return message
        case .inconsistent(let message): return "inconsistent benchmark state: \(message)"
        }
    }
}
