import Foundation

/// Runs `zhiku-bench floor`: load and normalise the turns untimed, then time the floor's inserts.
enum FloorBenchmark {
    /// Runs the floor as `arguments` say; progress goes to standard error.
    static func run(_ arguments: FloorArguments) throws -> FloorResults {
        Benchmark.progress("floor: reading and normalising the turns of \(arguments.source)")
        let (turns, loadSeconds) = try Measurement.time { try FloorTurns.load(from: arguments.source) }
        Benchmark.progress(
            "floor: \(turns.documents.count) documents, \(turns.turnCount) turns; inserting into \(arguments.database)")
        let insertSeconds = try FloorIndexBuilder.build(turns, path: arguments.database)
        let attributes = try FileManager.default.attributesOfItem(atPath: arguments.database)
        return FloorResults(
            source: arguments.source, database: arguments.database, turns: turns, loadSeconds: loadSeconds,
            insertSeconds: insertSeconds, databaseBytes: (attributes[.size] as? NSNumber)?.int64Value ?? 0)
    }
}
