/// A stretch of original text around the matches, with the matched characters marked.
public struct Snippet: Sendable, Equatable {
    /// The original characters of the stretch.
    public let text: String
    /// The matched ranges within ``text``, in Unicode scalars, sorted and not overlapping.
    public let highlights: [Range<Int>]
    /// Where ``text`` starts in the whole text, in Unicode scalars.
    public let start: Int
    /// Whether text was cut off before and after the stretch.
    public let truncatedBefore: Bool, truncatedAfter: Bool

    /// The text with each highlight wrapped in `open` and `close`.
    public func marked(open: String = "«", close: String = "»") -> String {
        let scalars = Array(text.unicodeScalars)
        var result = String.UnicodeScalarView()
        var position = 0
        for range in highlights {
            result.append(contentsOf: scalars[position..<range.lowerBound])
            result.append(contentsOf: open.unicodeScalars)
            result.append(contentsOf: scalars[range])
            result.append(contentsOf: close.unicodeScalars)
            position = range.upperBound
        }
        result.append(contentsOf: scalars[position...])
        return (truncatedBefore ? "…" : "") + String(result) + (truncatedAfter ? "…" : "")
    }
}

/// Finds where a ``SearchQuery`` matches in an original text, by the same token rules as the index.
public enum Highlighter {
    /// The ranges of `text`, in Unicode scalars of the original, that match any variant of any term.
    /// Overlapping and touching matches are merged.
    ///
    /// Tokenizes like ``SearchForm`` but compares folded scalars in place, without a string per
    /// token: snippets of long turns are made on every search.
    public static func matches(of query: SearchQuery, in text: String, fold: FoldTable) -> [Range<Int>] {
        let folded = text.unicodeScalars.map(fold.fold)
        var tokens: [(kind: SearchToken.Kind, range: Range<Int>)] = []
        SearchForm.scan(folded) { tokens.append(($0, $1)) }
        let boundary = [SearchForm.boundary]
        var found: [Range<Int>] = []
        for variant in query.terms.flatMap(\.variants) where !variant.isEmpty && variant.count <= tokens.count {
            let wanted = variant.map { Array($0.unicodeScalars) }
            for start in 0...(tokens.count - variant.count) {
                var matched = true
                for (index, token) in wanted.enumerated() {
                    let candidate = tokens[start + index]
                    let same =
                        candidate.kind == .boundary
                        ? token == boundary : folded[candidate.range].elementsEqual(token)
                    if !same {
                        matched = false
                        break
                    }
                }
                if matched {
                    found.append(tokens[start].range.lowerBound..<tokens[start + variant.count - 1].range.upperBound)
                }
            }
        }
        return merge(found)
    }

    /// A snippet of about `length` scalars around the first match, with every match inside it marked.
    public static func snippet(of query: SearchQuery, in text: String, fold: FoldTable, length: Int = 80) -> Snippet {
        snippet(marking: matches(of: query, in: text, fold: fold), in: text, length: length)
    }

    /// A snippet of about `length` scalars around the first of `ranges` (in scalars of `text`), with
    /// every range inside it marked. Overlapping ranges (two topics mentioned in one word, 芯片 and
    /// 半導體晶片) are marked as one.
    public static func snippet(marking unmerged: [Range<Int>], in text: String, length: Int = 80) -> Snippet {
        let ranges = merge(unmerged)
        let scalars = Array(text.unicodeScalars)
        let first = ranges.first ?? 0..<0
        // Start a little before the first match, at a line start if there is one close by.
        var start = max(0, min(first.lowerBound - length / 4, scalars.count - length))
        if let lineStart = scalars[start..<first.lowerBound].lastIndex(where: { $0 == "\n" }) { start = lineStart + 1 }
        let end = min(scalars.count, max(start + length, first.upperBound))
        let window = start..<end
        let highlights = ranges.compactMap { range -> Range<Int>? in
            let clamped = range.clamped(to: window)
            return clamped.isEmpty ? nil : (clamped.lowerBound - start)..<(clamped.upperBound - start)
        }
        var slice = String.UnicodeScalarView()
        slice.append(contentsOf: scalars[window])
        return Snippet(
            text: String(slice), highlights: highlights, start: start,
            truncatedBefore: start > 0, truncatedAfter: end < scalars.count)
    }

    private static func merge(_ ranges: [Range<Int>]) -> [Range<Int>] {
        var merged: [Range<Int>] = []
        for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = merged.last, range.lowerBound <= last.upperBound {
                merged[merged.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound)
            } else {
                merged.append(range)
            }
        }
        return merged
    }
}
