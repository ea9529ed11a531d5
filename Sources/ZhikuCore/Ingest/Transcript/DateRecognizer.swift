/// Finds a date in the head of a document and writes it as ISO 8601, as precise as the source:
/// `2023011720:46` → `2023-01-17T20:46`, `2023-01-17 20:46` → `2023-01-17T20:46`,
/// `2023年1月17日` → `2023-01-17`, `2023/1/17` → `2023-01-17`, `2023年1月` → `2023-01`.
enum DateRecognizer {
    /// The first date in `text`, if any, as ISO 8601.
    static func firstDate(in text: some StringProtocol) -> String? {
        let scalars = Array(text.unicodeScalars)
        var index = 0
        while index < scalars.count {
            // A year starts a date: four digits, not preceded by another digit.
            if isDigit(scalars[index]), index == 0 || !isDigit(scalars[index - 1]),
                let date = date(at: index, in: scalars)
            {
                return date
            }
            index += 1
        }
        return nil
    }

    /// Whether the whole line is a date (with an optional time), such as the seed's `2023011720:46`.
    static func isDateLine(_ line: some StringProtocol) -> Bool {
        let trimmed = line.trimmingWhitespace()
        guard let date = firstDate(in: trimmed) else { return false }
        // A date line has little besides the date: no sentence around it.
        let letters = trimmed.unicodeScalars.filter {
            $0.properties.isAlphabetic && !"年月日时時分点點".unicodeScalars.contains($0)
        }
        return !date.isEmpty && letters.count <= 4 && trimmed.unicodeScalars.count <= 40
    }

    private static func date(at start: Int, in scalars: [Unicode.Scalar]) -> String? {
        var position = start
        guard let year = number(in: scalars, at: &position, digits: 4...4), (1900...2100).contains(year) else {
            return nil
        }
        // Squashed: 20230117 or 2023011720:46.
        if position + 4 <= scalars.count, (position..<position + 4).allSatisfy({ isDigit(scalars[$0]) }) {
            var squashed = position
            guard let month = number(in: scalars, at: &squashed, digits: 2...2),
                let day = number(in: scalars, at: &squashed, digits: 2...2), valid(month: month, day: day)
            else { return nil }
            var text = format(year, month, day)
            if let time = time(in: scalars, at: squashed, squashedHour: true) { text += "T" + time }
            return text
        }
        guard position < scalars.count else { return nil }
        let separator = scalars[position]
        guard "-/.年".unicodeScalars.contains(separator) else { return nil }
        position += 1
        guard let month = number(in: scalars, at: &position, digits: 1...2), (1...12).contains(month) else {
            return nil
        }
        let monthText = "\(year)-" + pad(month)
        if separator == "年" {
            guard position < scalars.count, scalars[position] == "月" else { return nil }
            position += 1
            var dayPosition = position
            guard let day = number(in: scalars, at: &dayPosition, digits: 1...2), dayPosition < scalars.count,
                scalars[dayPosition] == "日" || scalars[dayPosition] == "号" || scalars[dayPosition] == "號",
                valid(month: month, day: day)
            else { return monthText }
            return format(year, month, day)
        }
        guard position < scalars.count, scalars[position] == separator else { return nil }
        position += 1
        guard let day = number(in: scalars, at: &position, digits: 1...2), valid(month: month, day: day) else {
            return nil
        }
        var text = format(year, month, day)
        while position < scalars.count, scalars[position] == " " || scalars[position] == "T" { position += 1 }
        if let time = time(in: scalars, at: position, squashedHour: false) { text += "T" + time }
        return text
    }

    /// `HH:MM` at `position` (for the squashed form, the hour follows the day directly).
    private static func time(in scalars: [Unicode.Scalar], at start: Int, squashedHour: Bool) -> String? {
        var position = start
        guard let hour = number(in: scalars, at: &position, digits: squashedHour ? 2...2 : 1...2), hour < 24,
            position < scalars.count, scalars[position] == ":" || scalars[position] == "："
        else { return nil }
        position += 1
        guard let minute = number(in: scalars, at: &position, digits: 2...2), minute < 60 else { return nil }
        return pad(hour) + ":" + pad(minute)
    }

    private static func number(in scalars: [Unicode.Scalar], at position: inout Int, digits: ClosedRange<Int>) -> Int? {
        var value = 0
        var count = 0
        while position < scalars.count, isDigit(scalars[position]), count < digits.upperBound {
            value = value * 10 + Int(scalars[position].value - 48)
            position += 1
            count += 1
        }
        return digits.contains(count) ? value : nil
    }

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }

    private static func valid(month: Int, day: Int) -> Bool { (1...12).contains(month) && (1...31).contains(day) }

    private static func pad(_ number: Int) -> String { number < 10 ? "0\(number)" : "\(number)" }

    private static func format(_ year: Int, _ month: Int, _ day: Int) -> String { "\(year)-\(pad(month))-\(pad(day))" }
}
