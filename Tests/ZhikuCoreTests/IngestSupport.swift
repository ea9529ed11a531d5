import Foundation
import Testing
import ZhikuCore
import ZhikuSQLite

/// Ingests `paths` into `store` and returns the events, failing the test on any error.
@discardableResult
func ingest(_ paths: [URL], into store: Store) throws -> [IngestEvent] {
    var events: [IngestEvent] = []
    let files = try paths.flatMap { url -> [URL] in
        var isDirectory: ObjCBool = false
        _ = FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory)
        guard isDirectory.boolValue else { return [url] }
        return try FileManager.default.contentsOfDirectory(at: url, includingPropertiesForKeys: nil)
            .filter { !$0.lastPathComponent.hasPrefix(".") }.sorted { $0.path < $1.path }
    }
    Ingester(store: store, reader: DocumentReader(fold: store.fold)).ingest(files.map { .file($0.path) }) {
        events.append($0)
    }
    for event in events {
        #expect(event.error == nil, "\(event.name): \(String(describing: event.error))")
    }
    return events
}

/// One speaker's part in one document, as the tests compare it.
struct AppearanceSummary: Equatable, CustomStringConvertible {
    var name: String
    var affiliation: String?
    var role: String?
    var turns: Int

    var description: String { "\(name)|\(affiliation ?? "")|\(role ?? "")|\(turns)" }
}

extension Store {
    /// The speakers of the document titled `title`, in order of first turn.
    func appearances(ofDocumentTitled title: String) throws -> [AppearanceSummary] {
        try connection.query(
            """
            SELECT a.written_name, a.affiliation, a.role,
                   (SELECT count(*) FROM turn t WHERE t.document_id = a.document_id AND t.speaker_id = a.speaker_id),
                   (SELECT min(t.ordinal) FROM turn t WHERE t.document_id = a.document_id AND t.speaker_id = a.speaker_id)
            FROM appearance a JOIN document d ON d.id = a.document_id
            WHERE d.title = ? ORDER BY 5
            """, title
        ).map {
            AppearanceSummary(
                name: try $0.string(0), affiliation: try $0.optionalString(1), role: try $0.optionalString(2),
                turns: try $0.int(3))
        }
    }

    /// The section headings of the document titled `title`.
    func sections(ofDocumentTitled title: String) throws -> [String] {
        try connection.query(
            "SELECT s.heading FROM section s JOIN document d ON d.id = s.document_id WHERE d.title = ? ORDER BY s.ordinal",
            title
        ).map { try $0.string(0) }
    }
}
