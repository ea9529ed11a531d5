import ArgumentParser

/// The `zhiku` command: a knowledge base for Chinese transcripts in one SQLite file.
@main
struct Zhiku: AsyncParsableCommand {
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
