using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using ContentPipeline.Contracts;
using ContentPipeline.Recommendation.Api;
using ContentPipeline.ServiceDefaults;
using ContentPipeline.Text;

namespace ContentPipeline.Recommendation.Widget;

/// <summary>
/// The widget's script and stylesheet as served, and the same blocks as a self-contained HTML document for an iframe
/// (<c>/embed/blocks/{id}</c>): AMP pages, sites that allow no third-party script, crawlers. One stylesheet gives both
/// their look.
/// </summary>
public static partial class BlocksFragment
{
    /// <summary>The fragment runs nothing and loads nothing but its images; it may be framed by any site.</summary>
    public const string ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src http: https:; base-uri 'none'; form-action 'none'";

    /// <summary>widget.css without its comments and line breaks: what the widget carries and the fragment inlines.</summary>
    private static readonly Lazy<string> Css = new(() => Comments().Replace(Resource("widget.css"), "").ReplaceLineEndings(""));

    [GeneratedRegex(@"/\*.*?\*/", RegexOptions.Singleline)]
    private static partial Regex Comments();

    /// <summary>widget.js with the stylesheet written into it as a string: one request, no inline style.</summary>
    public static readonly Lazy<byte[]> Script = new(() =>
        Encoding.UTF8.GetBytes(Resource("widget.js").Replace("__WIDGET_CSS__", JsonSerializer.Serialize(Css.Value))));

    // Vietnamese news sites print times in Vietnam's zone: a page without script cannot ask the reader's.
    private static readonly TimeSpan SiteOffset = VietnameseText.VietnamTime;

    public static string Render(PageBlocks blocks, string layout, string theme, DateTimeOffset now)
    {
        var html = new StringBuilder(8_192);
        html.Append("<!doctype html><html lang=\"vi\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">")
            .Append("<meta name=\"robots\" content=\"noindex\"><title>Có thể bạn quan tâm</title><style>").Append(AsDocument(Css.Value)).Append("</style></head>")
            .Append("<body data-layout=\"").Append(layout).Append("\" data-theme=\"").Append(theme).Append("\">");
        Block(html, "related", "Có thể bạn quan tâm", blocks.Related.Select(Card.Of), now);
        Block(html, "featured", "Nên xem", blocks.Featured.Select(Card.Of), now);
        Block(html, "more", "Tin khác", blocks.More.Items.Select(Card.Of), now);
        return html.Append("</body></html>").ToString();
    }

    /// <summary>The frame of an article without blocks: an empty page, and why for whoever reads its source.</summary>
    public static string Nothing(string why) =>
        "<!doctype html><html lang=\"vi\"><head><meta charset=\"utf-8\"><meta name=\"robots\" content=\"noindex\"><title>Có thể bạn quan tâm</title></head>" +
        $"<body data-reason=\"{Encode(why)}\"></body></html>";

    private sealed record Card(string Title, string? Lead, string? Url, DateTimeOffset? PublishedAt, string? ImageUrl, string? ImageAlt)
    {
        public static Card Of(Related.RecommendedItem i) => new(i.Title, i.Lead, i.Url, i.PublishedAt, i.ImageUrl, i.ImageAlt);
        public static Card Of(MoreItem i) => new(i.Title, i.Lead, i.Url, i.PublishedAt, i.ImageUrl, i.ImageAlt);
    }

    private static void Block(StringBuilder html, string name, string title, IEnumerable<Card> cards, DateTimeOffset now)
    {
        var items = cards.ToList();
        if (items.Count == 0) return;
        html.Append($"<section data-block=\"{name}\" aria-labelledby=\"cp-{name}\"><h2 id=\"cp-{name}\">{title}</h2><ul>");
        foreach (var item in items)
        {
            // target=_top: a reader who picks an article leaves the frame for it.
            html.Append("<li><a target=\"_top\"");
            if (IsHttp(item.Url)) html.Append(" href=\"").Append(Encode(item.Url!)).Append('"');
            html.Append("><span class=\"th\">");
            if (IsHttp(item.ImageUrl))
                html.Append("<img loading=\"lazy\" decoding=\"async\" referrerpolicy=\"no-referrer\" src=\"").Append(Encode(item.ImageUrl!))
                    .Append("\" alt=\"").Append(Encode(item.ImageAlt ?? "")).Append("\">");
            html.Append("</span><span class=\"tx\"><span class=\"t\">").Append(Encode(item.Title)).Append("</span>");
            if (!string.IsNullOrEmpty(item.Lead)) html.Append("<span class=\"l\">").Append(Encode(item.Lead)).Append("</span>");
            if (item.PublishedAt is { } published)
                html.Append("<time datetime=\"").Append(published.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)).Append("\">")
                    .Append(Ago(published, now)).Append("</time>");
            html.Append("</span></a></li>");
        }
        html.Append("</ul></section>");
    }

    /// <summary>"5 phút trước", "2 giờ trước", "Hôm qua", then the date: what widget.js shows, in the site's zone.</summary>
    public static string Ago(DateTimeOffset then, DateTimeOffset now)
    {
        var elapsed = now - then;
        if (elapsed >= TimeSpan.Zero && elapsed < TimeSpan.FromMinutes(1)) return "Vừa xong";
        if (elapsed >= TimeSpan.Zero && elapsed < TimeSpan.FromHours(1)) return $"{(int)elapsed.TotalMinutes} phút trước";
        if (elapsed >= TimeSpan.Zero && elapsed < TimeSpan.FromDays(1)) return $"{(int)elapsed.TotalHours} giờ trước";
        var local = then.ToOffset(SiteOffset);
        if (elapsed >= TimeSpan.Zero && local.Date == now.ToOffset(SiteOffset).Date.AddDays(-1)) return "Hôm qua";
        return local.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
    }

    private static bool IsHttp(string? url) => url is not null && ArticleRules.IsHttpUrl(url);

    private static string Encode(string text) => HtmlText.Encode(text);

    [GeneratedRegex(@":host(?:\(([^)]*)\))?")]
    private static partial Regex Host();

    /// <summary>The shadow root's stylesheet for a document of its own: its host is the body.</summary>
    private static string AsDocument(string css) => Host().Replace(css, m => "body" + m.Groups[1].Value);

    private static string Resource(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"ContentPipeline.Recommendation.Widget.{name}")
            ?? throw new InvalidOperationException($"{name} is not embedded in the assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
