import Foundation
import Testing
import ZhikuSQLite

@Suite("Tokens worked out beforehand, replayed into FTS5")
struct FTS5TokenReplayTests {
    private let arguments = ["remove_diacritics", "0"]
    private let texts = ["芯 片 \u{E000} 28nm MCU, Ünïcode  ok", "半 導 體 chip", ""]

    /// A connection with the stand-in registered before its table `f` is created with `tokenize`.
    private func replayingDatabase(tokenize: String) throws -> (Connection, FTS5TokenReplay) {
        let connection = try memoryDatabase()
        let replay = try FTS5TokenReplay(connection: connection, name: "unicode61", arguments: arguments)
        try connection.execute("CREATE VIRTUAL TABLE f USING fts5(body, content = '', tokenize = '\(tokenize)')")
        return (connection, replay)
    }

    /// Every term, row and offset of the index of `f`, and its raw pages.
    private func index(_ connection: Connection) throws -> [String] {
        try connection.execute("CREATE VIRTUAL TABLE temp.v USING fts5vocab(main, f, instance)")
        let terms = try connection.query("SELECT term, doc, offset FROM temp.v ORDER BY 1, 2, 3").map {
            "\(try $0.string(0))@\(try $0.int(1)):\(try $0.int(2))"
        }
        let pages = try connection.query("SELECT id, hex(block) FROM f_data ORDER BY id").map {
            "\(try $0.int(0))=\(try $0.string(1))"
        }
        return terms + pages
    }

    /// The index that the tokenizer itself makes of `texts`, in a table tokenized with `tokenize`.
    private func expectedIndex(tokenize: String) throws -> [String] {
        let connection = try memoryDatabase()
        try connection.execute("CREATE VIRTUAL TABLE f USING fts5(body, content = '', tokenize = '\(tokenize)')")
        for (row, text) in texts.enumerated() {
            try connection.run("INSERT INTO f (rowid, body) VALUES (?, ?)", row + 1, text)
        }
        return try index(connection)
    }

    @Test("replayed tokens make exactly the index that the tokenizer makes")
    func replayedIndexIsTheSame() throws {
        let tokenizer = try FTS5Tokenizer(connection: memoryDatabase(), name: "unicode61", arguments: arguments)
        let (connection, replay) = try replayingDatabase(tokenize: "unicode61 remove_diacritics 0")
        for (row, text) in texts.enumerated() {
            let tokens = try tokenizer.documentTokens(of: text)
            try replay.replaying(tokens, of: text) {
                try connection.run("INSERT INTO f (rowid, body) VALUES (?, ?)", row + 1, text)
            }
        }
        #expect(try tokenizer.documentTokens(of: texts[0]).count == 7)
        #expect(try index(connection) == expectedIndex(tokenize: "unicode61 remove_diacritics 0"))
        // Queries are tokenized by the tokenizer itself.
        #expect(try connection.query("SELECT rowid FROM f WHERE f MATCH '\"导 體\"'").isEmpty)
        #expect(try connection.query("SELECT rowid FROM f WHERE f MATCH '\"導 體\"'").map { try $0.int(0) } == [2])
    }

    @Test("a text other than the one the tokens were made from is tokenized by the tokenizer")
    func otherTextIsTokenized() throws {
        let tokenizer = try FTS5Tokenizer(connection: memoryDatabase(), name: "unicode61", arguments: arguments)
        let (connection, replay) = try replayingDatabase(tokenize: "unicode61 remove_diacritics 0")
        let wrong = try tokenizer.documentTokens(of: "something else entirely")
        for (row, text) in texts.enumerated() {
            try replay.replaying(wrong, of: "something else entirely") {
                try connection.run("INSERT INTO f (rowid, body) VALUES (?, ?)", row + 1, text)
            }
        }
        #expect(try index(connection) == expectedIndex(tokenize: "unicode61 remove_diacritics 0"))
    }

    @Test("a table tokenized with other arguments is tokenized by the tokenizer")
    func otherArgumentsAreNotReplayed() throws {
        let tokenizer = try FTS5Tokenizer(connection: memoryDatabase(), name: "unicode61", arguments: arguments)
        let (connection, replay) = try replayingDatabase(tokenize: "unicode61 remove_diacritics 1")
        for (row, text) in texts.enumerated() {
            try replay.replaying(tokenizer.documentTokens(of: text), of: text) {
                try connection.run("INSERT INTO f (rowid, body) VALUES (?, ?)", row + 1, text)
            }
        }
        let replayed = try index(connection)
        #expect(replayed == (try expectedIndex(tokenize: "unicode61 remove_diacritics 1")))
        #expect(replayed.contains { $0.hasPrefix("unicode@") })
    }
}
