import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The built `zhiku` binary, beside the test bundle in the build folder (or `$ZHIKU_BIN`).
let zhikuBinary: String? = {
    if let path = ProcessInfo.processInfo.environment["ZHIKU_BIN"] { return path }
    var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    for _ in 0..<3 {
        let candidate = folder.appending(path: "zhiku").path
        if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        folder = folder.deletingLastPathComponent()
    }
    return nil
}()

/// The stock `sqlite3` shell, found on `$PATH` (Scripts/setup installs it).
let sqliteShell: String? = {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    return path.split(separator: ":").map { "\($0)/sqlite3" }.first {
        FileManager.default.isExecutableFile(atPath: $0)
    }
}()

let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// Runs `zhiku` with `arguments`, feeding `input` on standard input.
func zhiku(_ arguments: [String], input: String = "") throws -> (status: Int32, output: String, error: String) {
    let binary = try #require(zhikuBinary, "the zhiku binary was not found beside the tests; set ZHIKU_BIN")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: binary)
    process.arguments = arguments
    process.currentDirectoryURL = repositoryRoot
    let output = Pipe()
    let error = Pipe()
    let standardInput = Pipe()
    (process.standardOutput, process.standardError, process.standardInput) = (output, error, standardInput)
    try process.run()
    standardInput.fileHandleForWriting.write(Data(input.utf8))
    try standardInput.fileHandleForWriting.close()
    let outputData = output.fileHandleForReading.readDataToEndOfFile()
    let errorData = error.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (
        process.terminationStatus, String(decoding: outputData, as: UTF8.self),
        String(decoding: errorData, as: UTF8.self)
    )
}

/// What a process run with a time limit did.
struct TimedResult {
    /// The exit status (or the signal that ended it).
    let status: Int32
    /// Standard output.
    let output: String
    /// Standard error.
    let error: String
    /// Whether it was still running at the time limit, and so was killed.
    let timedOut: Bool
}

/// Runs `executable` with `arguments` and no input, killing it (SIGKILL) if it runs longer than `timeout`
/// seconds. Its output goes through files, so that a chatty process never blocks on a full pipe.
func runProcess(_ executable: String, _ arguments: [String], timeout: TimeInterval) throws -> TimedResult {
    try withTemporaryDirectory { folder in
        let outputURL = folder.appending(path: "stdout")
        let errorURL = folder.appending(path: "stderr")
        for url in [outputURL, errorURL] {
            _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        }
        let output = try FileHandle(forWritingTo: outputURL)
        let error = try FileHandle(forWritingTo: errorURL)
        defer {
            try? output.close()
            try? error.close()
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = repositoryRoot
        (process.standardOutput, process.standardError) = (output, error)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning, Date() < deadline { usleep(20_000) }
        let timedOut = process.isRunning
        if timedOut { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        return TimedResult(
            status: process.terminationStatus,
            output: String(decoding: try Data(contentsOf: outputURL), as: UTF8.self),
            error: String(decoding: try Data(contentsOf: errorURL), as: UTF8.self), timedOut: timedOut)
    }
}

/// Runs `zhiku` with `arguments`, killing it after `timeout` seconds.
func zhiku(_ arguments: [String], timeout: TimeInterval) throws -> TimedResult {
    let binary = try #require(zhikuBinary, "the zhiku binary was not found beside the tests; set ZHIKU_BIN")
    return try runProcess(binary, arguments, timeout: timeout)
}

/// Runs the `sqlite3` shell on `database` with `commands` (SQL or dot-commands, one per argument) and
/// returns what it printed; a failure fails the test.
func sqlite(_ database: String, _ commands: String...) throws -> String {
    let shell = try #require(sqliteShell, "the sqlite3 shell is not installed; run Scripts/setup")
    let result = try runProcess(
        shell, ["-batch", "-bail", "-cmd", ".timeout 10000", database] + commands, timeout: 120)
    try #require(
        result.status == 0 && !result.timedOut,
        "sqlite3 \(commands.joined(separator: "; ")) failed (\(result.status)): \(result.error)")
    return result.output
}

/// `text` as an SQL string literal.
func sqlQuoted(_ text: String) -> String {
    "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
}

/// Runs `body` with a new temporary folder, removed afterwards whatever happens.
func withTemporaryDirectory<T>(_ body: (URL) throws -> T) throws -> T {
    let folder = FileManager.default.temporaryDirectory.appending(path: "zhiku-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    return try body(folder)
}

/// A temporary database path, removed with its folder afterwards.
func withDatabase<T>(_ body: (String) throws -> T) throws -> T {
    try withTemporaryDirectory { folder in try body(folder.appending(path: "cli.sqlite").path) }
}
