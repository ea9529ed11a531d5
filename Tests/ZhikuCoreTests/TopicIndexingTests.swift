import Foundation
import Testing
import ZhikuCore

/// Mentions of queued topics, found through the full-text index or by reading every turn: the same rows.
@Suite("Completing the topic index")
struct TopicIndexingTests {
    private let corpus = repositoryRoot.appending(path: "Samples/corpus")

    /// The sample corpus with its lexicon, every topic queued again with no mention left, completed
    /// the way `indexing` says; returns every mention as `fold_key|turn|start|end`, sorted.
    private func mentions(completedBy indexing: Store.TopicIndexing, extraTopics: [TopicCandidate] = []) throws
        -> [String]
    {
        try withStore { store, _ in
            try store.addLexicon(
                Lexicon.parse(
                    String(contentsOf: repositoryRoot.appending(path: "Samples/topics.txt"), encoding: .utf8),
                    file: "topics.txt") + extraTopics)
            try ingest([corpus], into: store)
            try store.connection.execute(
                "DELETE FROM mention; INSERT OR IGNORE INTO topic_to_index (topic_id) SELECT id FROM topic")
            #expect(try store.completeTopicIndex(indexing) > 5)
            #expect(try store.connection.queryFirst("SELECT count(*) FROM topic_to_index")?.int(0) == 0)
            return try store.connection.query(
                """
                SELECT t.fold_key, m.turn_id, m.start_offset, m.end_offset
                FROM mention m JOIN topic t ON t.id = m.topic_id ORDER BY 1, 2, 3
                """
            ).map { "\(try $0.string(0))|\(try $0.int(1))|\(try $0.int(2))|\(try $0.int(3))" }
        }
    }

    @Test("the turns the full-text index names hold every mention a scan finds")
    func indexFindsWhatAScanFinds() throws {
        // Latin words with punctuation, a spelling that ends in a boundary, a Latin word that must
        // not match inside a longer one, and names in both scripts.
        let extra = [
            TopicCandidate(name: "Moore's law", origin: "lexicon", aliases: ["MCU", "28nm"]),
            TopicCandidate(name: "半導體，", origin: "lexicon"),
            TopicCandidate(name: "chi", origin: "lexicon"),
            TopicCandidate(name: "陳蜀傑", origin: "lexicon"),
        ]
        let scanned = try mentions(completedBy: .scan, extraTopics: extra)
        #expect(scanned.count > 20)
        #expect(try mentions(completedBy: .searchIndex, extraTopics: extra) == scanned)
        #expect(try mentions(completedBy: .automatic, extraTopics: extra) == scanned)
    }

    @Test("a topic spelled without any searchable token is found by a scan")
    func spellingWithoutTokensFallsBackToAScan() throws {
        let extra = [TopicCandidate(name: "——", origin: "lexicon")]
        #expect(
            try mentions(completedBy: .searchIndex, extraTopics: extra)
                == mentions(completedBy: .scan, extraTopics: extra))
    }
}
