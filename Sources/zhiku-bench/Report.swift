import Foundation
import ZhikuSQLite

/// The benchmark's results as a plain-text report for a terminal or a file.
enum Report {
    /// The whole report.
    static func render(_ results: BenchResults) -> String {
        var lines: [String] = []
        lines += header(results)
        lines += build(results)
        lines += size(results)
        for length in results.lengths { lines += latency(length, results: results) }
        lines += notes(results)
        return lines.joined(separator: "\n")
    }

    private static func header(_ results: BenchResults) -> [String] {
        let corpus = results.corpus
        let bytes = corpus.files.reduce(0) { $0 + $1.byteCount }
        var lines = [
            "Zhiku search form (A) vs plain FTS5 trigram (B)",
            "===============================================",
            "SQLite \(Connection.libraryVersion); corpus \(corpus.directory.path)",
            "\(NumberFormatting.grouped(corpus.files.count)) files, \(NumberFormatting.grouped(corpus.paragraphs.count)) "
                + "paragraphs (one row each), \(NumberFormatting.megabytes(Int64(bytes))) UTF-8, "
                + "\(NumberFormatting.grouped(results.hanCharacters)) Han characters",
            "A: \(results.pathA)   B: \(results.pathB)",
        ]
        if !corpus.skipped.isEmpty {
            lines.append("skipped \(corpus.skipped.count) file(s): \(corpus.skipped.joined(separator: "; "))")
        }
        return lines + [""]
    }

    private static func build(_ results: BenchResults) -> [String] {
        let a = results.buildA
        let b = results.buildB
        let bTotal = b.conversionSeconds + b.buildSeconds
        var table = TextTable(header: ["", "seconds"])
        table.append(
            "A  schema + fold table from OpenCC (once per database; not in the ratios)", seconds(a.setupSeconds))
        table.append(
            "A  Store.store() of every document (fold, search form, rows, FTS5 rows)  ", seconds(a.buildSeconds))
        table.append(
            "     of which the search form alone (timed apart, outside the database)", seconds(a.searchFormSeconds))
        table.append("B  OpenCC t2s conversion of every paragraph", seconds(b.conversionSeconds))
        table.append("B  FTS5 trigram insert", seconds(b.buildSeconds))
        table.append("B  conversion + insert", seconds(bTotal))
        table.append("A/B  store / (conversion + insert)   the fair comparison", ratio(a.buildSeconds, bTotal))
        table.append("A/B  store / insert alone", ratio(a.buildSeconds, b.buildSeconds))
        return ["Build (wall clock, one transaction per database)"] + table.lines() + [""]
    }

    private static func size(_ results: BenchResults) -> [String] {
        let a = results.sizeA
        let b = results.sizeB
        let indexA = a.bytes(of: ["turn_fts_data", "turn_fts_idx"])
        let indexB = b.bytes(of: ["t_data", "t_idx"])
        var table = TextTable(header: ["", "A Zhiku", "B trigram", "A/B"])
        table.append(
            "database file", NumberFormatting.megabytes(a.fileBytes), NumberFormatting.megabytes(b.fileBytes),
            ratio(a.fileBytes, b.fileBytes))
        table.append(
            "FTS5 index (_data + _idx)", NumberFormatting.megabytes(indexA), NumberFormatting.megabytes(indexB),
            ratio(indexA, indexB))
        if a.method == .dbstat {
            let shadowA = a.bytes(prefixed: "turn_fts_")
            let shadowB = b.bytes(prefixed: "t_")
            table.append(
                "FTS5 shadow tables, all", NumberFormatting.megabytes(shadowA), NumberFormatting.megabytes(shadowB),
                ratio(shadowA, shadowB))
        }
        table.append(
            "text the index is built on (column bytes)", NumberFormatting.megabytes(results.indexedTextBytesA),
            NumberFormatting.megabytes(results.indexedTextBytesB),
            ratio(results.indexedTextBytesA, results.indexedTextBytesB))
        table.append(
            "index + that text", NumberFormatting.megabytes(indexA + results.indexedTextBytesA),
            NumberFormatting.megabytes(indexB + results.indexedTextBytesB),
            ratio(indexA + results.indexedTextBytesA, indexB + results.indexedTextBytesB))
        var lines = ["Size (after wal_checkpoint(TRUNCATE) and VACUUM; tables measured by \(a.method.rawValue))"]
        lines += table.lines()
        lines.append(
            "  A's index is contentless: its text is the search form, derived and not stored; B's is t.text in t_content."
        )
        if a.method == .dbstat {
            lines.append("  largest objects in A: " + largest(a))
            lines.append("  largest objects in B: " + largest(b))
        }
        return lines + [""]
    }

    private static func latency(_ length: LengthResults, results: BenchResults) -> [String] {
        let sample = length.queries.prefix(6).map {
            $0.text == $0.simplified ? $0.text : "\($0.text)→\($0.simplified)"
        }
        var lines = [
            "\(length.length)-character queries: \(length.queries.count) distinct "
                + "(of \(results.queriesPerLength) asked), e.g. \(sample.joined(separator: " "))"
        ]
        var table = TextTable(header: ["", "median ms", "p95 ms", "with rows", "mean rows"])
        func append(_ timing: QueryTiming, name: String? = nil, rows: Bool = true) {
            let summary = timing.summary
            table.append(
                name ?? timing.runner, milliseconds(summary.medianMilliseconds), milliseconds(summary.p95Milliseconds),
                rows ? "\(timing.queriesWithRows)/\(timing.rowCounts.count)" : "",
                rows ? String(format: "%.1f", timing.meanRows) : "")
        }
        append(length.zhikuSearch)
        append(length.zhikuParse, name: "  of which parsing (fold, regional expansion)", rows: false)
        append(length.zhikuMatch)
        append(length.trigramMatch)
        append(length.trigramLike)
        if let scan = length.trigramScan { append(scan) }
        table.append("ratios A/B", "median", "p95")
        let comparisons: [(QueryTiming, QueryTiming)] =
            if let scan = length.trigramScan {
                [(length.zhikuMatch, scan), (length.zhikuSearch, scan), (length.zhikuMatch, length.trigramMatch)]
            } else {
                [(length.zhikuMatch, length.trigramMatch), (length.zhikuSearch, length.trigramMatch)]
            }
        for (a, b) in comparisons {
            let summaryA = a.summary
            let summaryB = b.summary
            // A ratio against a query that finds nothing compares work with no work: say so.
            let caveat = b.queriesWithRows == 0 ? " (B finds nothing)" : ""
            table.append(
                "  \(shortName(a)) / \(shortName(b))\(caveat)",
                ratio(summaryA.medianMilliseconds, summaryB.medianMilliseconds),
                ratio(summaryA.p95Milliseconds, summaryB.p95Milliseconds))
        }
        lines += table.lines()
        let agreement = length.agreement
        if let scan = length.trigramScan {
            lines.append(
                "  A raw MATCH vs B +text LIKE: row counts differ for \(agreement.compared) of "
                    + "\(scan.rowCounts.count) queries")
        } else {
            lines.append(
                "  A raw MATCH vs B trigram MATCH: row counts differ for \(agreement.countsDiffer) of "
                    + "\(agreement.compared) queries, row sets for \(agreement.setsDiffer)")
        }
        for example in agreement.examples {
            let query =
                example.query.text == example.query.simplified
                ? example.query.text : "\(example.query.text) (B: \(example.query.simplified))"
            lines.append("    \(query): only in A \(example.onlyA), only in B \(example.onlyB); the first such row:")
            lines.append("      A \(example.excerptA)")
            lines.append("      B \(example.excerptB)")
        }
        return lines + [""]
    }

    private static func notes(_ results: BenchResults) -> [String] {
        [
            "Notes",
            "  Latency is wall clock per query, the fastest of \(results.repeats) run(s) after "
                + "\(QueryTimer.warmUpCount) untimed warm-up queries;",
            "  the queries are drawn from the corpus with seed \(results.seed); B gets them converted by t2s.",
            "  A raw MATCH is SearchQuery(...).matchExpression without regional expansion, the same text B is asked",
            "  for; A Store.search() adds the expansion, bm25 ranking, the joins and the snippets.",
            "  B trigram MATCH cannot match fewer than 3 characters. SQLite 3.40 also answers `text LIKE` from the",
            "  trigram index and so finds nothing for 1-2 non-ASCII characters; `+text LIKE` makes it scan every row.",
        ]
    }

    /// The runner's name without the SQL detail, for the ratio rows.
    private static func shortName(_ timing: QueryTiming) -> String {
        switch timing.runner {
        case QueryRunners.zhikuSearchName: return "A search()"
        case QueryRunners.zhikuMatchName: return "A raw MATCH"
        case QueryRunners.trigramMatchName: return "B trigram MATCH"
        case QueryRunners.trigramScanName: return "B +text LIKE"
        default: return timing.runner
        }
    }

    private static func largest(_ size: DatabaseSize) -> String {
        size.objects.prefix(6).map { "\($0.name) \(NumberFormatting.megabytes($0.bytes))" }.joined(separator: ", ")
    }

    private static func seconds(_ value: Double) -> String { String(format: "%.3f", value) }

    private static func milliseconds(_ value: Double) -> String {
        value < 10 ? String(format: "%.3f", value) : String(format: "%.1f", value)
    }

    private static func ratio(_ a: some BinaryInteger, _ b: some BinaryInteger) -> String {
        ratio(Double(a), Double(b))
    }

    /// `a / b` with a ×, to three significant digits; a dash when `b` is zero.
    private static func ratio(_ a: Double, _ b: Double) -> String {
        guard b > 0 else { return "-" }
        let value = a / b
        return value >= 100 ? String(format: "%.0f×", value) : String(format: "%.3g×", value)
    }
}
