import Crypto
import Foundation

/// One source of documents: a file on disk, or bytes already read (standard input, an upload).
public struct IngestSource: Sendable {
    /// The name used in messages.
    public let name: String
    /// What the database remembers the document by: a re-ingest of the same origin replaces it.
    public let origin: String
    /// The bytes, when they are not to be read from `name`.
    public let data: Data?

    /// A file on disk, remembered by its absolute path.
    public static func file(_ path: String) -> IngestSource {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        return IngestSource(name: path, origin: absolute, data: nil)
    }

    /// Standard input. It has no path, so its content names it: the same text twice is one document.
    public static func standardInput(_ data: Data) -> IngestSource {
        IngestSource(name: "<stdin>", origin: "stdin:" + SHA256.hexDigest(of: data), data: data)
    }

    /// Bytes from elsewhere, remembered by `origin`.
    public static func bytes(_ data: Data, name: String, origin: String) -> IngestSource {
        IngestSource(name: name, origin: origin, data: data)
    }
}

/// What happened to one source.
public struct IngestEvent: Sendable {
    /// The source's name.
    public let name: String
    /// Its size in bytes.
    public let bytes: Int
    /// What storing each of its documents did; empty when it failed.
    public let outcomes: [StoreOutcome]
    /// Why it failed, if it did. Nothing of it was stored then.
    public let error: (any Error)?
}

/// Reads sources into a store: decoding and parsing on one thread while the previous document is
/// written on the calling thread, one transaction per document.
public struct Ingester {
    private let store: Store
    private let reader: DocumentReader
    /// How many prepared documents may wait for the writer: bounds memory whatever the corpus size.
    private let queueDepth = 4

    /// An ingester writing into `store`, reading with `reader`.
    public init(store: Store, reader: DocumentReader) {
        self.store = store
        self.reader = reader
    }

    /// Ingests every source in order, calling `onEvent` on the calling thread after each.
    public func ingest(_ sources: [IngestSource], onEvent: (IngestEvent) -> Void) {
        let queue = PreparedQueue(capacity: queueDepth)
        let reader = self.reader
        let fold = store.fold
        // Known files are recognised by their hash before they are parsed, so that a re-run after an
        // interruption skips quickly to the files it has not stored yet.
        let known = (try? store.storedDocumentHashes()) ?? [:]
        let producer = Thread {
            for source in sources {
                queue.put(Self.prepare(source, reader: reader, fold: fold, known: known))
            }
            queue.finish()
        }
        producer.stackSize = 8 << 20
        producer.start()
        while let prepared = queue.take() {
            switch prepared.result {
            case .success(.unchanged(let id)):
                onEvent(
                    IngestEvent(
                        name: prepared.name, bytes: prepared.bytes, outcomes: [.unchanged(documentID: id)], error: nil))
            case .success(.documents(let documents)):
                do {
                    // One transaction per document: a failure keeps the documents before it.
                    let outcomes = try documents.map { try store.store($0) }
                    onEvent(IngestEvent(name: prepared.name, bytes: prepared.bytes, outcomes: outcomes, error: nil))
                } catch {
                    onEvent(IngestEvent(name: prepared.name, bytes: prepared.bytes, outcomes: [], error: error))
                }
            case .failure(let error):
                onEvent(IngestEvent(name: prepared.name, bytes: prepared.bytes, outcomes: [], error: error))
            }
        }
    }

    private static func prepare(
        _ source: IngestSource, reader: DocumentReader, fold: FoldTable, known: [String: (id: Int64, sha256: String)]
    ) -> PreparedSource {
        var bytes = 0
        do {
            let data = try source.data ?? Data(contentsOf: URL(fileURLWithPath: source.name), options: .mappedIfSafe)
            bytes = data.count
            if let stored = known[source.origin], stored.sha256 == SHA256.hexDigest(of: data) {
                return PreparedSource(name: source.name, bytes: bytes, result: .success(.unchanged(stored.id)))
            }
            let documents = try reader.read(data, file: source.name, origin: source.origin)
            return PreparedSource(
                name: source.name, bytes: bytes,
                result: .success(.documents(documents.map { PreparedDocument($0, fold: fold) })))
        } catch let error as CocoaError where error.code == .fileReadNoSuchFile {
            return PreparedSource(
                name: source.name, bytes: bytes,
                result: .failure(ZhikuError.malformedDocument(file: source.name, line: nil, detail: "no such file")))
        } catch {
            return PreparedSource(name: source.name, bytes: bytes, result: .failure(error))
        }
    }
}

/// A source read and parsed, or the error that stopped it.
private struct PreparedSource: Sendable {
    enum Content: Sendable {
        case unchanged(Int64)
        case documents([PreparedDocument])
    }

    let name: String
    let bytes: Int
    let result: Result<Content, any Error>
}

/// A bounded queue between the parsing thread and the writer.
private final class PreparedQueue: @unchecked Sendable {
    // @unchecked: every access to `items` and `finished` holds `condition`'s lock.
    private let condition = NSCondition()
    private var items: [PreparedSource] = []
    private var finished = false
    private let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
    }

    func put(_ item: PreparedSource) {
        condition.lock()
        while items.count >= capacity { condition.wait() }
        items.append(item)
        condition.broadcast()
        condition.unlock()
    }

    func finish() {
        condition.lock()
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    func take() -> PreparedSource? {
        condition.lock()
        defer { condition.unlock() }
        while items.isEmpty && !finished { condition.wait() }
        guard !items.isEmpty else { return nil }
        let item = items.removeFirst()
        condition.broadcast()
        return item
    }
}
