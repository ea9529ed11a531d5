import Foundation
import ZhikuSQLite

/// Verifies a Zhiku database file: SQLite's own checks, FTS5's, and checks that only Zhiku can make,
/// because its index is contentless. Used by `zhiku check` on the live file and by backup and
/// restore on the copies they make, before a copy is put in place.
///
/// The checks, in order (their names are stable, for scripts):
/// - `schema`: a Zhiku schema this program knows, with its character fold;
/// - `integrity_check`: `PRAGMA integrity_check`;
/// - `foreign_key_check`: `PRAGMA foreign_key_check`;
/// - `turn_fts integrity-check`: FTS5's `integrity-check` command (the index's own structure);
/// - `row counts`: the rows of each main table;
/// - `appearance turns`: each appearance's count of turns is the number of its speaker's turns in
///   its document;
/// - `turn_fts rows`: the index has one row per turn and none for turns that do not exist;
/// - `turn_fts content`: every token the index holds agrees with the text (see ``IndexAgreement``);
/// - `known-answer search`: a phrase taken from a few stored turns finds each of them.
///
/// Everything but FTS5's `integrity-check` runs on a read-only connection in one read transaction,
/// so a database that another process is writing is judged on one consistent snapshot.
public enum DatabaseVerification {
    /// The main tables whose rows are counted, in the order they are shown.
    public static let countedTables = [
        "document", "section", "speaker", "speaker_alias", "appearance", "turn_span", "claim_span", "topic",
        "topic_alias", "mention",
    ]

    /// Verifies the database at `path`. Throws only when the file cannot be opened as a database at
    /// all; everything else it finds is in the report's checks.
    ///
    /// The only statement that needs write access is FTS5's `integrity-check` (an `INSERT` command that
    /// changes nothing); it waits up to `busyTimeout` seconds for another writer to finish.
    public static func verify(path: String, busyTimeout: Double = 5) throws -> VerificationReport {
        guard FileManager.default.fileExists(atPath: path) else { throw ZhikuError.noSuchFile(path: path) }
        let connection: Connection
        do {
            connection = try Connection(path: path, mode: .readOnly, busyTimeout: busyTimeout)
            _ = try connection.queryFirst("SELECT count(*) FROM sqlite_schema")
        } catch let error as SQLiteError where error.isNotADatabase {
            throw ZhikuError.notADatabase(path: path)
        }

        var results: [String: VerificationCheck] = [:]
        var fold: FoldTable?
        results["schema"] = timed("schema") {
            let (detail, loaded) = try schema(connection)
            fold = loaded
            return (true, detail)
        }
        // Only on a Zhiku database (already in WAL mode), since opening for writing would switch the
        // file's journal mode; and before the read transaction, since it takes the write lock.
        if results["schema"]?.passed == true {
            results["turn_fts integrity-check"] = timed("turn_fts integrity-check") {
                try ftsIntegrity(path: path, busyTimeout: busyTimeout)
            }
        } else {
            results["turn_fts integrity-check"] = VerificationCheck(
                name: "turn_fts integrity-check", passed: false, detail: "not run: not a Zhiku database")
        }

        var rowCounts: [TableRowCount] = []
        try connection.execute("BEGIN")
        defer { try? connection.execute("ROLLBACK") }
        results["integrity_check"] = timed("integrity_check") { try integrity(connection) }
        results["foreign_key_check"] = timed("foreign_key_check") { try foreignKeys(connection) }
        results["row counts"] = timed("row counts") {
            rowCounts = try countedTables.map { table in
                // Table names come from the fixed list above, never from users.
                TableRowCount(
                    table: table, count: try connection.queryFirst("SELECT count(*) FROM \(table)")?.int(0) ?? 0)
            }
            return (true, rowCounts.map { "\($0.table) \($0.count)" }.joined(separator: ", "))
        }
        results["appearance turns"] = timed("appearance turns") { try appearanceTurns(connection) }
        results["turn_fts rows"] = timed("turn_fts rows") { try indexRows(connection) }
        results["turn_fts content"] = timed("turn_fts content") {
            guard let fold else { return (false, "not compared: the database has no character fold") }
            return content(try IndexAgreement.measure(connection, fold: fold))
        }
        results["known-answer search"] = timed("known-answer search") {
            guard let fold else { return (false, "not run: the database has no character fold") }
            return try knownAnswers(connection, fold: fold)
        }

        let order = [
            "schema", "integrity_check", "foreign_key_check", "turn_fts integrity-check", "row counts",
            "appearance turns", "turn_fts rows", "turn_fts content", "known-answer search",
        ]
        return VerificationReport(path: path, checks: order.compactMap { results[$0] }, rowCounts: rowCounts)
    }

    /// Runs one check, timing it; an error makes it fail, with the error as its detail.
    private static func timed(_ name: String, _ body: () throws -> (Bool, String)) -> VerificationCheck {
        let started = ContinuousClock.now
        let outcome: (passed: Bool, detail: String)
        do {
            outcome = try body()
        } catch {
            outcome = (false, "\(error)")
        }
        let elapsed = ContinuousClock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return VerificationCheck(name: name, passed: outcome.passed, detail: outcome.detail, seconds: seconds)
    }

    private static func schema(_ connection: Connection) throws -> (String, FoldTable) {
        let version = try connection.userVersion()
        let supported = Store.schemaVersion
        guard version >= 1 else { throw VerificationFailure("no Zhiku schema (user_version 0)") }
        guard version <= supported else {
            throw VerificationFailure("schema version \(version) is newer than this zhiku knows (\(supported))")
        }
        let required = ["document", "turn_span", "turn_fts", "fold_char"]
        let present = Set(
            try connection.query(
                "SELECT name FROM sqlite_schema WHERE name IN (?, ?, ?, ?)", arguments: required
            ).map { try $0.string(0) })
        if let missing = required.first(where: { !present.contains($0) }) {
            throw VerificationFailure("the table \(missing) is missing")
        }
        let fold = try Store.loadFold(connection)
        return ("schema version \(version), a fold of \(fold.mappings.count) characters", fold)
    }

    private static func integrity(_ connection: Connection) throws -> (Bool, String) {
        let messages = try connection.query("PRAGMA integrity_check").map { try $0.string(0) }
        if messages == ["ok"] { return (true, "ok") }
        return (false, "\(messages.count) problems: " + messages.prefix(3).joined(separator: "; "))
    }

    private static func foreignKeys(_ connection: Connection) throws -> (Bool, String) {
        let violations = try connection.query("PRAGMA foreign_key_check")
        guard let first = violations.first else { return (true, "no rows break a foreign key") }
        let table = (try? first.string(0)) ?? "?"
        let row = (try? first.optionalInt64(1)).flatMap { $0.map(String.init) } ?? "?"
        let parent = (try? first.string(2)) ?? "?"
        return (false, "\(violations.count) rows break a foreign key (first: \(table) row \(row), to \(parent))")
    }

    /// FTS5's own check of `turn_fts`, on a connection of its own that may write, closed afterwards.
    private static func ftsIntegrity(path: String, busyTimeout: Double) throws -> (Bool, String) {
        let writer = try Connection(path: path, mode: .readWrite, busyTimeout: busyTimeout)
        do {
            try writer.execute("INSERT INTO turn_fts(turn_fts, rank) VALUES ('integrity-check', 1)")
        } catch let error as SQLiteError where error.isBusy {
            return (false, "not run: another process kept the database locked for \(busyTimeout) s; try again")
        } catch let error as SQLiteError {
            return (false, "the index turn_fts is damaged: \(error.message)")
        }
        // For a contentless table FTS5 checks the index's structure only; the content is compared by
        // the check `turn_fts content`.
        return (true, "the index structure is sound")
    }

    private static func appearanceTurns(_ connection: Connection) throws -> (Bool, String) {
        // The turns grouped once, rather than counted again for each appearance.
        guard
            let row = try connection.queryFirst(
                """
                SELECT count(*), min(a.id) FROM appearance a
                LEFT JOIN (SELECT document_id, speaker_id, count(*) AS turns FROM turn_span
                           WHERE speaker_id IS NOT NULL GROUP BY document_id, speaker_id) t
                  ON t.document_id = a.document_id AND t.speaker_id = a.speaker_id
                WHERE a.turns <> coalesce(t.turns, 0)
                """)
        else { throw VerificationFailure("the appearances' turns could not be counted") }
        let wrong = try row.int(0)
        guard wrong == 0 else {
            return (false, "\(wrong) appearances count their turns wrongly (first: appearance \(try row.int64(1)))")
        }
        return (true, "every appearance counts its speaker's turns in its document")
    }

    private static func indexRows(_ connection: Connection) throws -> (Bool, String) {
        // turn_fts_docsize is FTS5's shadow table with one row per indexed rowid (here, per turn id).
        guard
            let row = try connection.queryFirst(
                """
                SELECT (SELECT count(*) FROM turn_fts_docsize),
                       (SELECT count(*) FROM turn_span WHERE id NOT IN (SELECT id FROM turn_fts_docsize)),
                       (SELECT min(id) FROM turn_span WHERE id NOT IN (SELECT id FROM turn_fts_docsize)),
                       (SELECT count(*) FROM turn_fts_docsize WHERE id NOT IN (SELECT id FROM turn_span)),
                       (SELECT min(id) FROM turn_fts_docsize WHERE id NOT IN (SELECT id FROM turn_span))
                """)
        else { throw VerificationFailure("the index rows could not be counted") }
        let (rows, missing, extra) = (try row.int(0), try row.int(1), try row.int(3))
        var problems: [String] = []
        if missing > 0 {
            problems.append("\(missing) turns are missing from the index turn_fts (first: turn \(try row.int64(2)))")
        }
        if extra > 0 {
            problems.append(
                "the index turn_fts has \(extra) rows for turns that do not exist (first: \(try row.int64(4)))")
        }
        if problems.isEmpty { return (true, "\(rows) index rows, one for each turn") }
        return (false, problems.joined(separator: "; "))
    }

    private static func content(_ agreement: IndexAgreement) -> (Bool, String) {
        let counts =
            "\(agreement.indexInstances) token instances in the index, \(agreement.textInstances) recomputed from the text"
        guard let first = agreement.disagreeingTurns.first else {
            return (true, "\(agreement.turnsCompared) turns agree: \(counts)")
        }
        return (
            false,
            "the index turn_fts disagrees with the text of \(agreement.disagreeingTurns.count) of "
                + "\(agreement.turnsCompared) turns (first: turn \(first)): \(counts)"
        )
    }

    /// Takes the first, middle and last turns (or the next ones with something to search for), makes a
    /// phrase from their search form and checks that MATCH finds each turn by it.
    private static func knownAnswers(_ connection: Connection, fold: FoldTable) throws -> (Bool, String) {
        let turns = try connection.queryFirst("SELECT count(*) FROM turn_span")?.int(0) ?? 0
        guard turns > 0 else { return (true, "no turns to search for") }
        var found: [String] = []
        var tried = Set<Int64>()
        for place in Set([0, turns / 2, turns - 1]).sorted() {
            for row in try connection.query(
                """
                SELECT t.id, substr(d.text, t.start_offset + 1, t.end_offset - t.start_offset)
                FROM turn_span t JOIN document d ON d.id = t.document_id
                WHERE t.id >= (SELECT id FROM turn_span ORDER BY id LIMIT 1 OFFSET ?) ORDER BY t.id LIMIT 50
                """, place)
            {
                let id = try row.int64(0)
                guard !tried.contains(id), let phrase = samplePhrase(try row.string(1), fold: fold) else { continue }
                tried.insert(id)
                let expression = "\"" + phrase.joined(separator: " ") + "\""
                let hits =
                    try connection.queryFirst(
                        "SELECT count(*) FROM turn_fts WHERE turn_fts MATCH ? AND rowid = ?", expression, id)?.int(0)
                    ?? 0
                guard hits == 1 else {
                    return (false, "the index turn_fts does not find turn \(id) by \(expression), a phrase of its text")
                }
                found.append("turn \(id) by \(expression)")
                break
            }
        }
        if found.isEmpty { return (true, "no turn has anything to search for") }
        return (true, "found " + found.joined(separator: ", "))
    }

    /// Two adjacent tokens from the middle of a text's search form (or one, if no two are adjacent),
    /// preferring Han characters; nil if the text has nothing to search for.
    private static func samplePhrase(_ text: String, fold: FoldTable) -> [String]? {
        let tokens = SearchForm(text, fold: fold).tokens
        let middle = tokens.count / 2
        let order = Array(tokens.indices[middle...]) + Array(tokens.indices[..<middle])
        var single: [String]?
        for index in order where tokens[index].kind != .boundary {
            let next = index + 1
            if next < tokens.count, tokens[next].kind != .boundary,
                tokens[index].kind == .character || tokens[next].kind == .character
            {
                return [tokens[index].text, tokens[next].text]
            }
            if single == nil { single = [tokens[index].text] }
        }
        return single
    }
}

/// A check's failure found while running it, with the detail to show.
private struct VerificationFailure: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
