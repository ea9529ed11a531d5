import Hummingbird

/// Turns every error into an ``APIError``, so that each answer is JSON with a fitting status: a
/// handler throws the engine's own errors, and this is the one place that maps them.
struct APIErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        do {
            return try await next(request, context)
        } catch {
            throw APIError(error)
        }
    }
}
