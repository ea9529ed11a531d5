import Foundation
import Testing
import ZhikuSQLite

@Suite("FTS5 tokenizers outside a table")
struct FTS5TokenizerTests {
    /// The tokens and positions a tokenizer yields for `text`.
    private func tokens(_ tokenizer: FTS5Tokenizer, _ text: String) throws -> [String] {
        var found: [String] = []
        try tokenizer.forEachIndexedToken(in: text) { bytes, position in
            found.append("\(String(decoding: bytes, as: UTF8.self))@\(position)")
        }
        return found
    }

    @Test("unicode61 yields exactly the terms and positions that an FTS5 table indexes")
    func matchesTheIndex() throws {
        let connection = try memoryDatabase()
        try connection.execute(
            """
            CREATE VIRTUAL TABLE f USING fts5(body, content = '', tokenize = 'unicode61 remove_diacritics 0');
            CREATE VIRTUAL TABLE temp.v USING fts5vocab(main, f, instance);
            """)
        let text = "芯 片 \u{E000} 28nm MCU, Ünïcode  ok"
        try connection.run("INSERT INTO f (rowid, body) VALUES (1, ?)", text)
        let indexed = try connection.query("SELECT term, offset FROM temp.v ORDER BY offset").map {
            "\(try $0.string(0))@\(try $0.int(1))"
        }
        let tokenizer = try FTS5Tokenizer(
            connection: connection, name: "unicode61", arguments: ["remove_diacritics", "0"])
        #expect(try tokens(tokenizer, text) == indexed)
        #expect(indexed == ["芯@0", "片@1", "\u{E000}@2", "28nm@3", "mcu@4", "ünïcode@5", "ok@6"])
    }

    @Test("the tokenizer's arguments matter: remove_diacritics folds accents")
    func argumentsAreUsed() throws {
        let connection = try memoryDatabase()
        let folding = try FTS5Tokenizer(
            connection: connection, name: "unicode61", arguments: ["remove_diacritics", "1"])
        #expect(try tokens(folding, "Ünïcode") == ["unicode@0"])
    }

    @Test("an unknown tokenizer is an error that names it")
    func unknownTokenizer() throws {
        let connection = try memoryDatabase()
        #expect {
            try FTS5Tokenizer(connection: connection, name: "klingon")
        } throws: { error in
            (error as? SQLiteError)?.message.contains("klingon") == true
        }
    }
}
