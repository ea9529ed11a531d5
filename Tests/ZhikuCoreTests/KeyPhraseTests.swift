import Foundation
import Testing
import ZhikuCore

/// Key phrases are found from the corpus's statistics alone: the test corpus is random characters
/// with a few phrases planted in it, so nothing but their distribution can single them out.
@Suite("Key phrases from corpus statistics")
struct KeyPhraseTests {
    /// Planted in some documents, each time between random characters.
    private struct Planted {
        var phrase: String
        var documents: Range<Int>
        var perDocument: Int
    }

    private let planted = [
        Planted(phrase: "量子計算", documents: 0..<3, perDocument: 5),
        // The same phrase in simplified script, in a document of its own.
        Planted(phrase: "量子计算", documents: 3..<4, perDocument: 5),
        Planted(phrase: "碳權", documents: 4..<7, perDocument: 6),
        // As frequent and as free as 碳權, but a title and a role: they name people, not subjects.
        Planted(phrase: "處長", documents: 4..<7, perDocument: 6),
        Planted(phrase: "主持人", documents: 0..<3, perDocument: 6),
        // 這 is the corpus's most frequent character, so a phrase may not start with it.
        Planted(phrase: "這", documents: 0..<10, perDocument: 65),
        Planted(phrase: "這一塊", documents: 7..<10, perDocument: 6),
    ]

    /// Ten documents of random characters (none of the planted ones), two speakers each, with the
    /// planted phrases at random places.
    private func writeCorpus(in directory: URL, fold: FoldTable) throws {
        let plantedCharacters = Set(planted.flatMap { fold.fold($0.phrase).unicodeScalars })
        let pool = (0..<300).compactMap { Unicode.Scalar(0x4E00 + $0 * 67) }.filter {
            !plantedCharacters.contains(fold.fold($0))
        }
        var random = SplitMix64(state: 20_261_130)
        for document in 0..<10 {
            // Sentences as pieces, so that a phrase planted later never splits one planted before.
            var sentences: [[String]] = (0..<120).map { _ in
                (0..<Int.random(in: 8...20, using: &random)).map { _ in
                    String(pool[Int.random(in: pool.indices, using: &random)])
                }
            }
            for plant in planted where plant.documents.contains(document) {
                for _ in 0..<plant.perDocument {
                    let index = Int.random(in: sentences.indices, using: &random)
                    sentences[index].insert(
                        plant.phrase, at: Int.random(in: 1..<sentences[index].count, using: &random))
                }
            }
            let written = sentences.map { $0.joined() + "。" }
            let half = written.count / 2
            let text =
                "座談紀錄\(document)\n\n王智：\(written[..<half].joined())\n\n陳蜀傑：\(written[half...].joined())\n"
            try text.write(to: directory.appending(path: "talk-\(document).txt"), atomically: true, encoding: .utf8)
        }
    }

    @Test("phrases that recur in a few documents are found, in both scripts; titles, roles and 這一塊 are not")
    func plantedPhrases() throws {
        try withStore { store, directory in
            let corpus = directory.appending(path: "corpus")
            try FileManager.default.createDirectory(at: corpus, withIntermediateDirectories: true)
            try writeCorpus(in: corpus, fold: store.fold)
            try ingest([corpus], into: store)
            let completion = try store.completeCorpus()

            let keyPhrases = try store.connection.query(
                "SELECT name FROM topic WHERE origin = 'keyphrase' ORDER BY name"
            )
            .map { try $0.string(0) }
            #expect(keyPhrases == ["碳權", "量子計算"])
            #expect(completion.addedKeyPhrases == 2)

            // Every planted occurrence is a mention, in either script, with offsets that cut it out.
            let mentions = try store.connection.query(
                """
                SELECT substr(d.text, m.start_offset + 1, m.end_offset - m.start_offset)
                FROM mention m JOIN topic tp ON tp.id = m.topic_id JOIN turn_span t ON t.id = m.turn_id
                JOIN document d ON d.id = t.document_id
                WHERE tp.name = '量子計算'
                """
            ).map { try $0.string(0) }
            #expect(mentions.filter { $0 == "量子計算" }.count == 15)
            #expect(mentions.filter { $0 == "量子计算" }.count == 5)
            #expect(mentions.count == 20)
        }
    }
}
