/// The frame every page shares: title, navigation, the stylesheet and the
/// script, both served by this server (the CSP allows nothing else).
enum PageLayout {
    static func page(title: String, body: String, databaseName: String) -> String {
        """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(HTML.escape(title)) · tracker</title>
        <link rel="stylesheet" href="/assets/style.css">
        <script src="/assets/app.js" defer></script>
        </head><body>
        <header><a class="brand" href="/">tracker</a>
        <nav><a href="/">runs</a><a href="/group">group by param</a></nav>
        <span class="db" title="the database this dashboard reads (read-only)">\(HTML.escape(databaseName))</span></header>
        <main>
        \(body)
        </main></body></html>
        """
    }

    static func message(_ title: String, _ text: String, databaseName: String) -> String {
        page(title: title, body: "<h1>\(HTML.escape(title))</h1><p class=\"empty\">\(HTML.escape(text))</p>", databaseName: databaseName)
    }
}
