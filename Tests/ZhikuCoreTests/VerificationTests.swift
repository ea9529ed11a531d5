import Foundation
import Testing
import ZhikuCore
import ZhikuSQLite

/// A store with the sample corpus and its lexicon, in a temporary directory; `body` gets the store and
/// the database's path.
func withSampleCorpusStore<T>(_ body: (Store, String) throws -> T) throws -> T {
    try withStore { store, directory in
        try store.addLexicon(
            Lexicon.parse(
                String(contentsOf: repositoryRoot.appending(path: "Samples/topics.txt"), encoding: .utf8),
                file: "topics.txt"))
        try ingest([repositoryRoot.appending(path: "Samples/corpus")], into: store)
        return try body(store, directory.appending(path: "test.sqlite").path)
    }
}

/// The sample corpus ingested into a database in a temporary directory, its store closed again, as
/// after a run of `zhiku ingest`; `body` gets the database's path and the directory.
func withSampleCorpusDatabase<T>(_ body: (String, URL) throws -> T) throws -> T {
    try withTemporaryDirectory { directory in
        let path = directory.appending(path: "live.sqlite").path
        do {
            let store = try Store(path: path, opencc: sharedOpenCC)
            try ingest([repositoryRoot.appending(path: "Samples/corpus")], into: store)
        }
        return try body(path, directory)
    }
}

@Suite("Database verification")
struct VerificationTests {
    private let checkNames = [
        "schema", "integrity_check", "foreign_key_check", "turn_fts integrity-check", "row counts",
        "appearance turns", "turn_fts rows", "turn_fts content", "known-answer search",
    ]

    @Test("a freshly ingested database passes every check, and the report counts its rows")
    func freshDatabasePasses() throws {
        try withSampleCorpusStore { store, path in
            let report = try DatabaseVerification.verify(path: path)
            #expect(report.checks.map(\.name) == checkNames)
            #expect(report.passed, "\(report.failedChecks)")
            let turns = try #require(try store.connection.queryFirst("SELECT count(*) FROM turn_span")?.int(0))
            #expect(report.rowCounts.first { $0.table == "turn_span" }?.count == turns)
            #expect(report.rowCounts.map(\.table) == DatabaseVerification.countedTables)
            #expect(report.check(named: "turn_fts content")?.detail.hasPrefix("\(turns) turns agree") == true)
            #expect(report.check(named: "known-answer search")?.detail.contains("found turn") == true)
        }
    }

    @Test("text changed behind the index's back: SQLite's checks pass, the content check names turn_fts and the turn")
    func changedTextIsFound() throws {
        try withSampleCorpusStore { store, path in
            let affected = try #require(
                try store.connection.queryFirst("SELECT count(*), min(id) FROM turn WHERE text LIKE '%芯片%'"))
            let (count, first) = (try affected.int(0), try affected.int64(1))
            #expect(count > 1)
            // Same length, so every offset stays valid and nothing but the index can notice.
            try store.connection.run("UPDATE document SET text = replace(text, '芯片', '晶圓')")

            let report = try DatabaseVerification.verify(path: path)
            #expect(report.check(named: "integrity_check")?.passed == true)
            #expect(report.check(named: "turn_fts integrity-check")?.passed == true)
            #expect(report.check(named: "turn_fts rows")?.passed == true)
            let content = try #require(report.check(named: "turn_fts content"))
            #expect(!content.passed)
            #expect(content.detail.contains("turn_fts"))
            #expect(content.detail.contains("\(count) of"))
            #expect(content.detail.contains("first: turn \(first)"))
            #expect(!report.passed)
        }
    }

    @Test("a turn whose offsets moved is named as the turn that disagrees")
    func movedOffsetsAreFound() throws {
        try withSampleCorpusStore { store, path in
            let turn = try #require(
                try store.connection.queryFirst(
                    "SELECT id FROM turn_span WHERE end_offset - start_offset > 10 ORDER BY id DESC LIMIT 1"
                )?.int64(0))
            try store.connection.run(
                "UPDATE turn_span SET start_offset = start_offset + 1, end_offset = end_offset + 1 WHERE id = ?", turn)

            let content = try #require(try DatabaseVerification.verify(path: path).check(named: "turn_fts content"))
            #expect(!content.passed)
            #expect(content.detail.contains("disagrees with the text of 1 of"))
            #expect(content.detail.contains("first: turn \(turn)"))
        }
    }

    @Test("a turn missing from the index is named by the rows check")
    func missingIndexRowIsFound() throws {
        try withSampleCorpusStore { store, path in
            let row = try #require(
                try store.connection.queryFirst("SELECT id, text FROM turn ORDER BY id LIMIT 1 OFFSET 3"))
            let turn = try row.int64(0)
            // The index is contentless: an entry is deleted by giving back the search form it was made from.
            try store.connection.run(
                "INSERT INTO turn_fts (turn_fts, rowid, search_form) VALUES ('delete', ?, ?)", turn,
                SearchForm(try row.string(1), fold: store.fold).indexText)

            let report = try DatabaseVerification.verify(path: path)
            let rows = try #require(report.check(named: "turn_fts rows"))
            #expect(!rows.passed)
            #expect(rows.detail.contains("1 turns are missing from the index turn_fts (first: turn \(turn))"))
            #expect(report.check(named: "turn_fts content")?.detail.contains("first: turn \(turn)") == true)
        }
    }

    @Test("an appearance whose turn count is wrong is named; every count is right after ingest")
    func wrongAppearanceTurnsAreFound() throws {
        try withSampleCorpusStore { store, path in
            let counted = try store.connection.query(
                """
                SELECT a.turns, (SELECT count(*) FROM turn_span t
                                 WHERE t.document_id = a.document_id AND t.speaker_id = a.speaker_id)
                FROM appearance a
                """
            ).map { [try $0.int(0), try $0.int(1)] }
            #expect(!counted.isEmpty && counted.allSatisfy { $0[0] == $0[1] }, "\(counted)")
            #expect(counted.contains { $0[0] > 1 })

            let appearance = try #require(
                try store.connection.queryFirst("SELECT id FROM appearance WHERE turns > 0 ORDER BY id LIMIT 1")?
                    .int64(0))
            try store.connection.run("UPDATE appearance SET turns = turns + 1 WHERE id = ?", appearance)
            let check = try #require(try DatabaseVerification.verify(path: path).check(named: "appearance turns"))
            #expect(!check.passed)
            #expect(check.detail == "1 appearances count their turns wrongly (first: appearance \(appearance))")
        }
    }

    @Test("verifying never changes the file it checks")
    func verificationChangesNothing() throws {
        try withTemporaryDirectory { directory in
            let path = directory.appending(path: "test.sqlite").path
            do {
                let store = try Store(path: path, opencc: sharedOpenCC)
                try ingest([repositoryRoot.appending(path: "Samples/corpus")], into: store)
            }
            let before = try Data(contentsOf: URL(fileURLWithPath: path))
            #expect(try DatabaseVerification.verify(path: path).passed)
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        }
    }

    @Test("an empty database passes: nothing to disagree, nothing to search for")
    func emptyDatabasePasses() throws {
        try withStore { _, directory in
            let report = try DatabaseVerification.verify(path: directory.appending(path: "test.sqlite").path)
            #expect(report.passed, "\(report.failedChecks)")
            #expect(report.check(named: "known-answer search")?.detail == "no turns to search for")
        }
    }

    @Test("a SQLite database that is not Zhiku's fails the schema check, and nothing throws")
    func foreignDatabaseFailsSchema() throws {
        try withTemporaryDirectory { directory in
            let path = directory.appending(path: "other.sqlite").path
            try Connection(path: path).execute("CREATE TABLE t (x)")
            let report = try DatabaseVerification.verify(path: path)
            #expect(report.check(named: "schema")?.passed == false)
            #expect(report.check(named: "turn_fts integrity-check")?.passed == false)
            #expect(!report.passed)
        }
    }

    @Test("a file that is not a database is refused, naming it")
    func notADatabaseIsRefused() throws {
        try withTemporaryDirectory { directory in
            let path = directory.appending(path: "notes.txt").path
            try Data(String(repeating: "这不是数据库。\n", count: 100).utf8).write(to: URL(fileURLWithPath: path))
            #expect {
                try DatabaseVerification.verify(path: path)
            } throws: { error in
                guard case ZhikuError.notADatabase(let named) = error else { return false }
                return named == path && "\(error)".contains(path)
            }
            #expect(throws: ZhikuError.self) { try DatabaseVerification.verify(path: path + ".missing") }
        }
    }
}

@Suite(
    "Database verification of real transcripts",
    .enabled(if: SharedCorpus.isPresent, "../shared/corpus is absent: skipped"))
struct RealCorpusVerificationTests {
    @Test("the index agrees with the text of every real transcript, token for token")
    func realTranscriptsAgree() throws {
        try withStore { store, directory in
            try ingest(try SharedCorpus.documents().map(\.path), into: store)
            let report = try DatabaseVerification.verify(path: directory.appending(path: "test.sqlite").path)
            #expect(report.passed, "\(report.failedChecks)")
        }
    }
}
