import Foundation
import ZhikuCore
import ZhikuSQLite

/// The query benchmark's results as a plain-text report, with PASS or FAIL per target of issue #4.
enum QueryBenchReport {
    /// The latency target for `search` (top 20) and `speakers --topic`, in milliseconds.
    static let latencyTargetMilliseconds = 10.0
    /// The cold target: at most this many times the `sqlite3` shell's whole-process time for an
    /// FTS query on the peer's file.
    static let coldTargetRatio = 3.0

    /// The whole report.
    static func render(_ results: QueryBenchResults) -> String {
        var lines = header(results)
        lines += recall(results)
        lines += latency(results)
        lines += cold(results)
        lines += targets(results)
        return lines.joined(separator: "\n")
    }

    private static func header(_ results: QueryBenchResults) -> [String] {
        let arguments = results.arguments
        let common = results.common
        let built =
            results.trigramBuildSeconds.map { String(format: "written in this run in %.1f s", $0) }
            ?? "reused from an earlier run"
        var lines = [
            "Queries: Zhiku vs a plain FTS5 trigram table (the peer), same run",
            "=================================================================",
            "SQLite \(Connection.libraryVersion) (library and shell); \(ProcessInfo.processInfo.activeProcessorCount) "
                + "cores; MB = 10^6 bytes",
            "Zhiku: \(arguments.database) (\(NumberFormatting.megabytes(results.databaseBytes))), \(NumberFormatting.grouped(results.turnCount)) turns "
                + "(\(NumberFormatting.megabytes(Int64(results.textBytes))) of text), \(NumberFormatting.grouped(results.speakerCount)) speakers",
            "Peer:  \(arguments.trigram) (\(NumberFormatting.megabytes(results.trigramBytes))), t(text, speaker UNINDEXED) with "
                + "tokenize='trigram', every turn converted by OpenCC t2s; \(built)",
            "Most common character (folded): \(common.character), in \(NumberFormatting.grouped(common.turns)) of "
                + "\(NumberFormatting.grouped(common.of)) turns (\(String(format: "%.1f", 100 * Double(common.turns) / Double(common.of))) %)",
            "Queries: up to \(arguments.queriesPerLength) per length drawn from the turns with seed \(arguments.seed), "
                + "typed in simplified and in traditional (OpenCC s2t); the peer is given t2s of what is typed",
        ]
        for set in results.sets {
            let sample = set.set.queries.prefix(8).map(\.text).joined(separator: " ")
            lines.append("  \(set.set.name): \(set.set.queries.count) queries, e.g. \(sample)")
        }
        return lines + [""]
    }

    private static func recall(_ results: QueryBenchResults) -> [String] {
        var table = TextTable(header: [
            "", "queries", "min recall", "< 1", "turns expected", "extra", "peer min", "peer < 1", "speakers",
            "partial",
        ])
        for set in results.sets {
            let recall = set.recall
            let peer = set.peerRecall
            table.append(
                set.set.name, "\(recall.count)", fraction(recall.map(\.recall).min() ?? 1),
                "\(recall.count(where: { $0.recall < 1 }))",
                NumberFormatting.grouped(recall.reduce(0) { $0 + $1.expected }),
                NumberFormatting.grouped(recall.reduce(0) { $0 + $1.extra }), fraction(peer.map(\.recall).min() ?? 1),
                "\(peer.count(where: { $0.recall < 1 }))",
                "\(NumberFormatting.grouped(set.speakersListed))/\(NumberFormatting.grouped(set.speakersExpected))",
                "\(set.partialListings)")
        }
        var lines = ["Recall: every turn whose folded text contains the query's folded form (brute-force scan)"]
        lines += table.lines()
        lines += [
            "  recall: Store.search's whole answer (every matching turn, not the top 20); extra: turns it finds",
            "  beyond the scan (regional vocabulary, spaces between characters). peer: `+text LIKE` / trigram MATCH",
            "  on the t2s text, i.e. a substring test of it. speakers: of the speakers with a matching turn, how many",
            "  Store.speakerListing(topics: [q]) lists with no limit, summed over the queries it examined every",
            "  matching turn of; partial: queries that more turns match than its match limit "
                + "(\(NumberFormatting.grouped(SpeakerOptions().matchLimit))), of which",
            "  it examines the newest only, by design.",
        ]
        for set in results.sets {
            for miss in set.recall.filter({ $0.recall < 1 }).prefix(3) {
                lines.append(
                    "  MISSED \(set.set.name) \(miss.query.text): \(miss.found) of \(miss.expected) turns found")
            }
        }
        return lines + [""]
    }

    private static func latency(_ results: QueryBenchResults) -> [String] {
        var table = TextTable(header: [
            "", "search p50", "p95", "peer p50", "p95", "p95 ratio", "speakers p50", "p95", "peer p50", "p95",
            "p95 ratio",
        ])
        for set in results.sets {
            table.append(
                set.set.name, ms(set.search.medianMilliseconds), ms(set.search.p95Milliseconds),
                ms(set.peerSearch.medianMilliseconds), ms(set.peerSearch.p95Milliseconds),
                ratio(set.search.p95Milliseconds, set.peerSearch.p95Milliseconds), ms(set.speakers.medianMilliseconds),
                ms(set.speakers.p95Milliseconds), ms(set.peerSpeakers.medianMilliseconds),
                ms(set.peerSpeakers.p95Milliseconds),
                ratio(set.speakers.p95Milliseconds, set.peerSpeakers.p95Milliseconds))
        }
        var lines = [
            "In-process latency, ms: Store.search (top 20) and Store.speakers(topics: [q]); peer: the same SQL as below"
        ]
        lines += table.lines()
        lines += [
            "  A set's figures are over its queries, each the fastest of \(results.arguments.repeats) runs after "
                + "\(QueryTimer.warmUpCount) untimed ones;",
            "  the single query's are over \(results.runsForSingleQuery) runs. The peer's scans (under 3 characters) "
                + "run once per distinct query.",
        ]
        return lines + [""]
    }

    private static func cold(_ results: QueryBenchResults) -> [String] {
        let reference = results.sqliteFTSReference
        var table = TextTable(header: [
            "", "zhiku search", "worst", "zhiku speakers", "worst", "sqlite3 search", "sqlite3 speakers",
            "search/ref", "speakers/ref",
        ])
        for set in results.sets {
            let cold = set.cold
            table.append(
                set.set.name, msSeconds(QueryBenchmark.median(cold.zhikuSearch)),
                msSeconds(cold.zhikuSearch.max() ?? 0),
                msSeconds(QueryBenchmark.median(cold.zhikuSpeakers)), msSeconds(cold.zhikuSpeakers.max() ?? 0),
                msSeconds(QueryBenchmark.median(cold.sqliteSearch)),
                msSeconds(QueryBenchmark.median(cold.sqliteSpeakers)),
                ratio(cold.zhikuSearch.max() ?? 0, reference), ratio(cold.zhikuSpeakers.max() ?? 0, reference))
        }
        let arguments = results.arguments
        var lines = [
            "Whole process (cold start, warm page cache), ms: median of \(arguments.coldRuns) runs per command, "
                + "\(arguments.coldQueries) queries per set"
        ]
        lines += table.lines()
        lines += [
            "  zhiku search Q --db … --format json; zhiku speakers --topic Q --db … --format json;",
            "  sqlite3 TRIGRAM \"SELECT rowid, speaker, snippet(…) FROM t WHERE t MATCH '\\\"q\\\"' ORDER BY rank LIMIT 20\"",
            "    (under 3 characters: \"… WHERE +text LIKE '%q%' LIMIT 20\"), and",
            "  sqlite3 TRIGRAM \"SELECT speaker, count(*) … WHERE t MATCH … GROUP BY speaker ORDER BY 2 DESC\" (LIKE likewise).",
            "  The commands take turns run by run. Median and worst are over the set's queries, each its median.",
            "  ref = \(msSeconds(reference)) ms: the sqlite3 FTS query (MATCH, top 20) of the 4-character sets, median;",
            "  the ratios are of the worst query.",
        ]
        return lines + [""]
    }

    private static func targets(_ results: QueryBenchResults) -> [String] {
        var table = TextTable(header: ["", "measured", ""])
        let recalls = results.sets.flatMap(\.recall)
        let worstRecall = recalls.map(\.recall).min() ?? 1
        table.append(
            "recall 1.0 for every query (Store.search, all matches)",
            "min \(fraction(worstRecall)) of \(recalls.count)", verdict(worstRecall >= 1))
        for (name, summary) in [
            ("search top 20", \QuerySetResults.search), ("speakers --topic", \QuerySetResults.speakers),
        ] {
            guard
                let worst = results.sets.max(by: {
                    $0[keyPath: summary].p95Milliseconds < $1[keyPath: summary].p95Milliseconds
                })
            else { continue }
            let p95 = worst[keyPath: summary].p95Milliseconds
            table.append(
                "\(name) p95 <= \(Int(latencyTargetMilliseconds)) ms in every set", "\(ms(p95)) ms (\(worst.set.name))",
                verdict(p95 <= latencyTargetMilliseconds))
        }
        let reference = results.sqliteFTSReference
        for (name, times) in [
            ("zhiku search", \ColdTimes.zhikuSearch), ("zhiku speakers --topic", \ColdTimes.zhikuSpeakers),
        ] {
            let worst = results.sets.flatMap { $0.cold[keyPath: times] }.max() ?? 0
            table.append(
                "cold \(name) <= \(Int(coldTargetRatio))x sqlite3 FTS query",
                "\(ratio(worst, reference)) (\(msSeconds(worst)) ms)",
                verdict(reference > 0 && worst <= coldTargetRatio * reference))
        }
        return ["Targets (issue #4)"] + table.lines()
    }

    private static func verdict(_ passed: Bool) -> String { passed ? "PASS" : "FAIL" }

    private static func fraction(_ value: Double) -> String { String(format: "%.4f", value) }

    private static func ms(_ milliseconds: Double) -> String {
        milliseconds < 10 ? String(format: "%.2f", milliseconds) : String(format: "%.1f", milliseconds)
    }

    private static func msSeconds(_ seconds: Double) -> String { ms(seconds * 1000) }

    /// `a / b` with an x; a dash when `b` is zero.
    private static func ratio(_ a: Double, _ b: Double) -> String {
        guard b > 0 else { return "-" }
        let value = a / b
        return value >= 100 ? String(format: "%.0fx", value) : String(format: "%.2fx", value)
    }

}
