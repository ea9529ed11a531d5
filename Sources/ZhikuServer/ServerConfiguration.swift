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

    /// A configuration with the defaults: loopback, port 8080, no writes, 4 readers, 20 MB uploads.
    public init(
        databasePath: String, host: String = "127.0.0.1", port: Int = 8080, token: String? = nil, readers: Int = 4,
        maxUploadBytes: Int = 20_000_000
    ) {
        self.databasePath = databasePath
        self.host = host
        self.port = port
        self.token = token
        self.readers = readers
        self.maxUploadBytes = maxUploadBytes
    }
}
