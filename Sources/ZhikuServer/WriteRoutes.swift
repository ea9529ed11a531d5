import Foundation
import Hummingbird
import ZhikuCore
import ZhikuOutput

/// The endpoints that change the database or copy it: behind the bearer token, on the one writer.
struct WriteRoutes: Sendable {
    let writer: StoreWorkers
    let readers: StoreWorkers
    let cache: ResponseCache
    let databasePath: String
    let token: String?
    let maxUploadBytes: Int

    func add(to router: Router<BasicRequestContext>) {
        router.get("/api/backup") { request, _ in
            try BearerToken.check(request, expected: token)
            _ = try ReadRoutes.parameters(request, allowed: [])
            let source = databasePath
            // Beside the database rather than in /tmp: the copy is as large as the database.
            let copy = source + ".download-\(UUID().uuidString).sqlite"
            let result = try await readers.run { _ in try DatabaseBackup.backup(source, to: copy) }
            return try Self.download(result)
        }
        router.post("/api/documents") { request, _ in
            try BearerToken.check(request, expected: token)
            let query = try ReadRoutes.parameters(request, allowed: ["name", "encoding"])
            guard let name = query.string("name") else {
                throw APIError.badRequest("parameter name is missing: the document's file name, e.g. panel.txt")
            }
            let documentName = try Self.validated(name)
            if let length = request.headers[.contentLength].flatMap(Int.init), length > maxUploadBytes {
                throw APIError(status: .contentTooLarge, message: "the document is larger than \(maxUploadBytes) bytes")
            }
            let body: ByteBuffer
            do {
                body = try await request.body.collect(upTo: maxUploadBytes)
            } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
                throw APIError(status: .contentTooLarge, message: "the document is larger than \(maxUploadBytes) bytes")
            }
            let data = Data(body.readableBytesView)
            let encoding = query.string("encoding")
            let (answer, footprints) = try await writer.run { store in
                try Self.ingest(data, name: documentName, encoding: encoding, into: store)
            }
            // A replaced document's old text may have matched anything: only new ones are followed
            // selectively. The answers they may change are served stale while they are recomputed;
            // the upload is acknowledged once none of them can be served any more, so that every
            // read after this response includes it.
            if let footprints {
                if !footprints.isEmpty { await cache.settled(cache.markStale(for: footprints)) }
            } else {
                cache.invalidateAll()
            }
            return JSONResponse.object(answer)
        }
    }

    /// Streams a verified backup; the file is unlinked at once, so nothing is left behind whether or
    /// not the client reads it all (the open descriptor keeps it readable until then).
    private static func download(_ backup: BackupResult) throws -> Response {
        guard let file = FileHandle(forReadingAtPath: backup.path) else {
            throw APIError(status: .internalServerError, message: "cannot read the backup copy")
        }
        try FileManager.default.removeItem(atPath: backup.path)
        let stamp = ISO8601DateFormatter().string(from: Date()).replacingOccurrences(of: ":", with: "")
        let body = ResponseBody(contentLength: backup.bytes) { writer in
            defer { try? file.close() }
            while let chunk = try file.read(upToCount: 256 << 10), !chunk.isEmpty {
                try await writer.write(ByteBuffer(bytes: chunk))
            }
            try await writer.finish(nil)
        }
        var headers: HTTPFields = [
            .contentType: "application/vnd.sqlite3",
            .contentDisposition: "attachment; filename=\"zhiku-\(stamp).sqlite\"",
        ]
        // The client can check what it received against the checksum of the verified copy.
        if let checksum = HTTPFields.Element.Name("Zhiku-SHA256") { headers[checksum] = backup.sha256 }
        return Response(status: .ok, headers: headers, body: body)
    }

    /// Stores one posted document, like `zhiku ingest` does a file, and finds the new topics it
    /// brings in the rest of the corpus. Returns the answer, and the footprints of the new documents
    /// (nil when one replaced an earlier document).
    private static func ingest(_ data: Data, name: String, encoding: String?, into store: Store) throws -> (
        OutputValue, [DocumentFootprint]?
    ) {
        var result: IngestEvent?
        Ingester(store: store, reader: DocumentReader(fold: store.fold, encoding: encoding))
            .ingest([.bytes(data, name: name, origin: "upload:" + name)]) { result = $0 }
        guard let event = result else { throw APIError(status: .internalServerError, message: "nothing was ingested") }
        if let error = event.error { throw error }
        _ = try store.completeTopicIndex()
        var footprints: [DocumentFootprint]? = []
        for outcome in event.outcomes {
            switch outcome {
            case .added(let id): footprints?.append(try store.footprint(ofDocument: id))
            case .replaced: footprints = nil
            case .unchanged: break
            }
        }
        let answer: OutputValue = .object([
            "name": .text(name), "bytes": .integer(event.bytes),
            "documents": .list(
                event.outcomes.map { outcome in
                    let status: String
                    switch outcome {
                    case .added: status = "added"
                    case .replaced: status = "replaced"
                    case .unchanged: status = "unchanged"
                    }
                    return .object(["id": .integer(outcome.documentID), "status": .text(status)])
                }),
        ])
        return (answer, footprints)
    }

    /// A document's name is only a label and the key that a second upload replaces, never a path;
    /// names that look like paths are refused so that nobody is misled into thinking otherwise.
    private static func validated(_ name: String) throws(APIError) -> String {
        let forbidden =
            name.contains("/") || name.contains("\\") || name == "." || name == ".."
            || name.unicodeScalars.contains { $0.properties.generalCategory == .control }
        guard !forbidden, name.count <= 255 else {
            throw APIError.badRequest(
                "parameter name must be a plain file name (no slashes, '..' or control characters)")
        }
        return name
    }
}
