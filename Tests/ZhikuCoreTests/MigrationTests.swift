import Foundation
import Testing
import ZhikuCore
import ZhikuSQLite

@Suite("Schema migrations")
struct MigrationTests {
    /// The schema as `sqlite_master` holds it, for comparison.
    private func schema(_ connection: Connection) throws -> String {
        try connection.query(
            "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY type, name"
        ).map { "\(try $0.string(2));" }.joined(separator: "\n") + "\n"
    }

    @Test("bundled migrations are numbered 1, 2, 3 … without gaps")
    func contiguousVersions() throws {
        let migrations = try Migrator.bundled()
        #expect(!migrations.isEmpty)
        #expect(migrations.map(\.version) == Array(1...migrations.count))
        #expect(Store.schemaVersion == migrations.count)
    }

    @Test("badly named or gapped migration sets are refused")
    func badMigrationSets() {
        #expect(throws: ZhikuError.self) { try Migrator.parse([(name: "1_schema.sql", sql: "")]) }
        #expect(throws: ZhikuError.self) {
            try Migrator.parse([(name: "0001_a.sql", sql: ""), (name: "0003_c.sql", sql: "")])
        }
    }

    @Test("a new database reaches the latest version, and migrating again changes nothing")
    func freshDatabase() throws {
        try withStore { store, _ in
            #expect(try store.connection.userVersion() == Store.schemaVersion)
            let before = try schema(store.connection)
            #expect(try Migrator.migrate(store.connection, Migrator.bundled()).isEmpty)
            #expect(try schema(store.connection) == before)
            #expect(try store.connection.query("PRAGMA integrity_check").first?.string(0) == "ok")
        }
    }

    @Test("reopening an existing database keeps its rows and its fold")
    func reopen() throws {
        try withTemporaryDirectory { directory in
            let path = directory.appending(path: "z.sqlite").path
            let first = try Store(path: path, opencc: sharedOpenCC)
            try SearchFixture.store(into: first)
            let folds = try first.connection.query("SELECT count(*) FROM fold_char").first?.int(0)
            let second = try Store(path: path, opencc: sharedOpenCC)
            #expect(try second.connection.query("SELECT count(*) FROM turn").first?.int(0) == SearchFixture.turns.count)
            #expect(try second.connection.query("SELECT count(*) FROM fold_char").first?.int(0) == folds)
        }
    }

    @Test("migration 2 counts the turns of every appearance of a database written before it")
    func appearanceTurnsMigration() throws {
        try withSampleCorpusStore { store, path in
            let connection = store.connection
            let expected = try connection.query("SELECT id, turns FROM appearance ORDER BY id").map {
                [try $0.int(0), try $0.int(1)]
            }
            // Back to version 1, as a database written by an earlier program.
            try connection.execute(
                """
                DROP INDEX appearance_by_speaker; DROP INDEX appearance_affiliated; DROP INDEX appearance_with_role;
                ALTER TABLE appearance DROP COLUMN turns;
                CREATE INDEX appearance_by_speaker ON appearance(speaker_id);
                """)
            try connection.setUserVersion(1)
            let applied = try Migrator.migrate(connection, Migrator.bundled())
            #expect(applied.first == 2)
            let migrated = try connection.query("SELECT id, turns FROM appearance ORDER BY id").map {
                [try $0.int(0), try $0.int(1)]
            }
            #expect(migrated == expected)
            #expect(try DatabaseVerification.verify(path: path).passed)
        }
    }

    @Test("a fresh database's schema equals the checked-in snapshot")
    func schemaSnapshot() throws {
        try withStore { store, _ in
            let snapshot = repositoryRoot.appending(path: "Tests/ZhikuCoreTests/Fixtures/schema.sql")
            let actual = try schema(store.connection)
            if ProcessInfo.processInfo.environment["ZHIKU_UPDATE_SNAPSHOTS"] == "1" {
                try actual.write(to: snapshot, atomically: true, encoding: .utf8)
            }
            let expected = try String(contentsOf: snapshot, encoding: .utf8)
            #expect(actual == expected, "schema changed: add a migration, then run with ZHIKU_UPDATE_SNAPSHOTS=1")
        }
    }

    @Test("a database newer than the program is refused, naming both versions, and left untouched")
    func tooNewDatabase() throws {
        try withTemporaryDirectory { directory in
            let path = directory.appending(path: "future.sqlite").path
            do {
                let connection = try Connection(path: path)
                try connection.execute("CREATE TABLE from_the_future (x)")
                try connection.setUserVersion(Store.schemaVersion + 7)
            }
            let before = try Data(contentsOf: URL(fileURLWithPath: path))
            #expect {
                try Store(path: path, opencc: sharedOpenCC)
            } throws: { error in
                let message = "\(error)"
                return message.contains("\(Store.schemaVersion + 7)")
                    && message.contains("up to \(Store.schemaVersion)")
            }
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        }
    }

    @Test("a migration that fails is rolled back whole")
    func failedMigrationRollsBack() throws {
        let connection = try Connection(path: ":memory:")
        let migrations = try Migrator.parse([
            (name: "0001_good.sql", sql: "CREATE TABLE a (x INTEGER);"),
            (name: "0002_bad.sql", sql: "CREATE TABLE b (x INTEGER); INSERT INTO nowhere VALUES (1);"),
        ])
        #expect(throws: ZhikuError.self) { try Migrator.migrate(connection, migrations) }
        #expect(try connection.userVersion() == 1)
        #expect(try connection.query("SELECT name FROM sqlite_master WHERE name = 'b'").isEmpty)
    }
}
