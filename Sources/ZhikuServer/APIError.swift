import Foundation
import Hummingbird
import ZhikuCore
import ZhikuOutput
import ZhikuSQLite

/// An error the API answers with: a status and a message, as the JSON body
/// `{"error": {"status": 404, "message": "no speaker 「陈蜀」"}}`.
struct APIError: Error, HTTPResponseError, Sendable {
    let status: HTTPResponse.Status
    let message: String
    var headers: HTTPFields = [:]

    static func badRequest(_ message: String) -> APIError { APIError(status: .badRequest, message: message) }
    static func notFound(_ message: String) -> APIError { APIError(status: .notFound, message: message) }

    /// The fitting status for an error of the engine: a user's mistake is 4xx, the rest 500.
    init(_ error: any Error) {
        switch error {
        case let error as APIError: self = error
        case let error as HTTPError: self.init(status: error.status, message: error.body ?? error.status.reasonPhrase)
        case let error as ZhikuError:
            switch error {
            case .notFound, .unknownReport: self.init(status: .notFound, message: error.description)
            case .unknownReportParameter: self.init(status: .badRequest, message: error.description)
            case .invalidArgument, .emptyQuery, .ambiguous: self.init(status: .badRequest, message: error.description)
            case .sqlRefused: self.init(status: .unprocessableContent, message: error.description)
            case .sqlTimeLimit: self.init(status: .gatewayTimeout, message: error.description)
            case .undecodable, .malformedDocument: self.init(status: .unprocessableContent, message: error.description)
            default: self.init(status: .internalServerError, message: error.description)
            }
        case let error as any HTTPResponseError:
            // Hummingbird's own: 413 for a body over the limit, 404 for no route, 405 for a wrong method.
            self.init(status: error.status, message: error.status.reasonPhrase.lowercased())
        case let error as SQLiteError where error.primaryCode == 1:
            // SQLITE_ERROR from a user's SQL: a syntax error or an unknown table.
            self.init(status: .badRequest, message: error.description)
        default: self.init(status: .internalServerError, message: String(describing: error))
        }
    }

    init(status: HTTPResponse.Status, message: String, headers: HTTPFields = [:]) {
        self.status = status
        self.message = message
        self.headers = headers
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        let body = JSONWriter.value(
            .object(
                keys: ["error"], values: [.object(["status": .integer(Int(status.code)), "message": .text(message)])]))
        var response = JSONResponse.make(body + "\n", status: status)
        response.headers.append(contentsOf: headers)
        return response
    }
}
