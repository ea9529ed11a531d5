import Foundation
import Testing
import ZhikuCore

/// A store in a temporary directory holding one document (陳蜀傑 on 晶片 and 伺服器), and that
/// document's footprint as an upload reports it; the directory is removed with the fixture.
final class FootprintFixture {
    let store: Store
    let footprint: DocumentFootprint
    private let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appending(path: "zhiku-cache-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        store = try Store(path: folder.appending(path: "cache.sqlite").path, opencc: OpenCC())
        footprint = try Self.store("新的座談\n\n陳蜀傑：晶片的需求今年還會增加很多，伺服器也是。\n", as: "new.txt", in: folder, into: store)
    }

    deinit {
        try? FileManager.default.removeItem(at: folder)
    }

    /// Stores one more document with `text` under the file name `name`, and returns its footprint.
    func footprint(afterStoring text: String, as name: String) throws -> DocumentFootprint {
        try Self.store(text, as: name, in: folder, into: store)
    }

    private static func store(_ text: String, as name: String, in folder: URL, into store: Store) throws
        -> DocumentFootprint
    {
        let file = folder.appending(path: name)
        try text.write(to: file, atomically: true, encoding: .utf8)
        var stored: [StoreOutcome] = []
        Ingester(store: store, reader: DocumentReader(fold: store.fold)).ingest([.file(file.path)]) {
            stored += $0.outcomes
        }
        let id = try #require(stored.first?.documentID)
        return try store.footprint(ofDocument: id)
    }
}
