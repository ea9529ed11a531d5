import CSQLite

/// What an FTS5 auxiliary function may ask about the row a full-text query is on.
/// See <https://www.sqlite.org/fts5.html#custom_auxiliary_functions>.
///
/// Valid only during the call it is passed to.
public struct FTS5Row {
    private let api: UnsafePointer<Fts5ExtensionApi>
    private let context: OpaquePointer
    /// The arguments the function was called with after the table: `f(t, 2, 'x')` → 2, 'x'.
    public let arguments: [SQLiteValue]

    fileprivate init(api: UnsafePointer<Fts5ExtensionApi>, context: OpaquePointer, arguments: [SQLiteValue]) {
        self.api = api
        self.context = context
        self.arguments = arguments
    }

    /// The number of phrases in the query (`xPhraseCount`).
    public var phraseCount: Int {
        Int(api.pointee.xPhraseCount?(context) ?? 0)
    }

    /// How many times the query's phrases occur in this row, all together (`xInstCount`).
    public func instanceCount() throws -> Int {
        var instances: Int32 = 0
        try check(api.pointee.xInstCount?(context, &instances))
        return Int(instances)
    }

    /// For each phrase of the query, how many times it occurs in this row (from `xInstCount` and
    /// `xInst`): the term frequencies of a ranking function.
    public func phraseHits() throws -> [Int] {
        var hits = [Int](repeating: 0, count: phraseCount)
        var instances: Int32 = 0
        try check(api.pointee.xInstCount?(context, &instances))
        for index in 0..<instances {
            var phrase: Int32 = 0
            var column: Int32 = 0
            var offset: Int32 = 0
            try check(api.pointee.xInst?(context, index, &phrase, &column, &offset))
            if hits.indices.contains(Int(phrase)) { hits[Int(phrase)] += 1 }
        }
        return hits
    }

    /// The number of tokens in this row, all columns together (`xColumnSize` of column -1).
    public func tokenCount() throws -> Int {
        var tokens: Int32 = 0
        try check(api.pointee.xColumnSize?(context, -1, &tokens))
        return Int(tokens)
    }

    /// The mean number of tokens per row in the whole table (`xColumnTotalSize` / `xRowCount`),
    /// read once per query: FTS5 keeps both totals in one record, and the value is kept with the
    /// query (`xSetAuxdata`) for its other rows.
    public func meanTokenCount() throws -> Double {
        if let cached = api.pointee.xGetAuxdata?(context, 0) {
            return cached.assumingMemoryBound(to: Double.self).pointee
        }
        var rows: Int64 = 0
        var tokens: Int64 = 0
        try check(api.pointee.xRowCount?(context, &rows))
        try check(api.pointee.xColumnTotalSize?(context, -1, &tokens))
        let mean = rows > 0 ? Double(tokens) / Double(rows) : 0
        let stored = UnsafeMutablePointer<Double>.allocate(capacity: 1)
        stored.initialize(to: mean)
        // FTS5 frees the value with the query; if it cannot keep it, it frees it at once.
        _ = api.pointee.xSetAuxdata?(context, stored, releaseAuxiliaryDouble)
        return mean
    }

    private func check(_ code: Int32?) throws {
        guard let code else { throw SQLiteError(code: SQLITE_MISUSE, message: "FTS5 lacks an API function") }
        guard code == SQLITE_OK else { throw SQLiteError(code: code, message: "an FTS5 API call failed") }
    }
}

/// The Swift function behind one FTS5 auxiliary function, kept alive by FTS5 until it drops it.
private final class FTS5Function {
    let body: (FTS5Row) throws -> Double

    init(_ body: @escaping (FTS5Row) throws -> Double) {
        self.body = body
    }
}

extension Connection {
    /// Makes `name(table)` an FTS5 auxiliary function on this connection, usable in the select list
    /// or ORDER BY of a full-text query: `body` computes its value for each matching row.
    ///
    /// Such a function exists for this connection only and is never stored in the file, which any
    /// SQLite tool still opens. See <https://www.sqlite.org/fts5.html#extending_fts5>.
    public func createFTS5Function(_ name: String, _ body: @escaping (FTS5Row) throws -> Double) throws {
        // FTS5 hands out its API through a pointer bound to `SELECT fts5(?)`.
        let statement = try prepare("SELECT fts5(?1)")
        var api: UnsafeMutablePointer<fts5_api>?
        let bound = withUnsafeMutablePointer(to: &api) { pointer in
            sqlite3_bind_pointer(statement.handle, 1, pointer, "fts5_api_ptr", nil)
        }
        guard bound == SQLITE_OK else { throw SQLiteError.from(handle, code: bound, sql: statement.sql) }
        _ = try statement.step()
        guard let api, let create = api.pointee.xCreateFunction else {
            throw SQLiteError(code: SQLITE_ERROR, message: "this SQLite has no FTS5", sql: statement.sql)
        }
        let function = Unmanaged.passRetained(FTS5Function(body))
        let code = create(api, name, function.toOpaque(), callFTS5Function, releaseFTS5Function)
        guard code == SQLITE_OK else {
            function.release()
            throw SQLiteError(code: code, message: "cannot create the FTS5 function \(name)")
        }
    }
}

/// The C entry point of every function made by `createFTS5Function`: finds the Swift function in
/// the user data and returns its value, or its error as an SQL error.
private let callFTS5Function: fts5_extension_function = { api, context, result, count, values in
    guard let api, let context, let result, let user = api.pointee.xUserData?(context) else { return }
    let function = Unmanaged<FTS5Function>.fromOpaque(user).takeUnretainedValue()
    let arguments = (0..<Int(count)).map { index in argument(values?[index]) }
    do {
        sqlite3_result_double(result, try function.body(FTS5Row(api: api, context: context, arguments: arguments)))
    } catch {
        sqlite3_result_error(result, "\(error)", -1)
    }
}

/// One argument of an FTS5 function call as a value.
private func argument(_ value: OpaquePointer?) -> SQLiteValue {
    switch sqlite3_value_type(value) {
    case SQLITE_INTEGER: return .integer(sqlite3_value_int64(value))
    case SQLITE_FLOAT: return .real(sqlite3_value_double(value))
    case SQLITE_TEXT: return .text(sqlite3_value_text(value).map { String(cString: $0) } ?? "")
    default: return .null
    }
}

/// Frees a value kept with a query by `meanTokenCount()`.
private let releaseAuxiliaryDouble: @convention(c) (UnsafeMutableRawPointer?) -> Void = { value in
    value?.assumingMemoryBound(to: Double.self).deallocate()
}

/// Releases the Swift function when FTS5 drops it (when the connection closes).
private let releaseFTS5Function: @convention(c) (UnsafeMutableRawPointer?) -> Void = { user in
    guard let user else { return }
    Unmanaged<FTS5Function>.fromOpaque(user).release()
}
