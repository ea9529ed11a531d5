import Foundation
import ZhikuCore
import ZhikuSQLite

/// What building database A (Zhiku's own schema and search form) cost.
struct ZhikuIndexBuild {
    /// Creating the file: the schema migration and the fold table derived from OpenCC. Paid once per
    /// database, not per text, so it is reported apart from the build.
    let setupSeconds: Double
    /// Storing every document through `Store.store(_:)` in one transaction: the fold, the search
    /// form, the row inserts and the FTS5 triggers.
    let buildSeconds: Double
    /// Computing the search form of every paragraph alone, outside the database: the part of the
    /// build that corresponds to database B's conversion to simplified.
    let searchFormSeconds: Double
    /// UTF-8 bytes of the search forms written to the (contentless) index.
    let searchFormBytes: Int
    /// The turn id of each paragraph, in corpus order, so that B can use the same rowids.
    let turnIDs: [Int64]
}

/// Builds database A: the corpus stored through Zhiku's real write path, one unattributed turn per
/// paragraph, so the measured index is exactly the one `zhiku` itself would write.
enum ZhikuIndexBuilder {
    /// Creates a fresh Zhiku database at `path` and stores `corpus` in it.
    static func build(_ corpus: Corpus, path: String, opencc: OpenCC) throws -> (store: Store, build: ZhikuIndexBuild) {
        let (store, setupSeconds) = try Measurement.time { try Store(path: path, opencc: opencc) }
        let documents = corpus.files.map(document(for:))

        let (_, buildSeconds) = try Measurement.time {
            // One transaction for the whole build, as B gets; each store() nests as a savepoint.
            try store.connection.transaction {
                for document in documents {
                    guard case .added = try store.store(document) else {
                        throw BenchError.inconsistent("\(document.origin) was already in the fresh database")
                    }
                }
            }
        }

        let turnIDs = try store.connection.query("SELECT id FROM turn ORDER BY document_id, ordinal").map {
            try $0.int64(0)
        }
        let paragraphs = corpus.paragraphs
        guard turnIDs.count == paragraphs.count else {
            throw BenchError.inconsistent("stored \(turnIDs.count) turns for \(paragraphs.count) paragraphs")
        }

        let (searchFormBytes, searchFormSeconds) = Measurement.time {
            // Summing the lengths keeps the optimiser from dropping the work, and measures the text the
            // contentless index was built from.
            var bytes = 0
            for paragraph in paragraphs {
                bytes += SearchForm.indexText(folded: paragraph.text.unicodeScalars.map(store.fold.fold)).utf8.count
            }
            return bytes
        }
        return (
            store,
            ZhikuIndexBuild(
                setupSeconds: setupSeconds, buildSeconds: buildSeconds, searchFormSeconds: searchFormSeconds,
                searchFormBytes: searchFormBytes, turnIDs: turnIDs)
        )
    }

    /// The file as Zhiku's storage expects it: one unattributed turn per paragraph.
    static func document(for file: CorpusFile) -> ParsedDocument {
        let name = (file.relativePath as NSString).lastPathComponent
        let isMarkdown = file.relativePath.lowercased().hasSuffix(".md")
        return ParsedDocument(
            origin: file.relativePath, contentSHA256: Self.digest(file.text),
            title: (name as NSString).deletingPathExtension, format: isMarkdown ? "markdown" : "text",
            encoding: "utf-8", text: file.text,
            turns: file.paragraphs.map { paragraph in
                ParsedDocument.Turn(
                    speaker: nil, label: nil, section: nil, line: paragraph.line, start: paragraph.start,
                    end: paragraph.end)
            })
    }

    /// A 64-hex-digit stand-in for the content's SHA-256.
    ///
    /// ZhikuCore's SHA-256 helper is internal and this tool may depend on ZhikuCore and ZhikuSQLite
    /// only. The benchmark database is fresh and every origin unique, so the digest is never
    /// compared with another; it only has to satisfy the column's CHECK (64 characters). FNV-1a is
    /// enough for that, and the 48 leading zeros make plain that it is not a real SHA-256.
    static func digest(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 64 - hex.count) + hex
    }
}
