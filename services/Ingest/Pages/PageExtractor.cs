using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using ContentPipeline.Ingest.Articles;
using ContentPipeline.Text;

namespace ContentPipeline.Ingest.Pages;

/// <summary>
/// Turns a raw page into an article: from HTML through its structured metadata and densest block of paragraphs,
/// from page text through its layout (title first, body until the first block heading).
/// </summary>
public static class PageExtractor
{
    /// <summary>Headings that start the blocks after an article's body on Vietnamese news pages.</summary>
    private static readonly string[] BlockHeadings =
        ["Có thể bạn quan tâm", "Ý kiến bạn đọc", "Nên xem", "Tin khác", "Tin liên quan", "Xem thêm", "Bình luận", "Đọc nhiều", "Tin cùng chuyên mục"];

    public static ArticleInput? FromHtml(string html, string url)
    {
        html = Clean(html);
        var document = new HtmlParser(new HtmlParserOptions { IsScripting = false }).ParseDocument(html);
        string? Meta(string key) => document.QuerySelector($"meta[property='{key}'], meta[name='{key}']")?.GetAttribute("content")?.Trim();

        var title = Meta("og:title") ?? document.QuerySelector("h1")?.TextContent.Trim() ?? document.Title?.Trim();
        var paragraphs = DensestParagraphs(document);
        if (string.IsNullOrWhiteSpace(title) && paragraphs.Count == 0) return null;

        var canonical = document.QuerySelector("link[rel='canonical']")?.GetAttribute("href");
        return new ArticleInput(
            Url: ArticleIdentity.CanonicalUrl(canonical) ?? url,
            Title: title,
            Lead: Meta("og:description") ?? Meta("description"),
            Body: string.Join('\n', paragraphs),
            Category: Meta("article:section"),
            Author: Meta("author") ?? Meta("article:author"),
            PublishedAt: DateTimeOffset.TryParse(Meta("article:published_time"), out var published) ? published : null,
            Language: document.DocumentElement.GetAttribute("lang"));
    }

    public static ArticleInput? FromText(string text, string url)
    {
        var lines = Clean(text).Replace("\r\n", "\n").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        if (lines.Count == 0) return null;
        var title = lines[0];
        // Lines that start with the page's own slug are inline related links and image alt text, not body.
        var slug = VietnameseText.Slug(title).Replace('-', ' ');
        var body = lines.Skip(1)
            .TakeWhile(l => !BlockHeadings.Any(h => l.Equals(h, StringComparison.OrdinalIgnoreCase)))
            .Where(l => !VietnameseText.Fold(l).ToLowerInvariant().StartsWith(slug, StringComparison.Ordinal))
            .ToList();
        return new ArticleInput(Url: url, Title: title, Body: string.Join('\n', body));
    }

    /// <summary>Saved pages come double-encoded and in NFD; what is extracted is neither.</summary>
    private static string Clean(string page) => Mojibake.Repair(page).Normalize(System.Text.NormalizationForm.FormC);

    /// <summary>The paragraphs of the element holding the most paragraph text: a rough readability score.</summary>
    private static List<string> DensestParagraphs(IDocument document)
    {
        var best = document.QuerySelectorAll("p")
            .GroupBy(p => p.ParentElement)
            .Select(g => (Paragraphs: g.Select(p => p.TextContent.Trim()).Where(t => t.Length > 0).ToList(), Length: g.Sum(p => p.TextContent.Length)))
            .OrderByDescending(g => g.Length)
            .FirstOrDefault();
        return best.Paragraphs ?? [];
    }
}
