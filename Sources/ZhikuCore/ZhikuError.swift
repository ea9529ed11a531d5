import ZhikuSQLite

/// The errors of Zhiku's engine, each worded for the person who will read it.
public enum ZhikuError: Error, Sendable, CustomStringConvertible {
    /// The database was written by a newer Zhiku, with migrations this program does not know.
    case databaseTooNew(path: String, found: Int, supported: Int)
    /// A migration failed; nothing of it was applied.
    case migrationFailed(name: String, reason: String)
    /// A bundled migration file name does not follow `NNNN_name.sql`, or the numbers have a gap.
    case badMigrationSet(String)
    /// OpenCC could not load a conversion configuration.
    case openCCUnavailable(config: String, reason: String)
    /// OpenCC failed on some text.
    case conversionFailed(config: String, reason: String)
    /// The database has no character fold table, so it was not created by Zhiku.
    case missingFoldTable(path: String)
    /// A search query had nothing to search for once punctuation and spaces were set aside.
    case emptyQuery(String)
    /// A file's bytes are not text in any encoding Zhiku reads; `offset` is the first bad byte.
    case undecodable(file: String, offset: Int, detail: String)
    /// A file's content is not in the shape its format requires.
    case malformedDocument(file: String, line: Int?, detail: String)
    /// The user's SQL would write, attach, change a setting or load code: only reading is allowed.
    case sqlRefused(String)
    /// The user's SQL ran past its time limit and was stopped.
    case sqlTimeLimit(seconds: Double)
    /// A value given by the user is out of range or malformed.
    case invalidArgument(String)
    /// A command that reads a database was pointed at a file that does not exist.
    case databaseMissing(path: String)
    /// No speaker, topic or document goes by the name or id given; `suggestions` are near names.
    case notFound(kind: String, name: String, suggestions: [String])
    /// A name given by the user fits several things; `candidates` describe each, so one can be chosen by id.
    case ambiguous(kind: String, name: String, candidates: [String])
    /// No bundled report has this name; `available` are the names there are.
    case unknownReport(String, available: [String])
    /// A parameter was given that the report does not declare in its header.
    case unknownReportParameter(report: String, parameter: String, declared: [String])
    /// A bundled report's header comment is not in the shape the catalog reads.
    case malformedReport(name: String, reason: String)
    /// A file the command needs does not exist.
    case noSuchFile(path: String)
    /// A file is not a SQLite database (or is damaged beyond opening).
    case notADatabase(path: String)
    /// A backup would replace an existing file, and replacing was not asked for.
    case destinationExists(path: String)
    /// A database failed verification; `path` names it as the user gave it.
    case verificationFailed(path: String, report: VerificationReport)
    /// Another process holds the database open, so its file cannot be replaced safely now.
    case databaseInUse(path: String, detail: String)
    /// A file operation (rename, link, remove) failed.
    case fileOperationFailed(path: String, detail: String)
    /// An error from SQLite itself.
    case database(SQLiteError)

    /// The message for a person to read.
    public var description: String {
        switch self {
        case .databaseTooNew(let path, let found, let supported):
            return "\(path) has schema version \(found), but this zhiku knows versions up to \(supported); "
                + "use a newer zhiku (the file was left untouched)"
        case .migrationFailed(let name, let reason):
            return "migration \(name) failed and was rolled back: \(reason)"
        case .badMigrationSet(let reason):
            return "the bundled migrations are inconsistent: \(reason)"
        case .openCCUnavailable(let config, let reason):
            return "OpenCC cannot load the configuration '\(config)': \(reason) "
                + "(is the Debian package libopencc1.1 with its data installed? Scripts/setup installs it)"
        case .conversionFailed(let config, let reason):
            return "OpenCC conversion '\(config)' failed: \(reason)"
        case .missingFoldTable(let path):
            return "\(path) has no character fold table; it was not created by zhiku or is damaged"
        case .emptyQuery(let query):
            return query.isEmpty
                ? "the search query is empty"
                : "the search query 「\(query)」 has nothing to search for: it is only punctuation or spaces"
        case .undecodable(let file, let offset, let detail):
            return "\(file): cannot decode at byte offset \(offset): \(detail)"
        case .malformedDocument(let file, let line, let detail):
            return "\(file)\(line.map { ":\($0)" } ?? ""): \(detail)"
        case .sqlRefused(let detail):
            return "refused: only statements that read are allowed (\(detail))"
        case .sqlTimeLimit(let seconds):
            return "stopped at the time limit of \(seconds) s (raise it with --timeout)"
        case .invalidArgument(let message):
            return message
        case .databaseMissing(let path):
            return "\(path): no such database (give --db or set ZHIKU_DB; zhiku ingest creates one)"
        case .notFound(let kind, let name, let suggestions):
            let hint = suggestions.isEmpty ? "" : "; did you mean " + suggestions.joined(separator: ", ") + "?"
            return "no \(kind) 「\(name)」\(hint)"
        case .ambiguous(let kind, let name, let candidates):
            return "「\(name)」 names several \(kind)s, give one by id: " + candidates.joined(separator: "; ")
        case .unknownReport(let name, let available):
            return "no report is named '\(name)'; the reports are: \(available.joined(separator: ", "))"
        case .unknownReportParameter(let report, let parameter, let declared):
            return "the report \(report) has no parameter '\(parameter)'; "
                + (declared.isEmpty ? "it takes none" : "its parameters are: \(declared.joined(separator: ", "))")
        case .malformedReport(let name, let reason):
            return "the bundled report \(name) has a malformed header: \(reason)"
        case .noSuchFile(let path):
            return "\(path): no such file"
        case .notADatabase(let path):
            return "\(path) is not a SQLite database (or is damaged beyond opening)"
        case .destinationExists(let path):
            return "\(path) already exists; give --force to replace it"
        case .verificationFailed(let path, let report):
            let failed = report.failedChecks.map { "\($0.name) (\($0.detail))" }
            return "verification of \(path) failed: " + failed.joined(separator: "; ")
        case .databaseInUse(let path, let detail):
            return "\(path) is in use by another process (\(detail)); stop it and try again"
        case .fileOperationFailed(let path, let detail):
            return "\(path): \(detail)"
        case .database(let error):
            return error.description
        }
    }
}
