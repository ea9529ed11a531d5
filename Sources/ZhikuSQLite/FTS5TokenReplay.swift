import CSQLite
import Foundation

/// Stands in for one of FTS5's tokenizers on a connection, under the tokenizer's own name: given the
/// tokens of a text worked out beforehand (by ``FTS5Tokenizer/documentTokens(of:)``, on another
/// thread, with the same tokenizer and arguments), it hands those to FTS5 when FTS5 indexes that
/// text; for anything else it runs the tokenizer itself. The index is the same either way, and the
/// tables keep their definition, so any SQLite tool reads them as before.
///
/// FTS5 uses the tokenizer registered last under a name, when it opens a table: create the stand-in
/// before any full-text table is used on the connection. A table opened with other arguments than
/// `arguments` is tokenized by the tokenizer itself.
///
/// Not Sendable: use it on the thread that owns its connection.
/// See <https://www.sqlite.org/fts5.html#custom_tokenizers>.
public final class FTS5TokenReplay {
    private let module: ReplayModule

    /// Registers the stand-in for the tokenizer `name` of `connection`, replaying tokens made with
    /// `arguments` (as in a table's `tokenize = 'name arg arg'`).
    public init(connection: Connection, name: String, arguments: [String]) throws {
        let api = try FTS5Tokenizer.fts5API(connection)
        guard let find = api.pointee.xFindTokenizer, let create = api.pointee.xCreateTokenizer else {
            throw SQLiteError(code: SQLITE_ERROR, message: "this SQLite's FTS5 cannot register tokenizers")
        }
        var context: UnsafeMutableRawPointer?
        var real = fts5_tokenizer()
        guard find(api, name, &context, &real) == SQLITE_OK else {
            throw SQLiteError(code: SQLITE_ERROR, message: "FTS5 has no tokenizer named '\(name)'")
        }
        let module = ReplayModule(real: real, context: context, arguments: arguments)
        var methods = fts5_tokenizer(xCreate: replayCreate, xDelete: replayDelete, xTokenize: replayTokenize)
        // FTS5 keeps the module until the connection closes, then calls replayDestroy.
        let retained = Unmanaged.passRetained(module).toOpaque()
        let code = create(api, name, retained, &methods, replayDestroy)
        guard code == SQLITE_OK else {
            Unmanaged<ReplayModule>.fromOpaque(retained).release()
            throw SQLiteError(code: code, message: "cannot register a stand-in for the FTS5 tokenizer '\(name)'")
        }
        self.module = module
    }

    /// Runs `body`, which indexes `text`: when FTS5 asks for the tokens of `text` as a document
    /// meanwhile, the stand-in gives `tokens`, which must be ``FTS5Tokenizer/documentTokens(of:)`` of
    /// exactly that text.
    public func replaying<T>(_ tokens: FTS5Tokens, of text: String, _ body: () throws -> T) rethrows -> T {
        module.pending = (text, tokens)
        defer { module.pending = nil }
        return try body()
    }
}

/// The stand-in's registration: the tokenizer it stands in for, and the tokens waiting to be given.
private final class ReplayModule {
    let real: fts5_tokenizer
    let context: UnsafeMutableRawPointer?
    let arguments: [String]
    var pending: (text: String, tokens: FTS5Tokens)?

    init(real: fts5_tokenizer, context: UnsafeMutableRawPointer?, arguments: [String]) {
        self.real = real
        self.context = context
        self.arguments = arguments
    }

    /// Whether `pending` was made from the `length` bytes at `text`.
    func pendingMatches(_ text: UnsafePointer<CChar>?, length: Int32) -> FTS5Tokens? {
        guard var pendingText = pending?.text, let tokens = pending?.tokens else { return nil }
        let same = pendingText.withUTF8 { bytes in
            guard bytes.count == Int(length) else { return false }
            guard let base = bytes.baseAddress, let text else { return bytes.isEmpty }
            return memcmp(base, text, bytes.count) == 0
        }
        return same ? tokens : nil
    }
}

/// One instance of the stand-in, made for one table: the tokenizer's own instance, and whether the
/// table's arguments are those the waiting tokens were made with.
private final class ReplayInstance {
    let module: ReplayModule
    let real: OpaquePointer
    let replays: Bool

    init(module: ReplayModule, real: OpaquePointer, replays: Bool) {
        self.module = module
        self.real = real
        self.replays = replays
    }
}

/// `xDestroy`: FTS5 lets go of the registration.
private let replayDestroy: @convention(c) (UnsafeMutableRawPointer?) -> Void = { context in
    guard let context else { return }
    Unmanaged<ReplayModule>.fromOpaque(context).release()
}

/// `xCreate`: creates the tokenizer's own instance beside the stand-in's.
private let replayCreate:
    @convention(c) (
        UnsafeMutableRawPointer?, UnsafeMutablePointer<UnsafePointer<CChar>?>?, Int32,
        UnsafeMutablePointer<OpaquePointer?>?
    ) -> Int32 = { context, arguments, count, output in
        guard let context, let output else { return SQLITE_ERROR }
        let module = Unmanaged<ReplayModule>.fromOpaque(context).takeUnretainedValue()
        guard let create = module.real.xCreate else { return SQLITE_ERROR }
        var real: OpaquePointer?
        let code = create(module.context, arguments, count, &real)
        guard code == SQLITE_OK, let real else { return code == SQLITE_OK ? SQLITE_ERROR : code }
        let given = (0..<Int(max(count, 0))).map { index in arguments?[index].map { String(cString: $0) } ?? "" }
        let instance = ReplayInstance(module: module, real: real, replays: given == module.arguments)
        output.pointee = OpaquePointer(Unmanaged.passRetained(instance).toOpaque())
        return SQLITE_OK
    }

/// `xDelete`: deletes both instances.
private let replayDelete: @convention(c) (OpaquePointer?) -> Void = { pointer in
    guard let pointer else { return }
    let instance = Unmanaged<ReplayInstance>.fromOpaque(UnsafeRawPointer(pointer)).takeRetainedValue()
    instance.module.real.xDelete?(instance.real)
}

/// `xTokenize`: the waiting tokens for the text they were made from, the tokenizer's own otherwise.
private let replayTokenize:
    @convention(c) (
        OpaquePointer?, UnsafeMutableRawPointer?, Int32, UnsafePointer<CChar>?, Int32,
        (@convention(c) (UnsafeMutableRawPointer?, Int32, UnsafePointer<CChar>?, Int32, Int32, Int32) -> Int32)?
    ) -> Int32 = { pointer, context, flags, text, length, token in
        guard let pointer, let token else { return SQLITE_ERROR }
        let instance = Unmanaged<ReplayInstance>.fromOpaque(UnsafeRawPointer(pointer)).takeUnretainedValue()
        if instance.replays, flags & FTS5_TOKENIZE_DOCUMENT != 0,
            let tokens = instance.module.pendingMatches(text, length: length)
        {
            return replay(tokens, context: context, token: token)
        }
        guard let tokenize = instance.module.real.xTokenize else { return SQLITE_ERROR }
        return tokenize(instance.real, context, flags, text, length, token)
    }

/// Gives FTS5 each of `tokens` through its `xToken` callback, as the tokenizer gave them.
private func replay(
    _ tokens: FTS5Tokens, context: UnsafeMutableRawPointer?,
    token: @convention(c) (UnsafeMutableRawPointer?, Int32, UnsafePointer<CChar>?, Int32, Int32, Int32) -> Int32
) -> Int32 {
    tokens.bytes.withUnsafeBytes { bytes in
        tokens.fields.withUnsafeBufferPointer { fields in
            var offset = 0
            for index in 0..<(fields.count / 4) {
                let field = index * 4
                let size = Int(fields[field + 1])
                let start = bytes.baseAddress.map { $0.advanced(by: offset).assumingMemoryBound(to: CChar.self) }
                let code = token(context, fields[field], start, fields[field + 1], fields[field + 2], fields[field + 3])
                guard code == SQLITE_OK else { return code }
                offset += size
            }
            return SQLITE_OK
        }
    }
}
