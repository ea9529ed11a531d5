import Foundation
import Testing
import ZhikuCore

/// The real documents in ../shared (not part of the repository): read when present, skipped otherwise.
enum SharedCorpus {
    static let root = repositoryRoot.deletingLastPathComponent().appending(path: "shared")
    static let seed = root.appending(path: "seed/000_6b54d0aafa120f4a.txt")
    static let real = root.appending(path: "corpus/real")

    static var isPresent: Bool { FileManager.default.fileExists(atPath: real.appending(path: "MANIFEST.tsv").path) }

    /// Every transcript of corpus/real with the number of speakers the manifest counts, and the seed.
    static func documents() throws -> [(path: URL, manifestSpeakers: Int?)] {
        let manifest = try String(contentsOf: real.appending(path: "MANIFEST.tsv"), encoding: .utf8)
        var documents: [(URL, Int?)] = manifest.split(separator: "\n").dropFirst().compactMap { line in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count > 5 else { return nil }
            return (real.appending(path: String(fields[0])), Int(fields[5]))
        }
        documents.append((seed, nil))
        return documents
    }
}

@Suite("Real transcripts", .enabled(if: SharedCorpus.isPresent, "../shared/corpus is absent: skipped"))
struct RealCorpusTests {
    /// Kinds of text written before a colon that are not speakers (from the issue), in both scripts.
    private let notSpeakers = ["业务报告", "提案讨论", "说明", "决议", "宣读内容", "选题", "译者", "校对", "趣事"]

    @Test("every document is parsed: speakers are plausible names, every turn has one, a summary is printed")
    func parseEveryDocument() throws {
        try withStore { store, _ in
            let documents = try SharedCorpus.documents()
            try ingest(documents.map(\.path), into: store)
            // As `zhiku ingest` does after its files: key phrases, and topics found across documents.
            _ = try store.completeCorpus()
            var summary = ["document | speakers (manifest) | turns | claims | topics mentioned"]
            var exact = 0
            for (path, manifestSpeakers) in documents {
                let origin = path.standardizedFileURL.path
                let row = try #require(
                    try store.connection.queryFirst(
                        """
                        SELECT d.id,
                          (SELECT count(*) FROM appearance a WHERE a.document_id = d.id),
                          (SELECT count(*) FROM turn t WHERE t.document_id = d.id AND t.speaker_id IS NOT NULL),
                          (SELECT count(*) FROM claim c JOIN turn t ON t.id = c.turn_id WHERE t.document_id = d.id),
                          (SELECT count(DISTINCT m.topic_id) FROM mention m JOIN turn t ON t.id = m.turn_id
                           WHERE t.document_id = d.id)
                        FROM document d WHERE d.origin = ?
                        """, origin))
                let speakers = try row.int(1)
                let turns = try row.int(2)
                summary.append(
                    "\(path.lastPathComponent) | \(speakers) (\(manifestSpeakers.map(String.init) ?? "-")) | "
                        + "\(turns) | \(try row.int(3)) | \(try row.int(4))")
                #expect(speakers > 0 && turns > speakers, "\(path.lastPathComponent)")
                #expect(try row.int(4) > 0, "\(path.lastPathComponent): no topic mentioned")
                if let manifestSpeakers {
                    // The manifest counts distinct labels; Zhiku merges one person's label variants
                    // (organisation prefixes) and drops agenda items, so small differences are expected.
                    #expect(abs(speakers - manifestSpeakers) <= 4, "\(path.lastPathComponent): \(speakers)")
                    if speakers == manifestSpeakers { exact += 1 }
                }
            }
            print(summary.joined(separator: "\n"))
            #expect(exact >= documents.count * 3 / 4, "only \(exact) documents have the manifest's speaker count")

            for row in try store.connection.query(
                "SELECT DISTINCT a.written_name, d.origin FROM appearance a JOIN document d ON d.id = a.document_id")
            {
                let name = try row.string(0)
                let folded = store.fold.fold(name)
                #expect(!name.isEmpty && name.unicodeScalars.count <= 32, "\(name)")
                #expect(name.unicodeScalars.contains { $0.properties.isAlphabetic }, "a time or number: \(name)")
                #expect(!name.contains("://") && !name.contains(":") && !name.contains("："), "\(name)")
                #expect(!notSpeakers.contains(folded), "an agenda item or note: \(name)")
                #expect(!folded.hasSuffix("说") && !folded.hasSuffix("问道"), "quoted speech: \(name)")
                #expect(!folded.contains("，") && !folded.contains("。"), "a sentence: \(name)")
            }
            let unnamed = try store.connection.query(
                "SELECT count(*) FROM turn t JOIN speaker s ON s.id = t.speaker_id WHERE trim(s.name) = ''")
            #expect(try unnamed.first?.int(0) == 0)
        }
    }

    @Test("the seed: who spoke, with their affiliations, in which sections")
    func seed() throws {
        try withStore { store, _ in
            try ingest([SharedCorpus.seed], into: store)
            let title = "\"卡脖子\"不是中國硬科技唯一主題"
            let document = try #require(try store.connection.queryFirst("SELECT title, date FROM document"))
            #expect(try document.string(0) == title)
            #expect(try document.string(1) == "2023-01-17T20:46")
            let speakers = try store.appearances(ofDocumentTitled: title)
            #expect(speakers.map(\.name) == ["朱恆源", "陳伊凡", "王智", "陳蜀傑", "嚴睿"])
            #expect(speakers.first { $0.name == "朱恆源" }?.affiliation == "清華大學經濟管理學院教授")
            #expect(speakers.first { $0.name == "王智" }?.affiliation == "韋豪創芯投資合夥")
            #expect(speakers.first { $0.name == "陳伊凡" }?.role == "主持人")
            #expect(try store.sections(ofDocumentTitled: title).count == 4)
            // The posters paragraph and the site's slogan at the end were said by no one.
            let last = try store.connection.queryFirst(
                "SELECT speaker_id, text FROM turn ORDER BY ordinal DESC LIMIT 1")
            #expect(last?.isNull(0) == true)
            #expect(try last?.string(1).hasSuffix("都在虎嗅!-虎嗅-") == true)
        }
    }
}
