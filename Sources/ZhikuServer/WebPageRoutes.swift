import Hummingbird

/// The web page: one HTML file, a style sheet and a script, all inside the binary (no build step,
/// nothing fetched from elsewhere), so that a copied `zhiku` serves its page too.
struct WebPageRoutes: Sendable {
    func add(to router: Router<BasicRequestContext>) {
        router.get("/") { _, _ in Self.asset(WebPage.html, type: "text/html; charset=utf-8") }
        router.get("/app.css") { _, _ in Self.asset(WebPage.css, type: "text/css; charset=utf-8") }
        router.get("/app.js") { _, _ in Self.asset(WebPage.javaScript, type: "text/javascript; charset=utf-8") }
    }

    private static func asset(_ text: String, type: String) -> Response {
        Response(
            status: .ok,
            headers: [
                .contentType: type, .cacheControl: "no-cache",
                // The page talks to this server only.
                .contentSecurityPolicy: "default-src 'self'; img-src 'self' data:",
            ],
            body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}
