/// The web page's text, served by ``WebPageRoutes``.
enum WebPage {}

extension WebPage {
    /// The one HTML page; the script fills it from the API, by the address's `#/…` part.
    static let html = #"""
        <!doctype html>
        <html lang="zh-Hant">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>知庫 Zhiku</title>
        <link rel="stylesheet" href="/app.css">
        </head>
        <body>
        <header>
          <a class="brand" href="#/">知庫</a>
          <form id="search" role="search">
            <input id="q" name="q" type="search" placeholder="搜尋／搜索：繁體或简体皆可" autocomplete="off" autofocus>
            <select id="speaker" aria-label="講者"><option value="">所有講者</option></select>
            <select id="topic" aria-label="主題"><option value="">所有主題</option></select>
            <button type="submit">搜尋</button>
          </form>
        </header>
        <main id="main" aria-live="polite"></main>
        <footer>知庫 Zhiku · <a href="#/documents">文件</a> · <a href="#/topics">主題</a> · <a href="#/speakers">講者</a></footer>
        <script src="/app.js"></script>
        </body>
        </html>
        """#
}
