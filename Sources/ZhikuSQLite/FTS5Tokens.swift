/// The tokens a tokenizer gave for one text as a document, with their flags and byte offsets: what
/// FTS5 receives when it indexes the text. Worked out on one thread (see
/// ``FTS5Tokenizer/documentTokens(of:)``) and handed to FTS5 on another (see ``FTS5TokenReplay``).
public struct FTS5Tokens: Sendable {
    /// Each token's bytes, one after another.
    let bytes: [UInt8]
    /// Four numbers per token: its `FTS5_TOKEN_*` flags, its length in bytes, and its start and end
    /// offsets in the text's UTF-8.
    let fields: [Int32]

    /// The number of tokens.
    public var count: Int { fields.count / 4 }
}
