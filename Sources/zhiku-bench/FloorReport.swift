import Foundation

/// What `zhiku-bench floor` measured.
struct FloorResults {
    /// The Zhiku database the turns came from, and the floor's database.
    let source: String, database: String
    /// The turns as loaded.
    let turns: FloorTurns
    /// Reading and normalising the turns, before the clock of the floor proper.
    let loadSeconds: Double
    /// The floor proper: open, schema, inserts, close.
    let insertSeconds: Double
    /// The floor's database file after closing (its WAL is checkpointed and removed on close).
    let databaseBytes: Int64
}

/// The floor's measurements as `name: value` lines: readable, and easy for Scripts/bench-ingest to
/// pick out with `sed`. Sizes are in bytes and times in seconds, so that the script does the units.
enum FloorReport {
    /// The whole report.
    static func render(_ results: FloorResults) -> String {
        let lines = [
            "Floor: plain table + plain FTS5 unicode61 over the search form, one transaction per document",
            "source: \(results.source)",
            "database: \(results.database)",
            "documents: \(results.turns.documents.count)",
            "turns: \(results.turns.turnCount)",
            "turn text bytes: \(results.turns.textBytes)",
            "search form bytes: \(results.turns.searchFormBytes)",
            "load seconds: \(String(format: "%.3f", results.loadSeconds))",
            "insert seconds: \(String(format: "%.3f", results.insertSeconds))",
            "database bytes: \(results.databaseBytes)",
        ]
        return lines.joined(separator: "\n")
    }
}
