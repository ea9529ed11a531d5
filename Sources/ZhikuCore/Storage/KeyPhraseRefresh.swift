import Dispatch
import Foundation
import Synchronization
import ZhikuSQLite

extension Store {
    /// How much attributed text key-phrase statistics read at most: enough for stable counts, small
    /// enough to keep memory bounded whatever the corpus size.
    static let keyPhraseSampleScalars = 3_000_000

    /// Recomputes the corpus's key phrases (see ``KeyPhraseFinder``), in one transaction: phrases no
    /// longer found are removed, new ones are added to `topic_to_index` (see ``completeTopicIndex()``).
    /// Returns how many were added and removed.
    @discardableResult
    public func refreshKeyPhrases() throws -> (added: Int, removed: Int) {
        let total =
            try connection.queryFirst(
                "SELECT coalesce(sum(end_offset - start_offset), 0) FROM turn_span WHERE speaker_id IS NOT NULL")?
            .int(0) ?? 0
        // Every k-th turn, spread over the whole corpus.
        let stride = max(1, total / Self.keyPhraseSampleScalars + 1)
        var sample: [(document: Int, original: [Unicode.Scalar], folded: [Unicode.Scalar])] = []
        try forEachTurn(speakersOnly: true, every: stride) { documentID, _, _, original in
            sample.append((Int(documentID), Array(original), original.map(fold.fold)))
        }
        let phrases = KeyPhraseFinder().phrases(in: sample)
        let keep = Set(phrases.map { fold.fold($0) })

        return try withWriterCacheGuard {
            try connection.transaction {
                var removed = 0
                for row in try connection.query("SELECT id, fold_key FROM topic WHERE origin = 'keyphrase'")
                where !keep.contains(try row.string(1)) {
                    try connection.run("DELETE FROM topic WHERE id = ?", try row.int64(0))
                    removed += 1
                }
                if removed > 0 { topicMatcherCache = nil }
                let ensured = try ensureTopics(phrases.map { TopicCandidate(name: $0, origin: "keyphrase") })
                return (ensured.filter(\.isNew).count, removed)
            }
        }
    }

    /// Finds the mentions of the topics in `matcher` in every turn: one pass over the corpus, for
    /// many new topics at once. Turns are folded and matched on every core, a batch at a time; the
    /// mentions are written on this thread.
    func indexMentionsByScanning(_ matcher: TopicMatcher) throws {
        guard matcher.topicCount > 0 else { return }
        var batch: [(turnID: Int64, start: Int, text: ArraySlice<Unicode.Scalar>)] = []
        func flush() throws {
            let found = Self.matchInParallel(batch, matcher: matcher, fold: fold)
            for (turnID, mentions) in found {
                for mention in mentions {
                    try connection.run(
                        "INSERT OR IGNORE INTO mention (topic_id, turn_id, start_offset, end_offset) VALUES (?, ?, ?, ?)",
                        mention.topicID, turnID, mention.range.lowerBound, mention.range.upperBound)
                }
            }
            batch.removeAll(keepingCapacity: true)
        }
        try forEachTurn(speakersOnly: false, every: 1) { _, turnID, start, original in
            batch.append((turnID, start, original))
            if batch.count >= 4096 { try flush() }
        }
        try flush()
    }

    /// The mentions in each turn of `batch`, in document offsets, computed on all cores.
    private static func matchInParallel(
        _ batch: [(turnID: Int64, start: Int, text: ArraySlice<Unicode.Scalar>)], matcher: TopicMatcher,
        fold: FoldTable
    ) -> [(Int64, [(topicID: Int64, range: Range<Int>)])] {
        let parts = max(1, min(ProcessInfo.processInfo.activeProcessorCount, batch.count))
        let results = Mutex([[(Int64, [(topicID: Int64, range: Range<Int>)])]](repeating: [], count: parts))
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            var found: [(Int64, [(topicID: Int64, range: Range<Int>)])] = []
            for index in stride(from: part, to: batch.count, by: parts) {
                let turn = batch[index]
                let mentions = matcher.mentions(in: turn.text.map(fold.fold))
                if !mentions.isEmpty {
                    found.append(
                        (
                            turn.turnID,
                            mentions.map {
                                ($0.topicID, (turn.start + $0.range.lowerBound)..<(turn.start + $0.range.upperBound))
                            }
                        ))
                }
            }
            results.withLock { $0[part] = found }
        }
        return results.withLock { $0.flatMap { $0 } }
    }

    /// Calls `body` with (document id, turn id, start offset, text) of every `every`-th turn, reading
    /// each document's text once: cutting turns out of it in SQL would rescan it for every turn.
    func forEachTurn(
        speakersOnly: Bool, every stride: Int, _ body: (Int64, Int64, Int, ArraySlice<Unicode.Scalar>) throws -> Void
    ) throws {
        let documents = try connection.prepare("SELECT id, text FROM document ORDER BY id")
        let turns = try connection.prepare(
            """
            SELECT id, start_offset, end_offset FROM turn_span
            WHERE document_id = ?1 AND (?2 = 0 OR speaker_id IS NOT NULL) AND id % ?3 = 0 ORDER BY id
            """)
        try documents.forEachRow { document in
            let documentID = try document.int64(0)
            let scalars = Array(try document.string(1).unicodeScalars)
            try turns.bind([documentID, speakersOnly, stride])
            try turns.forEachRow { turn in
                let range = (try turn.int(1)..<(try turn.int(2))).clamped(to: 0..<scalars.count)
                try body(documentID, try turn.int64(0), range.lowerBound, scalars[range])
            }
        }
    }
}
