/// How `zhiku serve` runs: which file, where it listens, whether it takes writes.
public struct ServerConfiguration: Sendable {
    /// The database file.
    public var databasePath: String
    /// The address to bind: loopback unless told otherwise.
    public var host: String
    /// The port; 0 picks a free one (the log says which).
    public var port: Int
    /// The bearer token that write requests must carry; nil turns the write endpoints off.
    public var token: String?
    /// How many threads answer reads, each with its own connection.
    public var readers: Int
    /// The largest document body accepted, in bytes.
    public var maxUploadBytes: Int
    /// How long after an upload the cached answers it changes may still be served while they are
    /// recomputed; the upload's response waits for them (see ``defaultStaleWindow``). Zero drops them
    /// at once.
    public var staleWindow: Duration

    /// Three seconds. It is only a bound: an upload is acknowledged as soon as the answers it staled
    /// are recomputed, within milliseconds on an idle server. Under Scripts/load on 2 cores shared with
    /// another benchmark (a whole transcript a second stales about 200 answers, recomputed while
    /// 15,000 queries a second are answered), uploads were acknowledged after 0.4 to 3.9 s and p99 was
    /// 16 to 18 ms. With a 1 s window, many stale answers reached its end and were dropped, and the
    /// requests that then missed them took p99 to 157 to 172 ms.
    public static let defaultStaleWindow = Duration.seconds(3)

    /// A configuration with the defaults: loopback, port 8080, no writes, 4 readers, 20 MB uploads,
    /// stale answers for 3 s at most after an upload.
    public init(
        databasePath: String, host: String = "127.0.0.1", port: Int = 8080, token: String? = nil, readers: Int = 4,
        maxUploadBytes: Int = 20_000_000, staleWindow: Duration = defaultStaleWindow
    ) {
        self.databasePath = databasePath
        self.host = host
        self.port = port
        self.token = token
        self.readers = readers
        self.maxUploadBytes = maxUploadBytes
        self.staleWindow = staleWindow
    }
}
