import Foundation
import Testing
import ZhikuCore
import ZhikuSQLite

/// The index must find exactly what a brute-force scan of the folded text finds.
@Suite("Search equals a brute-force scan")
struct SearchPropertyTests {
    /// The reference: fold every character with the stored table, drop spaces (the index ignores
    /// them), and look for the folded query as a plain substring.
    private func bruteForce(_ query: String, in turns: [(id: Int64, text: String)], fold: FoldTable) -> Set<Int64> {
        let needle = fold.fold(query)
        return Set(
            turns.filter { turn in
                fold.fold(turn.text).unicodeScalars.filter { $0 != " " }.map(String.init).joined().contains(needle)
            }.map(\.id))
    }

    private func indexed(_ query: String, store: Store) throws -> Set<Int64> {
        // Without regional expansion: the reference knows nothing of vocabulary.
        let expression = try SearchQuery(query, fold: store.fold, opencc: nil).matchExpression
        return Set(
            try store.connection.query("SELECT rowid FROM turn_fts WHERE turn_fts MATCH ?", expression).map {
                try $0.int64(0)
            })
    }

    @Test("random 1–4 character Han queries find the same turns as a substring scan", arguments: [1, 2, 3, 4])
    func randomQueries(length: Int) throws {
        try withStore { store, _ in
            try SearchFixture.store(into: store)
            let turns = try store.connection.query("SELECT id, text FROM turn").map {
                (try $0.int64(0), try $0.string(1))
            }
            let hanRuns = turns.flatMap { turn in
                turn.1.unicodeScalars.split { !$0.properties.isIdeographic }.map(Array.init)
            }
            let alphabet = Array(Set(hanRuns.joined())).sorted { $0.value < $1.value }
            var generator = SplitMix64(state: UInt64(20_261_130 + length))
            var checked = 0
            var nonEmpty = 0
            for round in 0..<300 {
                let query: String
                if round % 2 == 0, let run = hanRuns.filter({ $0.count >= length }).randomElement(using: &generator) {
                    // A substring of the text: usually found.
                    let start = Int.random(in: 0...(run.count - length), using: &generator)
                    query = String(String.UnicodeScalarView(run[start..<(start + length)]))
                } else {
                    // Characters from the fixture's alphabet or anywhere in the CJK block: usually not found.
                    query = String(
                        String.UnicodeScalarView(
                            (0..<length).compactMap { _ in
                                Bool.random(using: &generator)
                                    ? alphabet.randomElement(using: &generator)
                                    : Unicode.Scalar(UInt32.random(in: 0x4E00...0x9FFF, using: &generator))
                            }))
                }
                let expected = bruteForce(query, in: turns, fold: store.fold)
                let found = try indexed(query, store: store)
                #expect(found == expected, "query \(query)")
                checked += 1
                if !expected.isEmpty { nonEmpty += 1 }
            }
            #expect(checked == 300)
            // Both halves of the property must be exercised: queries that match and queries that do not.
            #expect(nonEmpty > 50 && nonEmpty < 300)
        }
    }
}
