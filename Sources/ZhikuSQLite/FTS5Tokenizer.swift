import CSQLite
import Foundation

/// One of FTS5's tokenizers (such as `unicode61`), run on text outside any table: it yields exactly
/// the tokens, and the positions, that FTS5 stores when a table with this tokenizer indexes the text.
///
/// Not Sendable: use it on the thread that owns its connection, which it keeps open.
/// See <https://www.sqlite.org/fts5.html#custom_tokenizers>.
public final class FTS5Tokenizer {
    private let connection: Connection
    private let methods: fts5_tokenizer
    private let tokenizer: OpaquePointer

    /// The largest token FTS5 stores, in bytes (`FTS5_MAX_TOKEN_SIZE` in SQLite's fts5Int.h); it cuts
    /// longer tokens to this size before indexing them.
    public static let maximumTokenSize = 32_768

    /// Creates the tokenizer `name` with `arguments`, as in a table's `tokenize = 'name arg arg'`.
    public init(connection: Connection, name: String, arguments: [String] = []) throws {
        let api = try Self.fts5API(connection)
        guard let findTokenizer = api.pointee.xFindTokenizer else {
            throw SQLiteError(code: SQLITE_ERROR, message: "this SQLite's FTS5 cannot look up tokenizers")
        }
        var context: UnsafeMutableRawPointer?
        var methods = fts5_tokenizer()
        guard findTokenizer(api, name, &context, &methods) == SQLITE_OK, let create = methods.xCreate else {
            throw SQLiteError(code: SQLITE_ERROR, message: "FTS5 has no tokenizer named '\(name)'")
        }
        // xCreate copies what it needs from the arguments before it returns.
        let cArguments = arguments.map { strdup($0) }
        defer { cArguments.forEach { free($0) } }
        var constArguments = cArguments.map { $0.map { UnsafePointer($0) } }
        var created: OpaquePointer?
        let code = create(context, &constArguments, Int32(constArguments.count), &created)
        guard code == SQLITE_OK, let created else {
            throw SQLiteError(
                code: code == SQLITE_OK ? SQLITE_ERROR : code,
                message: "cannot create the FTS5 tokenizer '\(([name] + arguments).joined(separator: " "))'")
        }
        self.connection = connection
        self.methods = methods
        self.tokenizer = created
    }

    deinit {
        methods.xDelete?(tokenizer)
    }

    /// Calls `body` with each token FTS5 would index for `text` as a document, with its position
    /// (0, 1, 2 … within the text; a token marked as colocated shares the position before it). The
    /// bytes are valid only during the call and are cut to ``maximumTokenSize``, as FTS5 does.
    public func forEachIndexedToken(in text: String, _ body: (UnsafeRawBufferPointer, Int) -> Void) throws {
        guard let tokenize = methods.xTokenize else {
            throw SQLiteError(code: SQLITE_ERROR, message: "the FTS5 tokenizer cannot tokenize")
        }
        var text = text
        let code = try withoutActuallyEscaping(body) { body in
            var state = TokenCallbackState(body: body)
            return try text.withUTF8 { bytes in
                guard let count = Int32(exactly: bytes.count) else {
                    throw SQLiteError(
                        code: SQLITE_TOOBIG, message: "text of \(bytes.count) bytes is too long to tokenize")
                }
                return bytes.withMemoryRebound(to: CChar.self) { characters in
                    withUnsafeMutablePointer(to: &state) { statePointer in
                        tokenize(
                            tokenizer, statePointer, FTS5_TOKENIZE_DOCUMENT, characters.baseAddress, count,
                            tokenCallback)
                    }
                }
            }
        }
        guard code == SQLITE_OK else {
            throw SQLiteError(code: code, message: "the FTS5 tokenizer failed")
        }
    }

    /// The tokens FTS5 indexes for `text` as a document, with their flags and offsets: to be given to
    /// FTS5 by an ``FTS5TokenReplay`` on another connection, which then need not tokenize the text.
    public func documentTokens(of text: String) throws -> FTS5Tokens {
        guard let tokenize = methods.xTokenize else {
            throw SQLiteError(code: SQLITE_ERROR, message: "the FTS5 tokenizer cannot tokenize")
        }
        var text = text
        var collected = CollectedTokens()
        // Room for every token at once: the callback runs once per token, tens of millions of times
        // for a large corpus, so it appends in place and never allocates.
        collected.bytes.reserveCapacity(text.utf8.count)
        collected.fields.reserveCapacity(text.utf8.count)
        let code = try text.withUTF8 { bytes in
            guard let count = Int32(exactly: bytes.count) else {
                throw SQLiteError(code: SQLITE_TOOBIG, message: "text of \(bytes.count) bytes is too long to tokenize")
            }
            return bytes.withMemoryRebound(to: CChar.self) { characters in
                withUnsafeMutablePointer(to: &collected) { collectedPointer in
                    tokenize(
                        tokenizer, collectedPointer, FTS5_TOKENIZE_DOCUMENT, characters.baseAddress, count,
                        collectTokenCallback)
                }
            }
        }
        guard code == SQLITE_OK else {
            throw SQLiteError(code: code, message: "the FTS5 tokenizer failed")
        }
        return FTS5Tokens(bytes: collected.bytes, fields: collected.fields)
    }

    /// The `fts5_api` of `connection`, fetched as the FTS5 documentation describes: the function
    /// `fts5(?1)` writes it through a pointer bound with the type "fts5_api_ptr".
    static func fts5API(_ connection: Connection) throws -> UnsafeMutablePointer<fts5_api> {
        let statement = try connection.prepare("SELECT fts5(?1)")
        var api: UnsafeMutablePointer<fts5_api>?
        // The type name must stay valid while the statement runs, so both happen inside withCString.
        try "fts5_api_ptr".withCString { type in
            let code = withUnsafeMutablePointer(to: &api) { pointer in
                sqlite3_bind_pointer(statement.handle, 1, pointer, type, nil)
            }
            guard code == SQLITE_OK else { throw SQLiteError(code: code, message: "cannot reach FTS5's API") }
            try statement.run()
        }
        guard let api else {
            throw SQLiteError(code: SQLITE_ERROR, message: "this SQLite has no FTS5 (SELECT fts5(?1) gave nothing)")
        }
        return api
    }
}

/// The caller's closure and the position reached, for the C callback of `xTokenize`.
private struct TokenCallbackState {
    let body: (UnsafeRawBufferPointer, Int) -> Void
    /// Tokens seen so far; the position of a token that is not colocated is this count.
    var count = 0
}

/// The `xToken` callback: numbers tokens as FTS5's index does (fts5StorageInsertCallback).
private let tokenCallback:
    @convention(c) (UnsafeMutableRawPointer?, Int32, UnsafePointer<CChar>?, Int32, Int32, Int32) -> Int32 = {
        context, flags, token, length, _, _ in
        guard let context else { return SQLITE_ERROR }
        let state = context.assumingMemoryBound(to: TokenCallbackState.self)
        if flags & FTS5_TOKEN_COLOCATED == 0 || state.pointee.count == 0 {
            state.pointee.count += 1
        }
        let size = min(Int(max(length, 0)), FTS5Tokenizer.maximumTokenSize)
        state.pointee.body(
            UnsafeRawBufferPointer(start: token, count: token == nil ? 0 : size), state.pointee.count - 1)
        return SQLITE_OK
    }

/// The tokens of ``FTS5Tokenizer/documentTokens(of:)`` as they are collected.
private struct CollectedTokens {
    var bytes: [UInt8] = []
    var fields: [Int32] = []
}

/// The `xToken` callback of ``FTS5Tokenizer/documentTokens(of:)``: keeps each token as it is given.
private let collectTokenCallback:
    @convention(c) (UnsafeMutableRawPointer?, Int32, UnsafePointer<CChar>?, Int32, Int32, Int32) -> Int32 = {
        context, flags, token, length, start, end in
        guard let context else { return SQLITE_ERROR }
        let collected = context.assumingMemoryBound(to: CollectedTokens.self)
        let size = Int(max(length, 0))
        if let token, size > 0 {
            token.withMemoryRebound(to: UInt8.self, capacity: size) {
                for offset in 0..<size { collected.pointee.bytes.append($0[offset]) }
            }
        }
        collected.pointee.fields.append(flags)
        collected.pointee.fields.append(Int32(size))
        collected.pointee.fields.append(start)
        collected.pointee.fields.append(end)
        return SQLITE_OK
    }
