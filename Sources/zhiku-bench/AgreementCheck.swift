import ZhikuCore
import ZhikuSQLite

/// One query on which A's and B's indexes disagree, with one paragraph that shows why.
struct Disagreement {
    /// The query.
    let query: BenchQuery
    /// How many paragraphs only A found, and how many only B found.
    let onlyA: Int, onlyB: Int
    /// The same stretch of one such paragraph in A (the original text) and in B (converted to
    /// simplified), around the match of the side that found it.
    let excerptA: String, excerptB: String
}

/// How far the two indexes agree on which paragraphs match.
struct Agreement {
    /// Queries compared.
    let compared: Int
    /// Queries for which A and B returned a different number of rows.
    let countsDiffer: Int
    /// Queries for which A and B returned different sets of rows (a superset of ``countsDiffer``
    /// in principle: equal counts can hide swapped rows).
    let setsDiffer: Int
    /// The first few disagreements, with an excerpt each.
    let examples: [Disagreement]
}

/// Compares the rows A's raw MATCH and B's trigram MATCH (or B's scan) return for the same queries.
///
/// Both should find the paragraphs that contain the query, so they differ only where the texts
/// themselves differ: A ignores spaces between Han characters and folds width and case, and A folds
/// character by character while B's `t2s` converts phrases, so a character can be simplified in one
/// and kept in the other.
enum AgreementCheck {
    /// The query of B that A is compared with.
    enum Side {
        /// The trigram index: `t MATCH '"q"'`.
        case trigramMatch
        /// The scan every trigram user falls back to under three characters: `+text LIKE '%q%'`.
        case scan

        var sql: String {
            switch self {
            case .trigramMatch: return "SELECT rowid FROM t WHERE t MATCH ?"
            case .scan: return "SELECT rowid FROM t WHERE +text LIKE ?"
            }
        }

        func argument(_ query: BenchQuery) -> String {
            switch self {
            case .trigramMatch: return QueryRunners.ftsString(query.simplified)
            case .scan: return QueryRunners.likePattern(query.simplified)
            }
        }
    }

    /// Compares the row sets of every query, keeping up to `exampleLimit` examples.
    static func compare(
        _ queries: [BenchQuery], store: Store, trigram: Connection, against side: Side, exampleLimit: Int = 5
    ) throws -> Agreement {
        var countsDiffer = 0
        var setsDiffer = 0
        var examples: [Disagreement] = []
        for query in queries {
            let zhikuQuery = try SearchQuery(query.text, fold: store.fold, opencc: nil)
            let rowsA = try rowIDs(
                store.connection, "SELECT rowid FROM turn_fts WHERE turn_fts MATCH ?", zhikuQuery.matchExpression)
            let rowsB = try rowIDs(trigram, side.sql, side.argument(query))
            if rowsA.count != rowsB.count { countsDiffer += 1 }
            guard rowsA != rowsB else { continue }
            setsDiffer += 1
            guard examples.count < exampleLimit else { continue }
            let onlyA = rowsA.subtracting(rowsB)
            let onlyB = rowsB.subtracting(rowsA)
            // The smallest rowid, so that the example is the same on every run.
            guard let rowID = (onlyA.isEmpty ? onlyB : onlyA).min() else { continue }
            let original = try store.connection.queryFirst("SELECT text FROM turn WHERE id = ?", rowID)?.string(0) ?? ""
            let simplified = try trigram.queryFirst("SELECT text FROM t WHERE rowid = ?", rowID)?.string(0) ?? ""
            // Where the side that found the row matched, in scalars; A's match may span a space.
            let match: Range<Int>
            if !onlyA.isEmpty {
                match = Highlighter.matches(of: zhikuQuery, in: original, fold: store.fold).first ?? 0..<0
            } else {
                let start = scalarOffset(of: query.simplified, in: simplified) ?? 0
                match = start..<(start + query.simplified.unicodeScalars.count)
            }
            examples.append(
                Disagreement(
                    query: query, onlyA: onlyA.count, onlyB: onlyB.count,
                    excerptA: excerpt(original, marking: match), excerptB: excerpt(simplified, marking: match)))
        }
        return Agreement(
            compared: queries.count, countsDiffer: countsDiffer, setsDiffer: setsDiffer, examples: examples)
    }

    private static func rowIDs(_ connection: Connection, _ sql: String, _ argument: String) throws -> Set<Int64> {
        Set(try connection.query(sql, argument).map { try $0.int64(0) })
    }

    /// The offset in Unicode scalars of the first occurrence of `needle` in `text`.
    static func scalarOffset(of needle: String, in text: String) -> Int? {
        guard let range = text.firstRange(of: needle) else { return nil }
        return text.unicodeScalars[..<range.lowerBound].count
    }

    /// The scalars of `text` from a few before `match` to a few after it, the match itself in «»,
    /// line breaks shown as ⏎ so that the excerpt stays on one report line.
    static func excerpt(_ text: String, marking match: Range<Int>, context: Int = 8) -> String {
        let scalars = Array(text.unicodeScalars)
        let start = max(0, min(match.lowerBound - context, scalars.count))
        let end = min(scalars.count, max(start, match.upperBound + context))
        var view = String.UnicodeScalarView()
        for (offset, scalar) in zip(start..<end, scalars[start..<end]) {
            if offset == match.lowerBound { view.append("«") }
            view.append(contentsOf: scalar == "\n" ? "⏎".unicodeScalars : String(scalar).unicodeScalars)
            if offset == match.upperBound - 1 { view.append("»") }
        }
        return (start > 0 ? "…" : "") + String(view) + (end < scalars.count ? "…" : "")
    }
}
