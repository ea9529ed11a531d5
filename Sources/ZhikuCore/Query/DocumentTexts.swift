import Foundation
import ZhikuSQLite

/// Cuts spans out of documents' texts, reading each document once: SQLite's substr() would read the
/// whole text again for every span, and a document can be megabytes long.
///
/// Spans are Unicode scalar offsets, as Zhiku stores them. The text stays UTF-8 bytes, where a scalar
/// starts at every byte that is not a continuation byte: only the pieces become strings, and the
/// spans of a document asked for in order are found in one walk of its bytes.
package struct DocumentTexts {
    let connection: Connection
    private var documentID: Int64?
    private var cursor = ScalarCursor(Data())

    package init(connection: Connection) {
        self.connection = connection
    }

    /// The characters of `span` of the document `id`.
    package mutating func text(of id: Int64, _ span: Range<Int>) throws -> String {
        if documentID != id {
            let text = try connection.queryFirst("SELECT CAST(text AS BLOB) FROM document WHERE id = ?", id)
            cursor = ScalarCursor(try text?.data(0) ?? Data())
            documentID = id
        }
        return cursor.piece(span)
    }
}

/// UTF-8 text cut at scalar offsets, remembering where the last piece started so that the next one
/// after it is found from there; one before it is found from the start.
package struct ScalarCursor {
    private let bytes: Data
    /// The scalar offset and byte index where the last piece started.
    private var offset = 0
    private var byte = 0

    package init(_ bytes: Data) {
        self.bytes = bytes
    }

    /// The text of `span`, cut short at the end of the text.
    package mutating func piece(_ span: Range<Int>) -> String {
        if span.lowerBound < offset { (offset, byte) = (0, 0) }
        return bytes.withUnsafeBytes { raw in
            let utf8 = raw.bindMemory(to: UInt8.self)
            byte = Self.skip(span.lowerBound - offset, scalarsFrom: byte, in: utf8)
            offset = span.lowerBound
            let end = Self.skip(span.count, scalarsFrom: byte, in: utf8)
            return String(decoding: UnsafeBufferPointer(rebasing: utf8[byte..<end]), as: UTF8.self)
        }
    }

    /// The byte where the scalar `count` scalars after the one at `start` begins, or the end.
    private static func skip(_ count: Int, scalarsFrom start: Int, in utf8: UnsafeBufferPointer<UInt8>) -> Int {
        var byte = start
        var left = count
        while left > 0, byte < utf8.count {
            byte += 1
            while byte < utf8.count, utf8[byte] & 0xC0 == 0x80 { byte += 1 }
            left -= 1
        }
        return byte
    }
}
