import Crypto
import Foundation

/// Turns the bytes of one file into parsed documents: decodes them, recognises the format, parses.
///
/// Formats: TalkBank CHAT (`.cha`, or text starting with `@Begin`), JSON Lines (`.jsonl`, one
/// structured document per line), and transcript text or Markdown (everything else).
public struct DocumentReader: Sendable {
    private let fold: FoldTable
    private let encoding: String?

    /// A reader that folds with `fold` and decodes with `encoding` (nil: detect).
    public init(fold: FoldTable, encoding: String? = nil) {
        self.fold = fold
        self.encoding = encoding
    }

    /// Finds the claims of every attributed turn, whatever the format the turn came from.
    static func extractClaims(_ document: inout ParsedDocument) {
        let scalars = document.text.scalarArray
        for index in document.turns.indices where document.turns[index].speaker != nil {
            let turn = document.turns[index]
            document.turns[index].claims = ClaimExtractor.claims(in: scalars, range: turn.start..<turn.end)
        }
    }

    /// The documents in `data`, read from `file`; `origin` is what the database remembers it by.
    public func read(_ data: Data, file: String, origin: String) throws -> [ParsedDocument] {
        let decoded = try TextDecoding.decode(data, file: file, encoding: encoding)
        guard decoded.text.unicodeScalars.contains(where: { !$0.properties.isWhitespace }) else {
            throw ZhikuError.malformedDocument(file: file, line: nil, detail: "the file is empty")
        }
        let sha256 = SHA256.hexDigest(of: data)
        let lowercased = file.lowercased()
        let firstLine = decoded.text.prefix(while: { $0 != "\n" }).trimmingWhitespace()
        var documents: [ParsedDocument]
        if lowercased.hasSuffix(".cha") || firstLine.hasPrefix("@Begin") || firstLine.hasPrefix("@UTF8") {
            documents = [try ChatReader.parse(decoded.text, file: file, origin: origin, sha256: sha256)]
        } else if lowercased.hasSuffix(".jsonl") || lowercased.hasSuffix(".ndjson") {
            documents = try JSONLinesReader.documents(in: decoded.text, origin: origin)
        } else {
            let document = TranscriptParser(fold: fold).parse(
                decoded.text, fileName: file, origin: origin, sha256: sha256, encoding: decoded.encoding)
            guard document.turns.contains(where: { $0.end > $0.start }) else {
                throw ZhikuError.malformedDocument(file: file, line: nil, detail: "no text to store")
            }
            documents = [document]
        }
        for index in documents.indices {
            documents[index].encoding = decoded.encoding
            Self.extractClaims(&documents[index])
        }
        return documents
    }
}
