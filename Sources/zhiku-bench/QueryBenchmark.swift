import Foundation
import ZhikuCore
import ZhikuSQLite

/// How completely one query's answer covers the turns that contain it.
struct QueryRecall {
    /// The query.
    let query: TypedQuery
    /// Turns whose text contains the query by the brute-force scan.
    let expected: Int
    /// Of those, how many the answer holds.
    let found: Int
    /// Turns in the answer that the scan does not find (regional vocabulary, spaces between
    /// characters in the text): not errors, reported so that nothing is hidden.
    let extra: Int

    /// `found / expected`, 1 when nothing is expected.
    var recall: Double { expected == 0 ? 1 : Double(found) / Double(expected) }
}

/// Everything measured for one query set.
struct QuerySetResults {
    /// The set.
    let set: QuerySet
    /// Store.search's recall (all matches), and the peer's, per query.
    let recall: [QueryRecall], peerRecall: [QueryRecall]
    /// Over the queries whose every matching turn Store.speakerListing examined (no more than its
    /// match limit): speakers with a turn that contains the query (scan), and how many of them it
    /// lists when not limited. And the number of queries it examined only the newest turns of.
    let speakersExpected: Int, speakersListed: Int, partialListings: Int
    /// In-process latency of Store.search (top 20), Store.speakers(topics: [q]), and of the
    /// peer's SQL for the same questions.
    let search: LatencySummary, speakers: LatencySummary
    let peerSearch: LatencySummary, peerSpeakers: LatencySummary
    /// Whole-process medians, per command, one entry per cold query (in seconds).
    let cold: ColdTimes
}

/// Whole-process medians of the four commands for the cold queries of one set.
struct ColdTimes {
    /// `zhiku search`, `zhiku speakers --topic`, and the `sqlite3` shell's answers to both.
    var zhikuSearch: [Double] = [], zhikuSpeakers: [Double] = []
    var sqliteSearch: [Double] = [], sqliteSpeakers: [Double] = []
}

/// What `zhiku-bench query` measured.
struct QueryBenchResults {
    /// The arguments it ran with.
    let arguments: QueryBenchArguments
    /// Turns, their UTF-8 bytes, speakers and the two database files' sizes.
    let turnCount: Int, textBytes: Int, speakerCount: Int
    let databaseBytes: Int64, trigramBytes: Int64
    /// Seconds the peer's file took to build in this run; nil when it was reused.
    let trigramBuildSeconds: Double?
    /// The most common character.
    let common: CommonCharacter
    /// One entry per set.
    let sets: [QuerySetResults]
    /// The peer's whole-process time for an FTS query: the median `sqlite3` search over the
    /// 4-character sets (MATCH on the trigram index). The reference of the cold target.
    let sqliteFTSReference: Double
    /// Runs per in-process query and per cold command.
    let runsForSingleQuery: Int
}

/// Seconds already measured, by a key such as the SQL text, shared between query sets.
final class TimingCache {
    /// The seconds of each key measured so far.
    var seconds: [String: Double] = [:]
}

/// Runs `zhiku-bench query`.
enum QueryBenchmark {
    /// Runs the benchmark as `arguments` say; progress goes to standard error.
    static func run(_ arguments: QueryBenchArguments) throws -> QueryBenchResults {
        guard FileManager.default.fileExists(atPath: arguments.database) else {
            throw BenchError.usage("there is no database at \(arguments.database)")
        }
        let opencc = OpenCC()
        let store = try Store(path: arguments.database, opencc: opencc)
        Benchmark.progress("query: reading the turns of \(arguments.database)")
        let stored = try StoredTurns.load(from: store)
        let turns = stored.turns
        let speakerOf = Dictionary(uniqueKeysWithValues: turns.map { ($0.id, $0.speakerID) })

        var trigramBuildSeconds: Double?
        if !FileManager.default.fileExists(atPath: arguments.trigram) {
            Benchmark.progress("query: writing the peer's trigram table (t2s of every turn) to \(arguments.trigram)")
            trigramBuildSeconds = try TrigramFile.build(turns, path: arguments.trigram, opencc: opencc)
        }
        let peer = try Connection(path: arguments.trigram, mode: .readOnly)
        let peerTexts = try TrigramFile.texts(at: arguments.trigram)
        guard peerTexts.ids == turns.map(\.id) else {
            throw BenchError.inconsistent(
                "\(arguments.trigram) holds other turns than \(arguments.database); remove it to rebuild it")
        }

        Benchmark.progress("query: folding every turn for the brute-force scan")
        let foldedScan = SubstringScan(ids: turns.map(\.id), texts: turns.lazy.map { store.fold.fold($0.text) })
        let peerScan = SubstringScan(ids: peerTexts.ids, texts: peerTexts.texts)
        let common = try QuerySets.mostCommonCharacter(in: turns, fold: store.fold)
        let sets = try QuerySets.draw(
            from: turns, count: arguments.queriesPerLength, seed: arguments.seed, common: common, opencc: opencc)

        let singleRuns = max(21, arguments.repeats * 7)
        var results: [QuerySetResults] = []
        let peerTimes = TimingCache()
        for set in sets {
            Benchmark.progress("query: \(set.name): \(set.queries.count) queries")
            var recall: [QueryRecall] = []
            var peerRecall: [QueryRecall] = []
            var speakersExpected = 0
            var speakersListed = 0
            var partialListings = 0
            for query in set.queries {
                let expected = foldedScan.turns(containing: store.fold.fold(query.text))
                recall.append(compare(try store.allMatchingTurnIDs(query.text), with: expected, query: query))
                peerRecall.append(compare(peerScan.turns(containing: query.simplified), with: expected, query: query))
                // Every speaker, without evidence: the listing's completeness, not its top 20.
                let listing = try store.speakerListing(
                    topics: [query.text], options: SpeakerOptions(evidencePerSpeaker: 0, limit: nil))
                if listing.isComplete {
                    let speakers = Set(expected.compactMap { speakerOf[$0] ?? nil })
                    speakersExpected += speakers.count
                    speakersListed += speakers.intersection(listing.speakers.map(\.id)).count
                } else {
                    partialListings += 1
                }
            }

            let search = try latency(set, runs: singleRuns, repeats: arguments.repeats) { query in
                _ = try store.search(query.text)
            }
            let speakers = try latency(set, runs: singleRuns, repeats: arguments.repeats) { query in
                _ = try store.speakers(topics: [query.text])
            }
            // The peer's scans (under three characters) take a good part of a second each: they run
            // once per distinct SQL, and the simplified and traditional sets share them.
            func peerLatency(_ sql: (String) -> String) throws -> LatencySummary {
                try latency(
                    set, runs: singleRuns, repeats: arguments.repeats, cache: peerTimes,
                    key: { $0.simplified.unicodeScalars.count < 3 ? sql($0.simplified) : nil }
                ) { query in
                    _ = try peer.prepare(sql(query.simplified)).rows()
                }
            }
            let peerSearch = try peerLatency(TrigramFile.searchSQL)
            let peerSpeakers = try peerLatency(TrigramFile.speakersSQL)
            let cold = try coldTimes(set, arguments: arguments, runs: arguments.coldRuns)
            results.append(
                QuerySetResults(
                    set: set, recall: recall, peerRecall: peerRecall, speakersExpected: speakersExpected,
                    speakersListed: speakersListed, partialListings: partialListings, search: search,
                    speakers: speakers, peerSearch: peerSearch,
                    peerSpeakers: peerSpeakers, cold: cold))
        }

        let reference = results.filter { $0.set.name.hasPrefix("4 ") }.flatMap(\.cold.sqliteSearch)
        return QueryBenchResults(
            arguments: arguments, turnCount: turns.count, textBytes: stored.textBytes,
            speakerCount: Set(turns.compactMap(\.speakerID)).count,
            databaseBytes: try fileBytes(arguments.database), trigramBytes: try fileBytes(arguments.trigram),
            trigramBuildSeconds: trigramBuildSeconds, common: common, sets: results,
            sqliteFTSReference: median(reference), runsForSingleQuery: singleRuns)
    }

    private static func compare(_ answer: [Int64], with expected: [Int64], query: TypedQuery) -> QueryRecall {
        let answerSet = Set(answer)
        let found = expected.count(where: answerSet.contains)
        return QueryRecall(query: query, expected: expected.count, found: found, extra: answerSet.count - found)
    }

    /// p50 and p95 of `work` over the set: for a set of many queries, each query's fastest of
    /// `repeats` runs (after a few untimed ones); for a single query, every one of `runs` runs.
    /// A query for which `key` gives a key is run once only, and not again when `cache` already
    /// holds its key from an earlier set.
    private static func latency(
        _ set: QuerySet, runs: Int, repeats: Int, cache: TimingCache? = nil,
        key: (TypedQuery) -> String? = { _ in nil },
        _ work: (TypedQuery) throws -> Void
    ) throws -> LatencySummary {
        for query in set.queries.prefix(QueryTimer.warmUpCount) where key(query) == nil { try work(query) }
        if set.isSingleQuery, let query = set.queries.first {
            var seconds: [Double] = []
            for _ in 0..<runs { seconds.append(try Measurement.time { try work(query) }.seconds) }
            return LatencySummary(seconds: seconds)
        }
        var seconds: [Double] = []
        for query in set.queries {
            if let cacheKey = key(query), let cache {
                if let known = cache.seconds[cacheKey] {
                    seconds.append(known)
                } else {
                    let elapsed = try Measurement.time { try work(query) }.seconds
                    cache.seconds[cacheKey] = elapsed
                    seconds.append(elapsed)
                }
                continue
            }
            var fastest = Double.infinity
            for _ in 0..<repeats { fastest = min(fastest, try Measurement.time { try work(query) }.seconds) }
            seconds.append(fastest)
        }
        return LatencySummary(seconds: seconds)
    }

    /// The whole-process medians of the set's first cold queries. The four commands take turns run
    /// by run, so that a burst of load on the shared machine hits them alike.
    private static func coldTimes(_ set: QuerySet, arguments: QueryBenchArguments, runs: Int) throws -> ColdTimes {
        let queries = Array(set.queries.prefix(set.isSingleQuery ? 1 : arguments.coldQueries))
        func commands(_ query: TypedQuery) -> [Command] {
            [
                Command(
                    executable: arguments.zhiku,
                    arguments: ["search", query.text, "--db", arguments.database, "--format", "json"]),
                Command(
                    executable: arguments.zhiku,
                    arguments: ["speakers", "--topic", query.text, "--db", arguments.database, "--format", "json"]),
                Command(
                    executable: arguments.sqlite3,
                    arguments: [arguments.trigram, TrigramFile.searchSQL(query.simplified)]),
                Command(
                    executable: arguments.sqlite3,
                    arguments: [arguments.trigram, TrigramFile.speakersSQL(query.simplified)]
                ),
            ]
        }
        var seconds = [[[Double]]](repeating: [[], [], [], []], count: queries.count)
        if let first = queries.first { for command in commands(first) { _ = try ProcessTimer.time(command) } }
        for _ in 0..<runs {
            for (index, query) in queries.enumerated() {
                for (kind, command) in commands(query).enumerated() {
                    seconds[index][kind].append(try ProcessTimer.time(command))
                }
            }
        }
        var times = ColdTimes()
        for perQuery in seconds {
            times.zhikuSearch.append(median(perQuery[0]))
            times.zhikuSpeakers.append(median(perQuery[1]))
            times.sqliteSearch.append(median(perQuery[2]))
            times.sqliteSpeakers.append(median(perQuery[3]))
        }
        return times
    }

    /// The median of `values`; 0 for none.
    static func median(_ values: [Double]) -> Double {
        LatencySummary(seconds: values).medianMilliseconds / 1000
    }

    private static func fileBytes(_ path: String) throws -> Int64 {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return (attributes[.size] as? NSNumber)?.int64Value ?? 0
    }
}
