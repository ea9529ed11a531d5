import Foundation
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `zhiku serve`, run for real on a free loopback port over the sample corpus.
@Suite("zhiku serve: the HTTP API")
struct ServeTests {
    private static let token = "test-token-0123456789abcdef"

    /// A sample database and a running server over it, with writes on unless `token` is false.
    private func withServer(
        token: Bool = true, extra: [String] = [], _ body: (RunningServer, String, URL) async throws -> Void
    ) async throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "zhiku-serve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appending(path: "serve.sqlite").path
        let ingest = try zhiku(["ingest", "--db", db, "--topics", "Samples/topics.txt", "Samples/corpus"])
        try #require(ingest.status == 0, "\(ingest.error)")
        var arguments = ["--db", db] + extra
        if token {
            let tokenFile = folder.appending(path: "token")
            try Self.token.write(to: tokenFile, atomically: true, encoding: .utf8)
            arguments += ["--token-file", tokenFile.path]
        }
        let server = try RunningServer(arguments, logIn: folder)
        try await body(server, db, folder)
        #expect(server.stop() == 0, "\(server.log)")
        #expect(server.log.contains("zhiku serve: stopped"))
    }

    /// The database's content as text, to show that a refused request changed nothing.
    private func dump(_ db: String) throws -> String {
        try sqlite(db, ".dump")
    }

    @Test("the list endpoints answer what the CLI's --format json prints, key for key")
    func sameAsCLI() async throws {
        try await withServer { server, db, _ in
            let pairs: [(String, [String])] = [
                ("/api/documents", ["documents"]),
                ("/api/speakers", ["speakers"]),
                ("/api/speakers?topic=\(encoded("晶片"))", ["speakers", "--topic", "晶片"]),
                ("/api/speakers?topic=\(encoded("晶片"))&limit=3", ["speakers", "--topic", "晶片", "--limit", "3"]),
                ("/api/topics?speaker=\(encoded("陳蜀傑"))", ["topics", "--speaker", "陳蜀傑"]),
                ("/api/claims?topic=\(encoded("摩尔定律"))", ["claims", "--topic", "摩尔定律"]),
                ("/api/search?q=\(encoded("摩爾定律"))", ["search", "摩爾定律"]),
                ("/api/stats", ["stats"]),
                ("/api/reports", ["report", "--list"]),
                (
                    "/api/reports/speaker_topic_matrix?speaker=\(encoded("陳蜀傑"))",
                    ["report", "speaker_topic_matrix", "--param", "speaker=陳蜀傑"]
                ),
            ]
            for (path, command) in pairs {
                let answer = try await server.request(path)
                #expect(answer.status == 200, "\(path)")
                let cli = try zhiku(command + ["--db", db, "--format", "json"])
                #expect(cli.status == 0, "\(cli.error)")
                #expect(String(decoding: answer.body, as: UTF8.self) == cli.output, "\(path)")
            }
        }
    }

    @Test("search and speakers: a query in either script, and the regional variant, find the same turns")
    func eitherScript() async throws {
        try await withServer { server, _, _ in
            var turns: [[Int]] = []
            for query in ["摩尔定律", "摩爾定律"] {
                let hits = try #require(try await server.json("/api/search?q=\(encoded(query))") as? [[String: Any]])
                #expect(!hits.isEmpty)
                for key in ["turn", "speaker", "document", "line", "snippet"] {
                    #expect(hits.allSatisfy { $0.keys.contains(key) }, "missing \(key)")
                }
                turns.append(hits.compactMap { $0["turn"] as? Int }.sorted())
            }
            #expect(turns[0] == turns[1])
            var speakers: [[Int]] = []
            for topic in ["芯片", "晶片"] {
                let rows = try #require(
                    try await server.json("/api/speakers?topic=\(encoded(topic))") as? [[String: Any]])
                #expect(rows.allSatisfy { ($0["mentions"] as? Int ?? 0) > 0 })
                speakers.append(rows.compactMap { $0["id"] as? Int }.sorted())
            }
            #expect(!speakers[0].isEmpty && speakers[0] == speakers[1])
        }
    }

    @Test("show pages and health: one object each, names in either script")
    func pages() async throws {
        try await withServer { server, _, _ in
            let health = try #require(try await server.json("/healthz") as? [String: Any])
            #expect(health["status"] as? String == "ok" && health["documents"] as? Int == 7)
            let simplified = try #require(
                try await server.json("/api/show/speaker/\(encoded("陈蜀杰"))") as? [String: Any])
            let traditional = try #require(
                try await server.json("/api/show/speaker/\(encoded("陳蜀傑"))") as? [String: Any])
            #expect(simplified["id"] as? Int == traditional["id"] as? Int)
            #expect((simplified["appearances"] as? [Any])?.count == 3)
            let topic = try #require(try await server.json("/api/show/topic/\(encoded("晶片"))") as? [String: Any])
            #expect(topic["name"] as? String == "芯片")
            #expect((topic["timeline"] as? [Any])?.isEmpty == false)
            let document = try #require(try await server.json("/api/show/document/1") as? [String: Any])
            #expect((document["sections"] as? [Any])?.isEmpty == false)
        }
    }

    @Test("user SQL: read-only with the CLI's limits, by GET or POST")
    func sql() async throws {
        try await withServer { server, db, _ in
            let before = try dump(db)
            let rows = try #require(
                try await server.json(
                    "/api/sql?sql=\(encoded("SELECT count(*) AS n FROM document WHERE date >= :since"))&param.since=2024"
                ) as? [[String: Any]])
            #expect(rows.first?["n"] as? Int == 6)
            let posted = try #require(
                try await server.json(
                    "/api/sql", method: "POST",
                    body: Data(#"{"sql": "SELECT title FROM document WHERE id = :id", "params": {"id": 1}}"#.utf8))
                    as? [[String: Any]])
            #expect(posted.count == 1)
            for refused in [
                "DELETE FROM document", "DROP TABLE document", "ATTACH DATABASE '/tmp/x.sqlite' AS x",
                "PRAGMA writable_schema = 1", "SELECT load_extension('/tmp/x')",
            ] {
                _ = try await server.json("/api/sql?sql=\(encoded(refused))", status: 422)
            }
            let endless = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n"
            let stopped = try #require(
                try await server.json("/api/sql?sql=\(encoded(endless))&timeout=0.5", status: 504) as? [String: Any])
            #expect(((stopped["error"] as? [String: Any])?["message"] as? String)?.contains("time limit") == true)
            _ = try await server.json("/api/sql?sql=\(encoded("SELECT * FROM turn_span"))&max_rows=2", status: 422)
            #expect(try dump(db) == before)
        }
    }

    @Test("bad requests: a fitting status and a JSON message, and nothing changed")
    func badRequests() async throws {
        try await withServer(extra: ["--max-upload-mb", "1"]) { server, db, _ in
            let before = try dump(db)
            let auth = ["Authorization": "Bearer \(Self.token)"]
            _ = try await server.json("/api/search?q=\(encoded("芯片"))&limit=abc", status: 400)
            _ = try await server.json("/api/search?q=\(encoded("芯片"))&colour=red", status: 400)
            _ = try await server.json("/api/search", status: 400)
            // Invalid UTF-8 in parameters (broken escapes are in ZhikuServerTests: URL fixes them here).
            _ = try await server.json("/api/search?q=%E6%99", status: 400)
            _ = try await server.json("/api/speakers?topic=%FF%FE", status: 400)
            _ = try await server.json("/api/show/speaker/\(encoded("無此人"))", status: 404)
            _ = try await server.json("/api/show/document/999", status: 404)
            _ = try await server.json("/api/show/planet/1", status: 404)
            _ = try await server.json("/api/nothing-here", status: 404)
            _ = try await server.json("/api/reports/no_such_report", status: 404)
            _ = try await server.json("/api/reports/topic_timeline?colour=red", status: 400)
            // Path traversal: names are never paths, and the page is served from memory.
            _ = try await server.json("/api/show/document/..%2F..%2Fetc%2Fpasswd", status: 400)
            let traversal = try await server.request("/../../etc/passwd")
            #expect(traversal.status == 404 || traversal.status == 400)
            #expect(!String(decoding: traversal.body, as: UTF8.self).contains("root:"))
            _ = try await server.json(
                "/api/documents?name=\(encoded("../../evil.txt"))", status: 400, method: "POST", body: Data("x".utf8),
                headers: auth)
            // Oversize bodies and malformed JSON.
            _ = try await server.json(
                "/api/documents?name=big.txt", status: 413, method: "POST",
                body: Data(repeating: UInt8(ascii: "a"), count: 1_500_000), headers: auth)
            _ = try await server.json("/api/sql", status: 400, method: "POST", body: Data("{\"sql\": ".utf8))
            _ = try await server.json("/api/sql", status: 400, method: "POST", body: Data("[1, 2]".utf8))
            #expect(try dump(db) == before)
        }
    }

    @Test("writes: 401 without the token and nothing changes; with it a posted document becomes searchable")
    func writes() async throws {
        try await withServer { server, db, _ in
            let before = try dump(db)
            let document = Data("量子論壇\n\n張三：量子電腦的發展比預期更快，明年會有新的突破。\n".utf8)
            let path = "/api/documents?name=quantum.txt"
            _ = try await server.json(path, status: 401, method: "POST", body: document)
            _ = try await server.json(
                path, status: 401, method: "POST", body: document,
                headers: ["Authorization": "Bearer wrong-token-000000"])
            #expect(try dump(db) == before)
            let none = try #require(try await server.json("/api/search?q=\(encoded("量子电脑"))") as? [Any])
            #expect(none.isEmpty)
            let stored = try #require(
                try await server.json(
                    path, method: "POST", body: document, headers: ["Authorization": "Bearer \(Self.token)"])
                    as? [String: Any])
            #expect((stored["documents"] as? [[String: Any]])?.first?["status"] as? String == "added")
            // The empty answer cached before, asked for moments ago, was recomputed before the response.
            let hits = try #require(try await server.json("/api/search?q=\(encoded("量子电脑"))") as? [[String: Any]])
            #expect(hits.count == 1 && hits.first?["speaker"] as? String == "張三")
            let again = try #require(
                try await server.json(
                    path, method: "POST", body: document, headers: ["Authorization": "Bearer \(Self.token)"])
                    as? [String: Any])
            #expect((again["documents"] as? [[String: Any]])?.first?["status"] as? String == "unchanged")
        }
    }

    @Test("answers cached before an upload and asked for throughout include the document right after its response")
    func readYourWrites() async throws {
        try await withServer { server, _, _ in
            let search = "/api/search?q=\(encoded("晶片"))&limit=1000"
            let quantum = "/api/search?q=\(encoded("量子电脑"))"
            let speakers = "/api/speakers?topic=\(encoded("晶片"))&limit=1000"
            let paths = [search, quantum, speakers, "/api/documents"]
            let speakersBefore = try #require(try await server.json(speakers) as? [[String: Any]])
            #expect(!speakersBefore.contains { $0["name"] as? String == "張三" })
            for path in paths { _ = try await server.request(path) }
            // Readers keep asking while the upload is stored, so its stale answers are served and
            // recomputed rather than left to expire.
            let uploading = Mutexed(true)
            let readers = Task {
                var statuses: Set<Int> = []
                while uploading.value {
                    for path in paths { statuses.insert(try await server.request(path).status) }
                }
                return statuses
            }
            // Also when a requirement below fails: the readers would otherwise go on for ever.
            defer { uploading.set(false) }
            let document = Data("量子論壇\n\n張三：量子電腦的發展比預期更快，晶片也要跟上，明年會有新的突破。\n".utf8)
            _ = try await server.json(
                "/api/documents?name=quantum.txt", method: "POST", body: document,
                headers: ["Authorization": "Bearer \(Self.token)"])
            let hits = try #require(try await server.json(search) as? [[String: Any]])
            #expect(hits.contains { $0["speaker"] as? String == "張三" })
            let exact = try #require(try await server.json(quantum) as? [[String: Any]])
            #expect(exact.count == 1)
            let speakersAfter = try #require(try await server.json(speakers) as? [[String: Any]])
            #expect(speakersAfter.contains { $0["name"] as? String == "張三" })
            let documents = try #require(try await server.json("/api/documents") as? [[String: Any]])
            #expect(documents.count == 8)
            uploading.set(false)
            #expect(try await readers.value == [200])
        }
    }

    @Test("SIGTERM during an upload: the upload finishes and is stored, then the server exits cleanly")
    func shutdownDuringUpload() throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "zhiku-serve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appending(path: "serve.sqlite").path
        try #require(try zhiku(["ingest", "--db", db, "Samples/corpus"]).status == 0)
        let tokenFile = folder.appending(path: "token")
        try Self.token.write(to: tokenFile, atomically: true, encoding: .utf8)
        let server = try RunningServer(["--db", db, "--token-file", tokenFile.path], logIn: folder)
        // A long transcript, so that it is still being stored when the signal comes.
        var text = "長篇座談紀錄\n\n"
        for turn in 0..<40_000 {
            text += (turn % 2 == 0 ? "張三" : "李四") + "：第\(turn)段發言，我們討論量子電腦和晶片的未來發展方向。\n\n"
        }
        // Sent by URLSession's own threads, so that it starts at once however busy the test pool is.
        let url = try #require(URL(string: "http://127.0.0.1:\(server.port)/api/documents?name=long.txt"))
        var request = URLRequest(url: url, timeoutInterval: 300)
        request.httpMethod = "POST"
        request.httpBody = Data(text.utf8)
        request.setValue("Bearer \(Self.token)", forHTTPHeaderField: "Authorization")
        let answered = DispatchSemaphore(value: 0)
        let status = Mutexed<Int?>(nil)
        URLSession.shared.dataTask(with: request) { _, response, _ in
            status.set((response as? HTTPURLResponse)?.statusCode ?? 0)
            answered.signal()
        }.resume()
        // Signal while the document is being written: its transaction holds the write lock then.
        let shell = try #require(sqliteShell, "the sqlite3 shell is not installed; run Scripts/setup")
        var writing = false
        let deadline = Date().addingTimeInterval(120)
        while !writing, status.value == nil, Date() < deadline {
            let probe = try runProcess(
                shell, ["-batch", "-cmd", ".timeout 0", db, "BEGIN IMMEDIATE; ROLLBACK;"], timeout: 10)
            writing = probe.status != 0 && probe.error.contains("locked")
        }
        try #require(writing, "the upload was never seen writing (answered: \(String(describing: status.value)))")
        server.process.terminate()
        #expect(answered.wait(timeout: .now() + 300) == .success)
        #expect(status.value == 200)
        server.process.waitUntilExit()
        #expect(server.process.terminationStatus == 0, "\(server.log)")
        #expect(try sqlite(db, "SELECT count(*) FROM document WHERE origin = 'upload:long.txt';") == "1\n")
        #expect(try sqlite(db, "PRAGMA integrity_check;") == "ok\n")
    }

    @Test("backup download: 401 without the token; with it a verified copy that the stock shell opens")
    func backupDownload() async throws {
        try await withServer { server, db, folder in
            _ = try await server.json("/api/backup", status: 401)
            let answer = try await server.request("/api/backup", headers: ["Authorization": "Bearer \(Self.token)"])
            #expect(answer.status == 200)
            let copy = folder.appending(path: "downloaded.sqlite")
            try answer.body.write(to: copy)
            #expect(try sqlite(copy.path, "PRAGMA integrity_check;") == "ok\n")
            let count = "SELECT count(*) FROM document;"
            #expect(try sqlite(copy.path, count) == (try sqlite(db, count)))
            let check = try zhiku(["check", "--db", copy.path])
            #expect(check.status == 0, "\(check.output)\(check.error)")
            // Nothing is left beside the live database.
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter {
                $0.contains(".download-")
            }
            #expect(leftovers.isEmpty, "\(leftovers)")
        }
    }

    @Test("a document ingested by another process shows in answers within a second or two")
    func otherWriter() async throws {
        try await withServer { server, db, folder in
            let path = "/api/search?q=\(encoded("量子电脑"))"
            #expect((try await server.json(path) as? [Any])?.isEmpty == true)
            let file = folder.appending(path: "quantum.txt")
            try "量子論壇\n\n張三：量子電腦的發展比預期更快，明年會有新的突破。\n".write(to: file, atomically: true, encoding: .utf8)
            #expect(try zhiku(["ingest", "--db", db, file.path]).status == 0)
            var found = 0
            for _ in 0..<40 where found == 0 {
                found = (try await server.json(path) as? [Any])?.count ?? 0
                if found == 0 { try await Task.sleep(for: .milliseconds(100)) }
            }
            #expect(found == 1)
        }
    }

    @Test("without --token-file there are no writes: 403, and nothing changes")
    func writesOff() async throws {
        try await withServer(token: false) { server, db, _ in
            let before = try dump(db)
            _ = try await server.json(
                "/api/documents?name=a.txt", status: 403, method: "POST", body: Data("甲：你好，今天天氣很好，我們開始吧。".utf8),
                headers: ["Authorization": "Bearer \(Self.token)"])
            #expect(try dump(db) == before)
        }
    }

    @Test("the web page, its style and script come from the server itself")
    func webPage() async throws {
        try await withServer { server, _, _ in
            let page = try await server.request("/")
            #expect(page.status == 200)
            let html = String(decoding: page.body, as: UTF8.self)
            #expect(html.contains("<html lang=\"zh-Hant\">") && html.contains("/app.js"))
            #expect(!html.contains("http://") && !html.contains("https://"))
            for asset in ["/app.js", "/app.css"] {
                let answer = try await server.request(asset)
                #expect(answer.status == 200 && !answer.body.isEmpty)
                #expect(!String(decoding: answer.body, as: UTF8.self).contains("https://"))
            }
        }
    }
}
