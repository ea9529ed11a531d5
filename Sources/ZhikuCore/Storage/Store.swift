import Foundation
import ZhikuSQLite

/// A Zhiku database file, opened for reading and writing: the one owner of its connection.
///
/// Opening migrates the schema to this program's version and, when the file is new, stores the
/// character fold derived from OpenCC (see ``FoldTable``). Not Sendable: one thread owns a store.
public final class Store {
    /// The connection, for the queries of this module.
    package let connection: Connection
    /// The fold stored in this database; every search form in it was made with this table.
    public let fold: FoldTable
    /// The converters used for regional query expansion and script conversion of output.
    public let opencc: OpenCC
    /// The topics known to this database, ready to be found in text; loaded on first use and kept in
    /// step with the topics this store writes (dropped when a transaction fails).
    var topicMatcherCache: TopicMatcher?
    /// The written forms of speakers' names met while storing documents (see ``SpeakerNameForms``),
    /// by speaker id; dropped with the other caches.
    var speakerNameCache: [Int64: SpeakerNameForms] = [:]
    /// The spellings of the topics this store created without aliases since the topic index was
    /// last completed, by id: worked out by the parsing workers, not again when completing it.
    var newTopicSpellings: [Int64: Set<String>] = [:]
    /// The statements run for every turn, claim, mention and index entry, prepared on first use.
    var writeStatementsCache: WriteStatements?
    /// `PRAGMA data_version` when the caches were last known to match the file: another connection's
    /// commit changes it, and then the caches may be stale.
    var knownDataVersion: Int64?
    /// Whether a bulk load has changed, or is to change, how the full-text index merges (see
    /// ``bulkLoad(_:)``).
    var bulkIndexMerge = BulkIndexMerge.off
    /// Formats `document.ingested_at`; made once, as making one costs more than storing a small document.
    let timestampFormatter = ISO8601DateFormatter()
    /// The path the store was opened with.
    public var path: String { connection.path }

    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    public init(path: String, opencc: OpenCC) throws {
        self.opencc = opencc
        let connection = try Connection(path: path)
        try Migrator.migrate(connection, Migrator.bundled())
        try Self.storeFoldIfMissing(connection, opencc: opencc)
        self.connection = connection
        self.fold = try Self.loadFold(connection)
        self.knownDataVersion = try connection.queryFirst("PRAGMA data_version")?.int64(0)
    }

    /// The schema version this program writes: the number of its last migration.
    public static var schemaVersion: Int {
        (try? Migrator.bundled().last?.version) ?? 0
    }

    private static func storeFoldIfMissing(_ connection: Connection, opencc: OpenCC) throws {
        if try connection.queryFirst("SELECT 1 FROM meta WHERE key = 'fold.source'") != nil { return }
        let table = try FoldTable.derive(using: opencc)
        try connection.transaction {
            // Another process may have stored it while we waited for the write lock.
            guard try connection.queryFirst("SELECT 1 FROM meta WHERE key = 'fold.source'") == nil else { return }
            for (source, target) in table.mappings.sorted(by: { $0.key < $1.key }) {
                guard let from = Unicode.Scalar(source), let to = Unicode.Scalar(target) else { continue }
                try connection.run(
                    "INSERT INTO fold_char (source, target) VALUES (?, ?)", String(from), String(to))
            }
            try connection.run(
                "INSERT INTO meta (key, value) VALUES ('fold.source', ?), ('fold.created_at', ?)",
                "OpenCC t2s/tw2s/hk2s, NFKC, lower case; \(table.mappings.count) mappings",
                ISO8601DateFormatter().string(from: Date()))
        }
    }

    private static func loadFold(_ connection: Connection) throws -> FoldTable {
        var mappings: [UInt32: UInt32] = [:]
        try connection.cachedStatement("SELECT source, target FROM fold_char").forEachRow { row in
            if let source = try row.string(0).unicodeScalars.first, let target = try row.string(1).unicodeScalars.first
            {
                mappings[source.value] = target.value
            }
        }
        guard !mappings.isEmpty else { throw ZhikuError.missingFoldTable(path: connection.path) }
        return FoldTable(mappings: mappings)
    }
}
