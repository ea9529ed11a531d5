import ZhikuSQLite

extension Store {
    /// The tokenizer of the full-text index `turn_fts` and its arguments, as its migration declares
    /// them (`tokenize = 'unicode61 remove_diacritics 0'`).
    static let indexTokenizer = (name: "unicode61", arguments: ["remove_diacritics", "0"])

    /// The index's tokenizer on a private in-memory connection, for a thread that prepares documents:
    /// it works out the tokens of their search forms, which the writer's connection then hands to
    /// FTS5 without tokenizing them again (see ``FTS5TokenReplay``). Tokenizing was a tenth of the
    /// writer's time, and the writer is what an ingest waits for.
    static func indexTokenizerForPreparing() throws -> FTS5Tokenizer {
        try FTS5Tokenizer(
            connection: Connection(path: ":memory:"), name: indexTokenizer.name, arguments: indexTokenizer.arguments)
    }

    /// The stand-in for the index's tokenizer on this store's connection (see ``FTS5TokenReplay``),
    /// registered before the index is first used; nil if this SQLite cannot register one, and the
    /// index's tokenizer then tokenizes everything itself.
    static func indexTokenReplay(on connection: Connection) -> FTS5TokenReplay? {
        try? FTS5TokenReplay(
            connection: connection, name: indexTokenizer.name, arguments: indexTokenizer.arguments)
    }
}
