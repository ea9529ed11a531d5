import ArgumentParser
import Foundation
import ZhikuCore

/// The `--db` option every command takes.
struct DatabaseOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The database file.", discussion: "Default: $ZHIKU_DB if set, else ./zhiku.sqlite.", valueName: "path"))
    var db: String?

    /// The path to use: the option, then `$ZHIKU_DB`, then `./zhiku.sqlite`.
    var path: String {
        if let db { return db }
        if let environment = ProcessInfo.processInfo.environment["ZHIKU_DB"], !environment.isEmpty {
            return environment
        }
        return "zhiku.sqlite"
    }

    /// Opens the database, creating it if needed.
    func openStore(_ opencc: OpenCC) throws -> Store {
        try Store(path: path, opencc: opencc)
    }

    /// Opens the database for a command that reads it: a missing file is a mistake (a wrong --db, an
    /// unset ZHIKU_DB), not a request for an empty database.
    func openExistingStore(_ opencc: OpenCC) throws -> Store {
        guard FileManager.default.fileExists(atPath: path) else { throw ZhikuError.databaseMissing(path: path) }
        // One query and exit: see `memoryMapped`.
        return try Store(path: path, opencc: opencc, memoryMapped: false)
    }
}

/// Writes `message` to standard error, where diagnostics belong.
func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}
