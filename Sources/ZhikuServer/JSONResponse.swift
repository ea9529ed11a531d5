import Hummingbird
import ZhikuOutput

/// JSON bodies written with the CLI's writer, so that the API's keys and their order are those of
/// `--format json`.
enum JSONResponse {
    /// The rows of `table` as a JSON array of objects, like `zhiku … --format json`.
    static func array(_ table: OutputTable) -> Response {
        make(text(table))
    }

    /// The JSON text of `table`'s rows.
    static func text(_ table: OutputTable) -> String {
        "[" + table.rows.map { JSONWriter.object(table.columns, $0) }.joined(separator: ",\n") + "]\n"
    }

    /// One object (a page, a status).
    static func object(_ value: OutputValue) -> Response {
        make(JSONWriter.value(value) + "\n")
    }

    /// A response with `json` as its body.
    static func make(_ json: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: json)))
    }
}
