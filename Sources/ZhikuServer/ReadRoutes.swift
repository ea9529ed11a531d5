import Hummingbird
import ZhikuCore
import ZhikuOutput

/// The read-only API: the query layer's answers with the keys of the CLI's `--format json`.
struct ReadRoutes: Sendable {
    let readers: StoreWorkers
    let cache: ResponseCache

    func add(to router: Router<BasicRequestContext>) {
        router.get("/healthz") { _, _ in
            // Cheap on purpose: monitors call it often. It answers only when a reader thread is free.
            let (documents, version) = try await readers.run { store in (try store.documentCount(), Store.schemaVersion)
            }
            return JSONResponse.object(
                .object(["status": .text("ok"), "schema_version": .integer(version), "documents": .integer(documents)]))
        }
        router.get("/api/stats") { request, _ in
            _ = try Self.parameters(request, allowed: [])
            return try await cached(request) { store in
                (JSONResponse.text(.statistics(try store.statistics())), .anyChange)
            }
        }
        router.get("/api/documents") { request, _ in
            _ = try Self.parameters(request, allowed: [])
            return try await cached(request) { store in
                (JSONResponse.text(.documents(try store.documents())), .anyChange)
            }
        }
        router.get("/api/speakers") { request, _ in
            let query = try Self.parameters(request, allowed: ["topic", "document", "limit"])
            let topics = query.strings("topic")
            // As in the CLI: 20 speakers by default with a topic, every speaker without.
            let limit =
                query.string("limit") == nil && !topics.isEmpty
                ? Store.defaultTopicSpeakerLimit : try query.integer("limit", default: Int.max, in: 1...Int.max)
            return try await cached(request) { store in
                let options = SpeakerOptions(
                    documentID: try query.string("document").map(store.documentID(named:)),
                    limit: limit == Int.max ? nil : limit)
                let speakers = try store.speakerListing(topics: topics, options: options).speakers
                let body = JSONResponse.text(.speakers(speakers, withEvidence: !topics.isEmpty))
                guard !topics.isEmpty else { return (body, .anyChange) }
                // Stale after a new document that mentions a topic, or where one of these speakers speaks (counts).
                let queries = try topics.flatMap(store.mentionQueries(of:))
                return (body, .mentions(queries, speakers: Set(speakers.map(\.id))))
            }
        }
        router.get("/api/topics") { request, _ in
            let query = try Self.parameters(request, allowed: ["speaker", "document"])
            return try await cached(request) { store in
                let topics = try store.topics(
                    speakerID: try query.string("speaker").map(store.speakerID(named:)),
                    documentID: try query.string("document").map(store.documentID(named:)))
                return (JSONResponse.text(.topics(topics)), .anyChange)
            }
        }
        router.get("/api/claims") { request, _ in
            let query = try Self.parameters(request, allowed: ["speaker", "topic", "document", "limit"])
            let limit = try query.integer("limit", default: 100, in: 1...10_000)
            return try await cached(request) { store in
                let claims = try store.claims(
                    ClaimFilter(
                        speakerID: try query.string("speaker").map(store.speakerID(named:)),
                        topic: query.string("topic"),
                        documentID: try query.string("document").map(store.documentID(named:)), limit: limit))
                return (JSONResponse.text(.claims(claims)), .anyChange)
            }
        }
        router.get("/api/search") { request, _ in
            let query = try Self.parameters(request, allowed: ["q", "speaker", "topic", "document", "limit"])
            guard let text = query.string("q") else {
                throw APIError.badRequest("parameter q (what to search for) is missing")
            }
            let limit = try query.integer("limit", default: 20, in: 1...1_000)
            return try await cached(request) { store in
                var options = SearchOptions(
                    speakerID: try query.string("speaker").map(store.speakerID(named:)),
                    documentID: try query.string("document").map(store.documentID(named:)),
                    topic: query.string("topic"), limit: limit)
                // Answers are cached here: what counts is the CPU their recomputations take after an
                // upload, mostly common words' searches, which this spares scoring.
                options.countsMatchesFirst = true
                let hits = try store.search(text, options: options)
                // Stale after a new document that holds the words, or renames a speaker of a hit.
                let speakers = Set(hits.compactMap(\.speakerID))
                return (JSONResponse.text(.searchHits(hits)), .search(try store.searchQuery(text), speakers: speakers))
            }
        }
        router.get("/api/show/:kind/:name") { request, context in
            let query = try Self.parameters(request, allowed: ["limit"])
            let kind = context.parameters.get("kind") ?? ""
            let name = try PathParameter.decode(Substring(context.parameters.get("name") ?? ""))
            let limit = try query.integer("limit", default: 20, in: 1...10_000)
            let page: OutputValue
            switch kind {
            case "document":
                page = try await readers.run { store in
                    try store.documentPage(store.documentID(named: name)).outputValue
                }
            case "speaker":
                page = try await readers.run { store in
                    try store.speakerPage(store.speakerID(named: name), claimLimit: limit).outputValue
                }
            case "topic":
                page = try await readers.run { store in try store.topicPage(name).outputValue }
            default:
                throw APIError.notFound("show takes document, speaker or topic, not \(kind)")
            }
            return JSONResponse.object(page)
        }
    }

    /// The answer from the cache (see ``ResponseCache/answer(for:compute:)``), or computed on a reader
    /// thread and kept with what it depends on.
    private func cached(
        _ request: Request, _ compute: @escaping @Sendable (Store) throws -> (String, ResponseCache.Dependency)
    ) async throws -> Response {
        let key = request.uri.path + "?" + (request.uri.query ?? "")
        let readers = self.readers
        return JSONResponse.make(try await cache.answer(for: key) { try await readers.run(compute) })
    }

    /// The request's query parameters; a name the endpoint does not know is refused, so that a
    /// misspelt filter is not silently ignored.
    static func parameters(_ request: Request, allowed: Set<String>) throws -> QueryParameters {
        let query = try QueryParameters(request.uri.query)
        if let unknown = query.names.subtracting(allowed).sorted().first {
            let known = allowed.isEmpty ? "none" : allowed.sorted().joined(separator: ", ")
            throw APIError.badRequest("unknown parameter \(unknown) (this endpoint takes: \(known))")
        }
        return query
    }
}
