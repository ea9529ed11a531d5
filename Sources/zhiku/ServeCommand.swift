import ArgumentParser
import Foundation
import Logging
import ZhikuCore
import ZhikuServer

/// `zhiku serve`: the HTTP API and the web page over one database.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the database over HTTP: a JSON API and a web page for search and browsing.",
        discussion: """
            Binds to 127.0.0.1 unless --host says otherwise, logs one line per request on standard
            error, and stops cleanly on SIGINT or SIGTERM: requests in progress, an upload among
            them, are finished first. Reads never wait for a write (SQLite WAL, one writer).

            The API mirrors the CLI, with the keys of --format json: /api/documents, /api/speakers
            (topic=, document=), /api/topics, /api/claims, /api/search (q=, speaker=, topic=,
            document=, limit=), /api/show/document|speaker|topic/NAME, /api/sql, /api/stats and
            /healthz. Errors are JSON: {"error": {"status": …, "message": …}}.

            Writes need --token-file: a file holding a secret of at least 16 characters that
            clients send as "Authorization: Bearer …". POST /api/documents?name=FILE ingests the
            request body like zhiku ingest ingests a file (same decoding and parsing; a second
            upload with the same name replaces the document). Without --token-file there are no
            writes. Cached answers that an upload changes are served for at most --stale-window
            seconds while they are recomputed; its response comes once none of them is served any
            more, so that every read after it includes the new document.

            Examples:
              zhiku serve --db zhiku.sqlite
              openssl rand -hex 32 > token && zhiku serve --port 9000 --token-file token
              curl -H "Authorization: Bearer $(cat token)" --data-binary @panel.txt \\
                   'http://127.0.0.1:9000/api/documents?name=panel.txt'
            """
    )

    @OptionGroup var database: DatabaseOptions

    @Option(help: "The address to listen on.")
    var host: String = "127.0.0.1"

    @Option(help: "The port to listen on; 0 picks a free one.")
    var port: Int = 8080

    @Option(
        name: .customLong("token-file"),
        help: ArgumentHelp("A file with the bearer token that write requests must carry.", valueName: "file"))
    var tokenFile: String?

    @Option(name: .customLong("max-upload-mb"), help: "The largest document accepted by upload, in MB.")
    var maxUploadMB: Int = 20

    @Option(help: "Threads answering reads, each with its own connection.")
    var readers: Int = 4

    @Option(
        name: .customLong("stale-window"),
        help: ArgumentHelp(
            """
            Seconds after an upload that cached answers it changes may still be served while they are \
            recomputed; the upload's response waits for them. 0 drops them at once.
            """, valueName: "seconds"))
    var staleWindow = Double(ServerConfiguration.defaultStaleWindow.components.seconds)

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be from 0 to 65535") }
        guard maxUploadMB > 0 else { throw ValidationError("--max-upload-mb must be at least 1") }
        guard (1...64).contains(readers) else { throw ValidationError("--readers must be from 1 to 64") }
        guard (0...60).contains(staleWindow) else {
            throw ValidationError("--stale-window must be from 0 to 60 seconds")
        }
    }

    func run() async throws {
        LoggingSystem.bootstrap { StreamLogHandler.standardError(label: $0) }
        var logger = Logger(label: "zhiku")
        logger.logLevel = .info
        let token = try tokenFile.map(Self.readToken)
        let path = database.path
        if !FileManager.default.fileExists(atPath: path) {
            logger.notice("\(path) does not exist: serving a new, empty database")
        }
        let configuration = ServerConfiguration(
            databasePath: path, host: host, port: port, token: token, readers: readers,
            maxUploadBytes: maxUploadMB * 1_000_000, staleWindow: .milliseconds(Int(staleWindow * 1000)))
        let host = self.host
        try await ZhikuService(configuration, logger: logger).run { port in
            // The one line scripts wait for before they send requests.
            printError(
                "zhiku serve: listening on http://\(host):\(port) (\(path); writes \(token == nil ? "off" : "on"))")
        }
        printError("zhiku serve: stopped")
    }

    private static func readToken(from path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ValidationError("\(path): cannot read the token file")
        }
        let token = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard token.utf8.count >= 16 else {
            throw ValidationError(
                "\(path): the token must be at least 16 characters (e.g. openssl rand -hex 32 > \(path))")
        }
        return token
    }
}
