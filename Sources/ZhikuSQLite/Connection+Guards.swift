import CSQLite
import Foundation

extension Connection {
    /// Lets this connection prepare only statements that read: writes, schema changes, ATTACH,
    /// PRAGMAs that set something, and `load_extension()` are refused when the statement is prepared
    /// (with `SQLITE_AUTH`). Meant for SQL that users type, on a connection opened read-only as well.
    /// See <https://www.sqlite.org/c3ref/set_authorizer.html>.
    public func allowOnlyReading() {
        // The connection owns `refusals` for as long as the authorizer can run.
        sqlite3_set_authorizer(handle, readOnlyAuthorizer, Unmanaged.passUnretained(refusals).toOpaque())
        // Extension loading is off by default; turn it off explicitly, whatever the build's defaults.
        // (sqlite3_db_config is variadic in C and cannot be called from Swift; this is the same switch.)
        sqlite3_enable_load_extension(handle, 0)
    }

    /// Runs `body`, interrupting any statement of this connection that is still running `seconds`
    /// after the start: the statement then fails with `SQLITE_INTERRUPT`.
    /// See <https://www.sqlite.org/c3ref/progress_handler.html>.
    public func withTimeLimit<T>(_ seconds: Double, _ body: () throws -> T) rethrows -> T {
        let deadline = Unmanaged.passRetained(Deadline(seconds: seconds))
        // Every 1,000 virtual machine instructions: often enough for a prompt stop, rarely enough to
        // cost nothing measurable.
        sqlite3_progress_handler(handle, 1000, deadlinePassed, deadline.toOpaque())
        defer {
            sqlite3_progress_handler(handle, 0, nil, nil)
            deadline.release()
        }
        return try body()
    }
}

/// Whether the read-only authorizer refused something while the last statement was prepared.
final class AuthorizerRefusals {
    var happened = false
}

/// When a time limit runs out, in the monotonic clock.
private final class Deadline {
    let end: UInt64

    init(seconds: Double) {
        let nanoseconds = seconds.isFinite ? UInt64(max(0, min(seconds, 86_400)) * 1e9) : UInt64(86_400 * 1e9)
        end = DispatchTime.now().uptimeNanoseconds + nanoseconds
    }
}

/// The progress handler: non-zero interrupts the running statement.
private let deadlinePassed: @convention(c) (UnsafeMutableRawPointer?) -> Int32 = { context in
    guard let context else { return 0 }
    let deadline = Unmanaged<Deadline>.fromOpaque(context).takeUnretainedValue()
    return DispatchTime.now().uptimeNanoseconds > deadline.end ? 1 : 0
}

/// PRAGMAs that only describe the database, allowed with an argument (`PRAGMA table_info(turn)`).
private let describingPragmas: Set<String> = [
    "table_info", "table_xinfo", "table_list", "index_list", "index_info", "index_xinfo", "foreign_key_list",
    "collation_list", "function_list", "module_list", "pragma_list", "database_list", "compile_options",
]

/// The authorizer of ``Connection/allowOnlyReading()``: records each refusal on the connection.
private let readOnlyAuthorizer:
    @convention(c) (
        UnsafeMutableRawPointer?, Int32, UnsafePointer<CChar>?, UnsafePointer<CChar>?, UnsafePointer<CChar>?,
        UnsafePointer<CChar>?
    ) -> Int32 = { context, action, first, second, _, _ in
        let verdict = readOnlyVerdict(action: action, first: first, second: second)
        if verdict == SQLITE_DENY, let context {
            Unmanaged<AuthorizerRefusals>.fromOpaque(context).takeUnretainedValue().happened = true
        }
        return verdict
    }

/// Reading is allowed; everything that writes, attaches, sets or loads code is not.
private func readOnlyVerdict(action: Int32, first: UnsafePointer<CChar>?, second: UnsafePointer<CChar>?) -> Int32 {
    switch action {
    case SQLITE_SELECT, SQLITE_READ, SQLITE_RECURSIVE, SQLITE_TRANSACTION, SQLITE_SAVEPOINT:
        return SQLITE_OK
    case SQLITE_FUNCTION:
        // The third argument is NULL and the fourth the function's name.
        let name = second.map { String(cString: $0).lowercased() } ?? ""
        return name == "load_extension" ? SQLITE_DENY : SQLITE_OK
    case SQLITE_PRAGMA:
        let name = first.map { String(cString: $0).lowercased() } ?? ""
        // A PRAGMA with a value sets something, unless it only describes the schema.
        return second == nil || describingPragmas.contains(name) ? SQLITE_OK : SQLITE_DENY
    default:
        return SQLITE_DENY
    }
}
