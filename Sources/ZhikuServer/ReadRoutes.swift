import Hummingbird
import ZhikuCore
import ZhikuOutput

/// The read-only API: the query layer's answers with the keys of the CLI's `--format json`.
struct ReadRoutes: Sendable {
    let readers: StoreWorkers

    func add(to router: Router<BasicRequestContext>) {
        router.get("/healthz") { _, _ in
            let documents = try await readers.run { store in try store.statistics() }
            return JSONResponse.object(
                .object([
                    "status": .text("ok"), "schema_version": .integer(documents.schemaVersion),
                    "documents": .integer(documents.counts.first { $0.name == "documents" }?.count ?? 0),
                ]))
        }
        router.get("/api/stats") { _, _ in
            let statistics = try await readers.run { store in try store.statistics() }
            return JSONResponse.array(.statistics(statistics))
        }
        router.get("/api/documents") { request, _ in
            _ = try Self.parameters(request, allowed: [])
            return JSONResponse.array(.documents(try await readers.run { store in try store.documents() }))
        }
        router.get("/api/speakers") { request, _ in
            let query = try Self.parameters(request, allowed: ["topic", "document"])
            let topics = query.strings("topic")
            let speakers = try await readers.run { store in
                try store.speakers(
                    topics: topics, documentID: try query.string("document").map(store.documentID(named:)))
            }
            return JSONResponse.array(.speakers(speakers, withEvidence: !topics.isEmpty))
        }
        router.get("/api/topics") { request, _ in
            let query = try Self.parameters(request, allowed: ["speaker", "document"])
            let topics = try await readers.run { store in
                try store.topics(
                    speakerID: try query.string("speaker").map(store.speakerID(named:)),
                    documentID: try query.string("document").map(store.documentID(named:)))
            }
            return JSONResponse.array(.topics(topics))
        }
        router.get("/api/claims") { request, _ in
            let query = try Self.parameters(request, allowed: ["speaker", "topic", "document", "limit"])
            let limit = try query.integer("limit", default: 100, in: 1...10_000)
            let claims = try await readers.run { store in
                try store.claims(
                    ClaimFilter(
                        speakerID: try query.string("speaker").map(store.speakerID(named:)),
                        topic: query.string("topic"),
                        documentID: try query.string("document").map(store.documentID(named:)), limit: limit))
            }
            return JSONResponse.array(.claims(claims))
        }
        router.get("/api/search") { request, _ in
            let query = try Self.parameters(request, allowed: ["q", "speaker", "document", "limit"])
            guard let text = query.string("q") else {
                throw APIError.badRequest("parameter q (what to search for) is missing")
            }
            let limit = try query.integer("limit", default: 20, in: 1...1_000)
            let hits = try await readers.run { store in
                try store.search(
                    text,
                    options: SearchOptions(
                        speakerID: try query.string("speaker").map(store.speakerID(named:)),
                        documentID: try query.string("document").map(store.documentID(named:)), limit: limit))
            }
            return JSONResponse.array(.searchHits(hits))
        }
        router.get("/api/show/:kind/:name") { request, context in
            _ = try Self.parameters(request, allowed: ["limit"])
            let kind = context.parameters.get("kind") ?? ""
            let name = try PathParameter.decode(Substring(context.parameters.get("name") ?? ""))
            let limit = try QueryParameters(request.uri.query).integer("limit", default: 20, in: 1...10_000)
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
