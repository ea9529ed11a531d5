import Crypto
import Foundation
import ZhikuSQLite

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
    /// How many prepared documents may wait for the writer, and how many bytes of sources they may
    /// hold (the document the writer waits for is always let through): bounds memory whatever the
    /// corpus size. Deep enough that a run of documents slower to parse than to write rarely leaves
    /// the writer waiting (100 MB corpus: 0.5 s of waiting with 4, 0.15 s with 16).
    private let queueDepth = (documents: 16, bytes: 32 << 20)

    /// An ingester writing into `store`, reading with `reader`.
    public init(store: Store, reader: DocumentReader) {
        self.store = store
        self.reader = reader
    }

    /// Ingests every source in order, calling `onEvent` on the calling thread after each.
    ///
    /// Sources are decoded, parsed and folded on worker threads (one per core) while the calling
    /// thread writes the documents before them, in order.
    public func ingest(_ sources: [IngestSource], onEvent: (IngestEvent) -> Void) {
        let queue = PreparedQueue(capacity: queueDepth.documents, bytes: queueDepth.bytes)
        let reader = self.reader
        let fold = store.fold
        // Known files are recognised by their hash before they are parsed, so that a re-run after an
        // interruption skips quickly to the files it has not stored yet.
        let known = (try? store.storedDocumentHashes()) ?? [:]
        // Workers find the topics known now; topics that documents of this run create are found in the
        // documents around them by ``Store/completeTopicIndex()`` at the end of the run.
        let topics = (try? store.loadedTopicMatcher()) ?? TopicMatcher()
        let opencc = store.opencc
        let spellings = TopicSpellingsCache()
        let workers = max(1, min(2, ProcessInfo.processInfo.activeProcessorCount))
        for _ in 0..<workers {
            let worker = Thread {
                // The writer is what the run waits for; the queue lets the workers run ahead.
                ThreadPriority.lowerForHelper()
                // Each thread its own: a tokenizer belongs to the thread of its connection.
                let tokenizer = try? Store.indexTokenizerForPreparing()
                while let index = queue.claim(below: sources.count) {
                    queue.put(
                        index,
                        Self.prepare(
                            sources[index], reader: reader, fold: fold, known: known, topics: topics, opencc: opencc,
                            spellings: spellings, tokenizer: tokenizer))
                }
            }
            worker.stackSize = 8 << 20
            worker.start()
        }
        for index in sources.indices {
            let prepared = queue.take(index)
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
        _ source: IngestSource, reader: DocumentReader, fold: FoldTable, known: [String: (id: Int64, sha256: String)],
        topics: TopicMatcher, opencc: OpenCC, spellings: TopicSpellingsCache, tokenizer: FTS5Tokenizer?
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
                result: .success(
                    .documents(
                        documents.map {
                            PreparedDocument(
                                $0, fold: fold, knownTopics: topics, opencc: opencc, spellings: spellings,
                                tokenizer: tokenizer)
                        }))
            )
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

/// Prepared sources handed from the workers to the writer in source order. A worker may run at most
/// `capacity` sources and `bytes` bytes of sources ahead of the writer, which bounds memory whatever
/// the corpus size.
private final class PreparedQueue: @unchecked Sendable {
    // @unchecked: every access to the mutable state holds `condition`'s lock.
    private let condition = NSCondition()
    private var items: [Int: PreparedSource] = [:]
    private var waitingBytes = 0
    private var nextToClaim = 0
    private var nextToTake = 0
    private let capacity: Int
    private let bytes: Int

    init(capacity: Int, bytes: Int) {
        self.capacity = capacity
        self.bytes = bytes
    }

    /// The next source for a worker to prepare, or nil when all are claimed.
    func claim(below count: Int) -> Int? {
        condition.lock()
        defer { condition.unlock() }
        guard nextToClaim < count else { return nil }
        nextToClaim += 1
        return nextToClaim - 1
    }

    func put(_ index: Int, _ item: PreparedSource) {
        condition.lock()
        // The source the writer waits for is never held back, so this cannot deadlock.
        while index != nextToTake && (index - nextToTake >= capacity || waitingBytes + item.bytes > bytes) {
            condition.wait()
        }
        items[index] = item
        waitingBytes += item.bytes
        condition.broadcast()
        condition.unlock()
    }

    func take(_ index: Int) -> PreparedSource {
        condition.lock()
        defer { condition.unlock() }
        while items[index] == nil { condition.wait() }
        nextToTake = index + 1
        condition.broadcast()
        guard let item = items.removeValue(forKey: index) else {
            return PreparedSource(
                name: "", bytes: 0, result: .failure(ZhikuError.invalidArgument("internal: lost a prepared source")))
        }
        waitingBytes -= item.bytes
        return item
    }
}
