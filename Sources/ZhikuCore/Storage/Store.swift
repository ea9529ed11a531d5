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
    /// Speakers' names, affiliations and counts as listings show them, kept while the database
    /// does not change (see ``contentStamp()``): five subqueries per speaker, each reading all of a
    /// prolific speaker's appearances, for every listing they are in.
    var speakerDetailCache = SpeakerDetailCache()
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
    /// Hands the index the tokens worked out while preparing documents (see ``indexTokenReplay(on:)``).
    let tokenReplay: FTS5TokenReplay?
    /// Formats `document.ingested_at`; made once, as making one costs more than storing a small document.
    let timestampFormatter = ISO8601DateFormatter()
    /// The path the store was opened with.
    public var path: String { connection.path }

    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    ///
    /// `memoryMapped` is for owners that keep the store: queries read large parts of the full-text
    /// index, and mapped pages spare a system call and a copy per page (4 KB); address space only,
    /// the pages are the operating system's cache. A process that runs one query and exits gains
    /// nothing from it: it maps each page it touches once, then pays to unmap them all (3 ms of a
    /// cold `zhiku speakers --topic` on a 300 MB file).
    public init(path: String, opencc: OpenCC, memoryMapped: Bool = true) throws {
        self.opencc = opencc
        let connection = try Connection(path: path)
        // Before anything opens the full-text index, which then keeps the tokenizer it found.
        self.tokenReplay = Self.indexTokenReplay(on: connection)
        try Migrator.migrate(connection, Migrator.bundled())
        try Self.storeFoldIfMissing(connection, opencc: opencc)
        try connection.execute("PRAGMA mmap_size = \(memoryMapped ? Self.mappedBytes : 0)")
        try SearchRanking.register(on: connection)
        self.connection = connection
        self.fold = try Self.loadFold(connection)
        self.knownDataVersion = try dataVersion()
    }

    /// How much of the file queries read through memory mapping: all of it, in practice.
    static let mappedBytes = 1 << 30

    /// What identifies the database's content for this store's caches: SQLite's data version, which
    /// commits of other connections change, and the rows this connection has changed.
    /// See <https://www.sqlite.org/pragma.html#pragma_data_version>.
    func contentStamp() throws -> [Int] {
        [Int(try dataVersion()), connection.totalChanges]
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

    /// The fold stored in the database of `connection`; every search form in it was made with it.
    static func loadFold(_ connection: Connection) throws -> FoldTable {
        // One row of pairs rather than a row per mapping: reading thousands of rows one by one was a
        // measurable part of every cold start. The schema keeps both columns one character long.
        let pairs =
            try connection.queryFirst("SELECT group_concat(source || target, '') FROM fold_char")?.optionalString(0)
            ?? ""
        var mappings: [UInt32: UInt32] = [:]
        mappings.reserveCapacity(pairs.utf8.count / 6)
        var scalars = pairs.unicodeScalars.makeIterator()
        while let source = scalars.next(), let target = scalars.next() {
            mappings[source.value] = target.value
        }
        guard !mappings.isEmpty else { throw ZhikuError.missingFoldTable(path: connection.path) }
        return FoldTable(mappings: mappings)
    }
}
