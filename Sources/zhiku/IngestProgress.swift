import Foundation
import ZhikuCore

/// Progress of an ingest on standard error: a bar on a terminal, one summary line in a pipe.
struct IngestProgress {
    let total: Int
    let totalBytes: Int
    private var files = 0
    private var bytes = 0
    private var added = 0
    private var replaced = 0
    private var unchanged = 0
    private let started = Date()
    private var lastDraw = Date.distantPast
    private let isTerminal = isatty(STDERR_FILENO) == 1

    init(total: Int, totalBytes: Int) {
        self.total = total
        self.totalBytes = totalBytes
    }

    mutating func record(_ event: IngestEvent) {
        files += 1
        bytes += event.bytes
        for outcome in event.outcomes {
            switch outcome {
            case .added: added += 1
            case .replaced: replaced += 1
            case .unchanged: unchanged += 1
            }
        }
        // Redrawing more than ten times a second costs more than it tells.
        if isTerminal, Date().timeIntervalSince(lastDraw) > 0.1 || files == total {
            lastDraw = Date()
            draw()
        }
    }

    /// Clears the bar so that a message can be printed on its own line.
    func clearLine() {
        if isTerminal { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }

    private func draw() {
        let elapsed = max(Date().timeIntervalSince(started), 0.001)
        let rate = Double(bytes) / elapsed
        let fraction = totalBytes > 0 ? Double(bytes) / Double(totalBytes) : Double(files) / Double(max(total, 1))
        let width = 24
        let filled = min(width, Int(fraction * Double(width)))
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        let remaining = rate > 0 ? Double(totalBytes - bytes) / rate : 0
        let line =
            "\r\u{1B}[K\(bar) \(files)/\(total) files  \(Self.megabytes(bytes))/\(Self.megabytes(totalBytes)) MB  "
            + "\(Self.megabytes(Int(rate))) MB/s  \(Self.duration(remaining)) left"
        FileHandle.standardError.write(Data(line.utf8))
    }

    func finish(failures: Int) {
        clearLine()
        let elapsed = Date().timeIntervalSince(started)
        let summary =
            "ingested \(files) files (\(Self.megabytes(bytes)) MB) in \(String(format: "%.1f", elapsed)) s: "
            + "\(added) added, \(replaced) replaced, \(unchanged) unchanged, \(failures) failed\n"
        FileHandle.standardError.write(Data(summary.utf8))
    }

    private static func megabytes(_ bytes: Int) -> String {
        String(format: "%.1f", Double(bytes) / 1_048_576)
    }

    private static func duration(_ seconds: Double) -> String {
        let total = Int(seconds.rounded())
        return String(format: "%d:%02d", total / 60, total % 60)
    }
}
