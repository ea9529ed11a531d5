import Foundation
import Hummingbird
import ZhikuCore
import ZhikuOutput

/// Users' own read-only SQL, with the CLI's guards and limits: GET with `sql` and `param.NAME`
/// query parameters, or POST with a JSON body `{"sql": …, "params": {…}, "timeout": …, "max_rows": …}`.
struct SQLRoutes: Sendable {
    let readers: StoreWorkers
    let databasePath: String

    /// Limits a caller may ask for; the defaults are those of `zhiku sql`.
    static let defaultTimeout = 5.0, maxTimeout = 30.0, defaultRows = 10_000, maxRows = 100_000

    func add(to router: Router<BasicRequestContext>) {
        router.get("/api/reports") { _, _ in JSONResponse.array(.reports(try ReportCatalog.bundled())) }
        router.get("/api/reports/:name") { request, context in
            let name = try PathParameter.decode(Substring(context.parameters.get("name") ?? ""))
            let query = try QueryParameters(request.uri.query)
            let catalog = try ReportCatalog.bundled()
            _ = try catalog.report(named: name)
            var parameters: [String: String] = [:]
            for parameter in query.names where !["timeout", "max_rows"].contains(parameter) {
                parameters[parameter] = query.strings(parameter).last ?? ""
            }
            let timeout = try query.number("timeout", default: Self.defaultTimeout, atMost: Self.maxTimeout)
            let maxRows = try query.integer("max_rows", default: Self.defaultRows, in: 1...Self.maxRows)
            let path = databasePath
            let given = parameters
            let result = try await readers.run { _ in
                try catalog.run(name, parameters: given, databasePath: path, timeout: timeout, maxRows: maxRows)
            }
            return try Self.rows(result, maxRows: maxRows)
        }
        router.get("/api/sql") { request, _ in
            let query = try QueryParameters(request.uri.query)
            for name in query.names where !["sql", "timeout", "max_rows"].contains(name) && !name.hasPrefix("param.") {
                throw APIError.badRequest(
                    "unknown parameter \(name) (this endpoint takes: sql, param.NAME, timeout, max_rows)")
            }
            guard let sql = query.string("sql") else { throw APIError.badRequest("parameter sql is missing") }
            var parameters: [String: String] = [:]
            for name in query.names where name.hasPrefix("param.") {
                parameters[String(name.dropFirst(6))] = query.strings(name).last ?? ""
            }
            return try await run(
                sql, parameters: parameters,
                timeout: try query.number("timeout", default: Self.defaultTimeout, atMost: Self.maxTimeout),
                maxRows: try query.integer("max_rows", default: Self.defaultRows, in: 1...Self.maxRows))
        }
        router.post("/api/sql") { request, _ in
            let body = try await request.body.collect(upTo: 1_000_000)
            guard let object = try? JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any]
            else {
                throw APIError.badRequest("the body must be a JSON object: {\"sql\": \"SELECT …\", \"params\": {…}}")
            }
            guard let sql = object["sql"] as? String else {
                throw APIError.badRequest("the body has no \"sql\" string")
            }
            var parameters: [String: String] = [:]
            for (name, value) in object["params"] as? [String: Any] ?? [:] {
                switch value {
                case let text as String: parameters[name] = text
                case let number as NSNumber: parameters[name] = number.stringValue
                default: throw APIError.badRequest("parameter \(name) must be a string or a number")
                }
            }
            let timeout = (object["timeout"] as? NSNumber)?.doubleValue ?? Self.defaultTimeout
            let maxRows = (object["max_rows"] as? NSNumber)?.intValue ?? Self.defaultRows
            guard timeout > 0, timeout <= Self.maxTimeout, (1...Self.maxRows).contains(maxRows) else {
                throw APIError.badRequest(
                    "timeout must be above 0 and at most \(Self.maxTimeout) s, max_rows from 1 to \(Self.maxRows)")
            }
            return try await run(sql, parameters: parameters, timeout: timeout, maxRows: maxRows)
        }
    }

    private func run(_ sql: String, parameters: [String: String], timeout: Double, maxRows: Int) async throws
        -> Response
    {
        let path = databasePath
        let result = try await readers.run { _ in
            try UserSQL.run(sql, parameters: parameters, databasePath: path, timeout: timeout, maxRows: maxRows)
        }
        return try Self.rows(result, maxRows: maxRows)
    }

    /// The rows as JSON; reaching the row limit is an error, as in the CLI, so that a cut-off answer
    /// is never taken for the whole one.
    private static func rows(_ result: UserSQLResult, maxRows: Int) throws -> Response {
        guard !result.reachedRowLimit else {
            throw APIError(
                status: .unprocessableContent,
                message: "stopped at the row limit of \(maxRows) rows (raise it with max_rows, up to \(Self.maxRows))")
        }
        return JSONResponse.array(.userSQL(result))
    }
}
