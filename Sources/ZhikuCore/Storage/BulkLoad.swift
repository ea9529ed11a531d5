import ZhikuSQLite

extension Store {
    /// Runs a bulk load: the write-ahead log is copied into the file by another thread (see
    /// ``BackgroundCheckpointer``); pages that merges of the full-text index free are not overwritten
    /// with zeros (see ``bulkSecureDelete``). These settings are this connection's only, restored
    /// afterwards; readers are not affected.
    ///
    /// The page cache keeps its default size while documents are stored: each document's commit
    /// writes the pages it changed whatever the cache holds, and a large cache costs a visit of every
    /// cached page at each commit. (When a B-tree split leaves its pages out of order, SQLite swaps
    /// their numbers through the number of the page at 1 GB; the commit then drops the cached pages
    /// past the end of the file by walking the whole cache. With 64 MB, 0.5 s of the writer's 6.9 s on
    /// the 100 MB corpus.) The corpus scan at the end raises it for its one transaction (see
    /// ``scanPageCache``).
    ///
    /// The full-text index also merges its segments less often meanwhile (see
    /// ``bulkIndexMergeThreshold``), and is set back to FTS5's default afterwards. Its content is the
    /// same either way; only how it is cut into segments differs, which later writes tidy as usual.
    public func bulkLoad<T>(_ body: () throws -> T) throws -> T {
        // The log is copied into the file by another thread meanwhile (an in-memory database has no
        // log; the writer's own automatic checkpoints stay as a fallback, far apart).
        let checkpointer = path == ":memory:" || path.isEmpty ? nil : BackgroundCheckpointer(path: path)
        // Mapped pages (see ``init(path:opencc:)``) would only have to be copied before each change.
        let secureDelete = try connection.queryFirst("PRAGMA secure_delete")?.int(0) ?? 1
        try connection.execute(
            "PRAGMA wal_autocheckpoint = 65536; PRAGMA mmap_size = 0; PRAGMA secure_delete = \(Self.bulkSecureDelete)")
        defer {
            checkpointer?.stop()
            try? connection.execute(
                "PRAGMA wal_autocheckpoint = 1000; PRAGMA mmap_size = \(Self.mappedBytes); "
                    + "PRAGMA secure_delete = \(secureDelete)")
        }
        // A threshold left by a killed bulk load counts as this one's, to be set back at its end.
        bulkIndexMerge =
            try connection.queryFirst("SELECT 1 FROM turn_fts_config WHERE k = 'automerge'") == nil ? .pending : .set
        let result: T
        do {
            result = try body()
        } catch {
            if bulkIndexMerge == .set { try? setDefaultIndexMergeThreshold() }
            bulkIndexMerge = .off
            throw error
        }
        if bulkIndexMerge == .set { try setDefaultIndexMergeThreshold() }
        bulkIndexMerge = .off
        return result
    }

    /// Where a bulk load stands with the full-text index's merge threshold.
    enum BulkIndexMerge {
        /// No bulk load.
        case off
        /// To be set with the first document stored: a run that stores nothing leaves the file as it was.
        case pending
        /// Set; FTS5's default is set back when the bulk load ends.
        case set
    }

    /// Sets the bulk load's merge threshold if it is still to be set, inside the transaction of the
    /// first document it stores; returns whether it did (and so, once that commits, it is set).
    func setBulkIndexMergeThresholdIfPending() throws -> Bool {
        guard bulkIndexMerge == .pending else { return false }
        try setIndexMergeThreshold(Self.bulkIndexMergeThreshold)
        return true
    }

    /// How a bulk load overwrites deleted content: `FAST` zeroes it on the pages being written anyway,
    /// but not whole pages put on the free list, which SQLite as built by Debian (`SECURE_DELETE`)
    /// otherwise zeroes and writes to the log. The full-text index's merges free many pages, each a
    /// copy of index entries that live on in the merged segment: a tenth of the log's pages on the
    /// 100 MB corpus (286,000 -> 252,000 frames). See <https://www.sqlite.org/pragma.html#pragma_secure_delete>.
    static let bulkSecureDelete = "FAST"

    /// How many segments of one level FTS5 lets accumulate before merging them, during a bulk load.
    /// Each document is committed on its own, so each adds a segment; with FTS5's default of 4, the
    /// merges rewrote the index about once per level and cost a third of its writing (100 MB corpus:
    /// 6.6 s -> 4.7 s of CPU with 16). See <https://www.sqlite.org/fts5.html#the_automerge_option>.
    static let bulkIndexMergeThreshold = 16

    private func setIndexMergeThreshold(_ segments: Int) throws {
        try connection.run("INSERT INTO turn_fts (turn_fts, rank) VALUES ('automerge', ?)", segments)
    }

    /// FTS5's own default (4), with the configuration row removed again, as in a file that never
    /// changed it. A bulk load that was killed leaves its threshold; the next one sets the default back.
    private func setDefaultIndexMergeThreshold() throws {
        // Through FTS5 first, so that this connection's copy of the configuration changes too; the
        // row it writes is then removed, which leaves the value FTS5 assumes without one.
        try setIndexMergeThreshold(4)
        try connection.run("DELETE FROM turn_fts_config WHERE k = 'automerge'")
    }
}
