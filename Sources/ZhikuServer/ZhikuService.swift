import Foundation
import Hummingbird
import Logging
import ZhikuCore

/// The HTTP service over one database: the JSON API, the web page, and writes behind a token.
///
/// Reads run on a pool of threads with a connection each, writes on one writer thread, so SQLite
/// never blocks an event loop, and in WAL mode readers never wait for an ingest.
public struct ZhikuService: Sendable {
    private let configuration: ServerConfiguration
    private let logger: Logger

    /// A service for `configuration`, logging to `logger`.
    public init(_ configuration: ServerConfiguration, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
    }

    /// Runs until SIGINT or SIGTERM, then stops taking connections, lets the requests in progress
    /// (an ingest among them) finish, and returns. `onListening` receives the bound port.
    public func run(onListening: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        let opencc = OpenCC()
        let readers = try StoreWorkers(
            path: configuration.databasePath, count: configuration.readers, opencc: opencc, name: "zhiku-reader")
        let writer = try StoreWorkers(path: configuration.databasePath, count: 1, opencc: opencc, name: "zhiku-writer")
        defer {
            readers.stop()
            writer.stop()
        }
        // All readers but one may recompute stale answers at once: the one left answers a request
        // that misses without waiting behind them. Fewer would fall behind on a busy server: with
        // Scripts/load on 2 cores, two refreshing readers of four let answers reach the end of their
        // window (and then miss), three did not.
        let cache = ResponseCache(
            staleWindow: configuration.staleWindow, refreshLimit: max(1, configuration.readers - 1))
        let watch = DatabaseWatch(writer: writer, cache: cache)
        let router = Router()
        router.add(middleware: RequestLogMiddleware())
        router.add(middleware: APIErrorMiddleware())
        ReadRoutes(readers: readers, cache: cache).add(to: router)
        SQLRoutes(readers: readers, databasePath: configuration.databasePath).add(to: router)
        WriteRoutes(
            writer: writer, readers: readers, cache: cache, databasePath: configuration.databasePath,
            token: configuration.token, maxUploadBytes: configuration.maxUploadBytes
        ).add(to: router)
        WebPageRoutes().add(to: router)
        let application = Application(
            router: router,
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "zhiku"),
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? 0) },
            logger: logger)
        // Other processes' commits empty the cache within half a second.
        let watching = Task { await watch.run(every: .milliseconds(500)) }
        defer { watching.cancel() }
        try await application.runService()
    }
}
