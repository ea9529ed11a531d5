import Foundation

/// How the benchmark reports write sizes and counts.
enum NumberFormatting {
    /// Bytes as MB (10^6 bytes), two decimals.
    static func megabytes(_ bytes: Int64) -> String {
        String(format: "%.2f MB", Double(bytes) / 1_000_000)
    }

    /// An integer with thousands separators, locale-independent.
    static func grouped(_ value: Int) -> String {
        let digits = String(value)
        var result = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { result.append(",") }
            result.append(digit)
        }
        return result
    }
}
