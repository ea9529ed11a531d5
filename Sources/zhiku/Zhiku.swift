import ArgumentParser
import Foundation
import Synchronization

/// The `zhiku` command: a knowledge base for Chinese transcripts in one SQLite file.
struct Zhiku: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "zhiku",
        abstract: "A knowledge base for Chinese transcripts: who spoke, what they claimed, about which topics.",
        discussion: """
            Every command works on one SQLite file, given with --db (default: $ZHIKU_DB, else ./zhiku.sqlite).
            Search and names work in either script: 摩尔定律 finds 摩爾定律, 晶片 finds 芯片.

            Examples:
              zhiku ingest --topics Samples/topics.txt Samples/corpus
              zhiku search 摩尔定律
              echo 软件和服务器 | zhiku convert --to taiwan
            """,
        version: "0.1.0",
        subcommands: [
            IngestCommand.self, DocumentsCommand.self, SpeakersCommand.self, TopicsCommand.self, ClaimsCommand.self,
            SearchCommand.self, ShowCommand.self, SQLCommand.self, ReportCommand.self, StatsCommand.self,
            CheckCommand.self, BackupCommand.self, RestoreCommand.self, ServeCommand.self,
            ConvertCommand.self,
        ]
    )
}

/// Runs the command line on the main thread; only `zhiku serve` starts Swift concurrency.
///
/// An asynchronous root command would run every command on a thread of the concurrency pool: one
/// thread more to start and to be scheduled for each `zhiku search`, which on a busy machine was
/// several milliseconds of a cold query.
@main
enum ZhikuMain {
    static func main() {
        do {
            var command = try Zhiku.parseAsRoot()
            if let asynchronous = command as? any AsyncParsableCommand {
                try runToCompletion(asynchronous)
            } else {
                try command.run()
            }
        } catch {
            Zhiku.exit(withError: error)
        }
    }

    /// Runs `command` in a task and waits for it on this thread.
    private static func runToCompletion(_ command: sending any AsyncParsableCommand) throws {
        let finished = DispatchSemaphore(value: 0)
        let failure = Failure()
        Task {
            var command = command
            do {
                try await command.run()
            } catch {
                failure.error.withLock { $0 = error }
            }
            finished.signal()
        }
        finished.wait()
        if let error = failure.error.withLock({ $0 }) { throw error }
    }

    /// What the task of ``runToCompletion(_:)`` threw, if anything.
    private final class Failure: Sendable {
        let error = Mutex<(any Error)?>(nil)
    }
}
