import Foundation
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// A `zhiku serve` process on a free loopback port, for tests that talk to the real server.
// @unchecked Sendable: after init every stored property is a constant, and a test only ever sends the
// process a signal from another task while a request is in flight (Process is safe for that).
final class RunningServer: @unchecked Sendable {
    let process = Process()
    let port: Int
    private let errorLog: URL

    /// Starts `zhiku serve --port 0` with `arguments` and waits until it says where it listens.
    init(_ arguments: [String], logIn folder: URL) throws {
        let binary = try #require(zhikuBinary, "the zhiku binary was not found beside the tests; set ZHIKU_BIN")
        errorLog = folder.appending(path: "serve-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: errorLog.path, contents: nil)
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["serve", "--port", "0"] + arguments
        process.currentDirectoryURL = repositoryRoot
        process.standardError = try FileHandle(forWritingTo: errorLog)
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(30)
        var found: Int?
        while found == nil, Date() < deadline, process.isRunning {
            let log = (try? String(contentsOf: errorLog, encoding: .utf8)) ?? ""
            if let range = log.range(of: #"listening on http://127\.0\.0\.1:(\d+)"#, options: .regularExpression) {
                found = Int(log[range].split(separator: ":").last ?? "")
            } else {
                Thread.sleep(forTimeInterval: 0.05)
            }
        }
        guard let found else {
            process.terminate()
            throw ServerStartError(log: (try? String(contentsOf: errorLog, encoding: .utf8)) ?? "")
        }
        port = found
    }

    deinit {
        if process.isRunning { process.terminate() }
    }

    /// What the server wrote on standard error so far.
    var log: String { (try? String(contentsOf: errorLog, encoding: .utf8)) ?? "" }

    /// Sends SIGTERM and waits for the process to end; returns its exit status.
    func stop() -> Int32 {
        process.terminate()
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// The status and body of a request to `path` (with its query, already percent-encoded).
    func request(
        _ path: String, method: String = "GET", body: Data? = nil, headers: [String: String] = [:]
    ) async throws -> (status: Int, body: Data) {
        let url = try #require(URL(string: "http://127.0.0.1:\(port)\(path)"), "bad path \(path)")
        var request = URLRequest(url: url)
        request.httpMethod = method
        request.httpBody = body
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, data)
    }

    /// The JSON of a request that must answer `status`.
    func json(
        _ path: String, status: Int = 200, method: String = "GET", body: Data? = nil, headers: [String: String] = [:]
    ) async throws -> Any {
        let answer = try await request(path, method: method, body: body, headers: headers)
        let text = String(decoding: answer.body, as: UTF8.self)
        #expect(answer.status == status, "\(method) \(path): \(text)")
        return try JSONSerialization.jsonObject(with: answer.body)
    }
}

/// The server ended or went silent before saying where it listens.
struct ServerStartError: Error, CustomStringConvertible {
    let log: String
    var description: String { "zhiku serve did not start:\n\(log)" }
}

/// `text` percent-encoded for a query value or a path segment.
func encoded(_ text: String) -> String {
    text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text
}

/// A value shared between a test and a callback on another thread.
final class Mutexed<Value: Sendable>: @unchecked Sendable {
    // @unchecked: `stored` is only touched with `lock` held.
    private let lock = NSLock()
    private var stored: Value

    init(_ value: Value) {
        stored = value
    }

    var value: Value { lock.withLock { stored } }

    func set(_ value: Value) { lock.withLock { stored = value } }
}
