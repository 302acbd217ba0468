namespace ContentPipeline.Host;

/// <summary>The embedded mode's start page: a search box, the API's main paths, and the widget as a site would embed it.</summary>
internal static class StartPage
{
    /// <summary>No inline script, nothing from elsewhere but images: the page shows the widget as a strict site would embed it.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: https:; connect-src 'self'; " +
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'self'";

    public const string Html = """
        <!doctype html>
        <html lang="vi">
        <head>
          <meta charset="utf-8">
          <title>ContentPipeline</title>
          <style>
            body { font: 16px/1.5 system-ui, sans-serif; max-width: 860px; margin: 2em auto; padding: 0 1em; color: #222; }
            code { background: #f3f3f3; padding: 0 .3em; }
            input { font-size: 1em; padding: .3em; width: 60%; }
            li { margin: .2em 0; }
          </style>
        </head>
        <body>
          <h1>ContentPipeline</h1>
          <p>Embedded mode: ingest, enrichment, search-index and recommendation in one process.</p>
          <form action="/api/search"><input name="q" placeholder="Tìm kiếm, ví dụ: ha noi chong ngap" autofocus> <button>Search</button></form>
          <ul>
            <li><a href="/api/search?q=ha+noi">/api/search?q=ha+noi</a> — search, accents optional</li>
            <li><a href="/api/suggest?q=hdnd">/api/suggest?q=hdnd</a> — search-as-you-type</li>
            <li><a href="/api/articles/hdnd-ha-noi-khai-mac-ky-hop-thu-tu">/api/articles/{id}</a> — an article, its status and enrichment</li>
            <li><a href="/api/recommendations/hdnd-ha-noi-khai-mac-ky-hop-thu-tu/related">/api/recommendations/{id}/related</a> — Có thể bạn quan tâm</li>
            <li><a href="/api/feeds/featured">/api/feeds/featured</a> — Nên xem</li>
            <li><a href="/api/feeds/more?articleId=hdnd-ha-noi-khai-mac-ky-hop-thu-tu">/api/feeds/more</a> — Tin khác / Xem thêm</li>
            <li><a href="/openapi/v1.json">/openapi/v1.json</a>, <a href="/health/ready">/health/ready</a>, <a href="/metrics">/metrics</a></li>
          </ul>
          <h2>The widget, as an article page embeds it</h2>
          <p><code>&lt;script src="/widget.js" data-article-id="hdnd-ha-noi-khai-mac-ky-hop-thu-tu" async&gt;&lt;/script&gt;</code></p>
          <script src="/widget.js" data-article-id="hdnd-ha-noi-khai-mac-ky-hop-thu-tu" async></script>
        </body>
        </html>
        """;
}
