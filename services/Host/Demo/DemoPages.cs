using System.Globalization;
using System.Net;
using System.Text;
using ContentPipeline.Ingest.Articles;
using ContentPipeline.Search;
using ContentPipeline.SearchIndex.Consumers;
using ContentPipeline.ServiceDefaults;
using ContentPipeline.Text;

namespace ContentPipeline.Host.Demo;

/// <summary>
/// The embedded mode as a newcomer first sees it: a small Vietnamese news site made of the pipeline's own parts — a
/// start page, search results as a page, and article pages with the widget on them. Rendered on the server, so the
/// only script on these pages is the widget, as on a strict news site.
/// </summary>
internal static class DemoPages
{
    /// <summary>No inline script, nothing from elsewhere but images: the widget embedded as a strict site would.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: https: http:; connect-src 'self'; " +
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'self'";

    public const int PageSize = 10;

    public static WebApplication MapDemoPages(this WebApplication app)
    {
        app.MapGet("/", Start).ExcludeFromDescription();
        app.MapGet("/tim-kiem", Search).ExcludeFromDescription();
        app.MapGet("/bai-viet/{id}", Article).ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> Start(HttpResponse response, [FromKeyedServices(typeof(IndexArticleConsumer))] IArticleIndex index, CancellationToken ct)
    {
        var newest = await index.NewestAsync(null, null, 8, new HashSet<string>(), ct);
        var html = Page(response, "ContentPipeline — bản chạy thử");
        html.Append("<h1>ContentPipeline</h1><p class=\"intro\">Bản chạy thử trên một máy: tiếp nhận, phân tích, tìm kiếm và gợi ý bài viết chạy chung một tiến trình. ")
            .Append("Gõ từ khoá có dấu hoặc không dấu, mở một bài để xem các khối <b>Có thể bạn quan tâm</b>, <b>Nên xem</b> và <b>Tin khác</b>.</p>");
        SearchBox(html, "");
        html.Append("<h2>Tin mới</h2><ul class=\"results\">");
        foreach (var article in newest.Items) Result(html, article, null);
        html.Append("</ul><h2>Dành cho lập trình viên</h2><ul class=\"api\">")
            .Append("<li><a href=\"/api/search?q=ha+noi\">/api/search?q=ha+noi</a> — tìm kiếm (JSON)</li>")
            .Append("<li><a href=\"/api/suggest?q=hdnd\">/api/suggest?q=hdnd</a> — gợi ý khi gõ</li>")
            .Append("<li><a href=\"/api/blocks/hdnd-ha-noi-khai-mac-ky-hop-thu-tu\">/api/blocks/{id}</a> — ba khối của một trang bài, một lần gọi</li>")
            .Append("<li><a href=\"/embed/blocks/hdnd-ha-noi-khai-mac-ky-hop-thu-tu\">/embed/blocks/{id}</a> — các khối dạng HTML cho iframe, không cần JavaScript</li>")
            .Append("<li><a href=\"/api/articles/hdnd-ha-noi-khai-mac-ky-hop-thu-tu\">/api/articles/{id}</a> — bài đã lưu, trạng thái và kết quả phân tích</li>")
            .Append("<li><a href=\"/openapi/v1.json\">/openapi/v1.json</a>, <a href=\"/health/ready\">/health/ready</a>, <a href=\"/metrics\">/metrics</a></li></ul>")
            .Append("<p>Nhúng vào trang bài: <code>&lt;script src=\"/widget.js\" data-article-id=\"…\" async&gt;&lt;/script&gt;</code></p>");
        return Done(html);
    }

    private static async Task<IResult> Search(
        HttpResponse response, [FromKeyedServices(typeof(IndexArticleConsumer))] IArticleIndex index, CancellationToken ct,
        string? q = null, string? section = null, string? cursor = null)
    {
        q = q?.Trim() ?? "";
        if (q.Length > SearchIndex.Api.SearchEndpoints.MaxQueryLength) q = q[..SearchIndex.Api.SearchEndpoints.MaxQueryLength];
        var html = Page(response, q.Length == 0 ? "Tìm kiếm" : $"{q} — Tìm kiếm");
        html.Append("<p><a href=\"/\">← Trang chủ</a></p>");
        SearchBox(html, q);
        if (q.Length == 0) return Done(html.Append("<p>Gõ một vài từ để tìm.</p>"));
        SearchResults results;
        try
        {
            results = await index.SearchAsync(new SearchQuery { Text = q, Category = Blank(section), Size = PageSize, Cursor = Blank(cursor) }, ct);
        }
        catch (InvalidCursorException)
        {
            return Done(html.Append("<p>Liên kết trang này đã cũ; hãy tìm lại từ đầu.</p>"));
        }
        html.Append("<p class=\"meta\">").Append(results.Total.ToString("N0", Vietnamese)).Append(" bài");
        if (Blank(section) is { } chosen) html.Append(" trong chuyên mục <b>").Append(Encode(chosen)).Append("</b> · <a href=\"").Append(SearchLink(q, null, null)).Append("\">mọi chuyên mục</a>");
        html.Append("</p>");
        if (results.Categories.Count > 0 && Blank(section) is null)
        {
            html.Append("<nav class=\"facets\" aria-label=\"Chuyên mục\">");
            foreach (var (name, count) in results.Categories.OrderByDescending(c => c.Value))
                html.Append("<a href=\"").Append(SearchLink(q, name, null)).Append("\">").Append(Encode(name)).Append(" <span>").Append(count).Append("</span></a>");
            html.Append("</nav>");
        }
        html.Append("<ul class=\"results\">");
        foreach (var hit in results.Items) Result(html, hit.Article, hit.Highlights);
        html.Append("</ul>");
        if (results.Items.Count == 0) html.Append("<p>Không tìm thấy bài nào. Thử ít từ hơn, hoặc bỏ dấu.</p>");
        if (results.NextCursor is { } next) html.Append("<p><a class=\"more\" href=\"").Append(SearchLink(q, Blank(section), next)).Append("\">Xem thêm</a></p>");
        return Done(html);
    }

    private static async Task<IResult> Article(string id, HttpResponse response, ArticleStore store, CancellationToken ct)
    {
        var stored = await store.GetAsync(id, ct);
        if (stored is null || stored.Withdrawn)
        {
            return Done(Page(response, "Không tìm thấy bài").Append("<p><a href=\"/\">← Trang chủ</a></p><h1>Không tìm thấy bài này</h1><p>Bài có thể đã bị gỡ, hoặc địa chỉ không đúng.</p>"),
                StatusCodes.Status404NotFound);
        }
        var content = stored.Content;
        var html = Page(response, content.Title);
        html.Append("<p><a href=\"/\">← Trang chủ</a></p><article><p class=\"meta\">").Append(Encode(content.Category ?? "Tin tức"));
        if (content.PublishedAt is { } published) html.Append(" · ").Append(published.ToOffset(SiteOffset).ToString("HH:mm dd/MM/yyyy", Vietnamese));
        html.Append("</p><h1>").Append(Encode(content.Title)).Append("</h1>");
        if (content.Lead is { } lead) html.Append("<p class=\"lead\">").Append(Encode(lead)).Append("</p>");
        foreach (var paragraph in content.Body.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            html.Append("<p>").Append(Encode(paragraph)).Append("</p>");
        if (content.Author is { } author) html.Append("<p class=\"author\">").Append(Encode(author)).Append("</p>");
        html.Append("</article>")
            // Links to the other articles lead to this demo's pages, not to the sample data's made-up addresses.
            .Append("<script src=\"/widget.js\" data-article-id=\"").Append(Encode(id)).Append("\" data-link=\"/bai-viet/{id}\" async></script>");
        return Done(html);
    }

    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");
    private static readonly TimeSpan SiteOffset = VietnameseText.VietnamTime;

    private static StringBuilder Page(HttpResponse response, string title)
    {
        response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        return new StringBuilder(16_384).Append("<!doctype html><html lang=\"vi\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><title>").Append(Encode(title)).Append("</title><style>").Append(Style)
            .Append("</style></head><body><main>");
    }

    private static IResult Done(StringBuilder html, int status = StatusCodes.Status200OK) =>
        Results.Content(html.Append("</main></body></html>").ToString(), "text/html; charset=utf-8", Encoding.UTF8, status);

    private static void SearchBox(StringBuilder html, string q) =>
        html.Append("<form action=\"/tim-kiem\" role=\"search\"><input name=\"q\" type=\"search\" aria-label=\"Từ khoá\" placeholder=\"Tìm kiếm, ví dụ: ha noi chong ngap\" value=\"")
            .Append(Encode(q)).Append("\"> <button>Tìm</button></form>");

    private static void Result(StringBuilder html, IndexedArticle article, IReadOnlyDictionary<string, IReadOnlyList<string>>? highlights)
    {
        html.Append("<li><a href=\"/bai-viet/").Append(Uri.EscapeDataString(article.Id)).Append("\">");
        if (highlights?.GetValueOrDefault("title") is [var title, ..]) html.Append(Marked(title));
        else html.Append(Encode(article.Title));
        html.Append("</a><p class=\"meta\">").Append(Encode(article.Category ?? "Tin tức"));
        if (article.PublishedAt is { } published) html.Append(" · ").Append(published.ToOffset(SiteOffset).ToString("dd/MM/yyyy", Vietnamese));
        html.Append("</p>");
        var snippet = highlights?.Where(h => h.Key != "title").SelectMany(h => h.Value).FirstOrDefault();
        if (snippet is not null) html.Append("<p>").Append(Marked(snippet)).Append("</p>");
        else if (article.Lead is { } lead) html.Append("<p>").Append(Encode(lead)).Append("</p>");
        html.Append("</li>");
    }

    /// <summary>A highlight fragment: everything escaped again, then only the engine's &lt;em&gt; marks given back.</summary>
    private static string Marked(string fragment) =>
        Encode(WebUtility.HtmlDecode(fragment)).Replace("&lt;em&gt;", "<mark>").Replace("&lt;/em&gt;", "</mark>");

    private static string SearchLink(string q, string? section, string? cursor) =>
        "/tim-kiem?q=" + Uri.EscapeDataString(q) + (section is null ? "" : "&amp;section=" + Uri.EscapeDataString(section)) +
        (cursor is null ? "" : "&amp;cursor=" + Uri.EscapeDataString(cursor));

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

    private static string Encode(string text) => HtmlText.Encode(text);

    private const string Style =
        "body{margin:0;background:#f6f6f4;color:#1f1f1f;font:16px/1.55 system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif}" +
        "main{max-width:760px;margin:0 auto;padding:1.5em 1em 3em;background:#fff;min-height:100vh}" +
        "h1{font-size:1.7em;line-height:1.25;margin:.3em 0}h2{font-size:1.15em;border-bottom:2px solid #b00020;padding-bottom:.2em;margin-top:2em}" +
        "a{color:#0b3d91}form{display:flex;gap:.5em;margin:1em 0}input{flex:1;font:inherit;padding:.45em .6em;border:1px solid #bbb;border-radius:6px}" +
        "button{font:inherit;padding:.45em 1.2em;border:0;border-radius:6px;background:#b00020;color:#fff;cursor:pointer}" +
        ".results{list-style:none;padding:0}.results li{margin:0 0 1.2em}.results a{font-weight:600;font-size:1.08em;text-decoration:none}" +
        ".results p{margin:.2em 0}.meta{color:#5f6368;font-size:.88em}.lead{font-weight:600}mark{background:#fff3b0;color:inherit}" +
        ".facets{display:flex;flex-wrap:wrap;gap:.4em;margin:.5em 0 1em}.facets a{padding:.2em .7em;border:1px solid #ccc;border-radius:999px;text-decoration:none;font-size:.9em}" +
        ".facets span{color:#5f6368}.more{font-weight:600}.intro{color:#444}.api li{margin:.2em 0}code{background:#f1f1f1;padding:0 .3em}" +
        "article{margin-bottom:2em}.author{text-align:right;font-weight:600}";
}
