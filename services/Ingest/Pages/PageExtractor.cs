using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using ContentPipeline.Ingest.Articles;
using ContentPipeline.Text;

namespace ContentPipeline.Ingest.Pages;

/// <summary>What a page held: its own article (article pages), and the teasers of other articles it links to.</summary>
public sealed record ExtractedPage(ArticleInput? Article, IReadOnlyList<ArticleInput> Teasers);

/// <summary>
/// Turns a raw page into articles. HTML: structured data (JSON-LD NewsArticle) first, then OpenGraph and meta, then
/// the page itself (the densest block of paragraphs), so an unseen site still comes out reasonably. Page text: its
/// layout (title first, body until the first block heading).
/// </summary>
public static partial class PageExtractor
{
    /// <summary>Headings that start the blocks after an article's body on Vietnamese news pages.</summary>
    private static readonly string[] BlockHeadings =
        ["Có thể bạn quan tâm", "Ý kiến bạn đọc", "Nên xem", "Tin khác", "Tin liên quan", "Xem thêm", "Bình luận", "Đọc nhiều", "Tin cùng chuyên mục"];

    [GeneratedRegex(@"^\((?:[^)]{2,20})\)\s*[-–—]?\s*")]
    private static partial Regex SourceTag();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"\s+[|–—-]\s+[^|–—-]{2,40}$")]
    private static partial Regex SiteSuffix();

    public static ExtractedPage FromHtml(string html, string url)
    {
        var document = new HtmlParser(new HtmlParserOptions { IsScripting = false }).ParseDocument(Clean(html));
        string? Meta(string key) => StructuredData.Decode(document.QuerySelector($"meta[property='{key}'], meta[name='{key}']")?.GetAttribute("content"));

        var canonical = ArticleIdentity.CanonicalUrl(document.QuerySelector("link[rel='canonical']")?.GetAttribute("href")) ?? url;
        var structured = StructuredData.NewsArticle(document);
        var paragraphs = DensestParagraphs(document);
        // Without structured data, a page is taken for an article only when it has a real run of prose; some sites
        // label their section pages og:type=article, so that label alone only lowers the bar.
        var prose = paragraphs.Count >= 3 ? paragraphs.Sum(p => p.Length) : 0;
        var isArticle = structured is not null || prose > (Meta("og:type") == "article" ? 600 : 1500);
        ArticleInput? article = null;
        if (isArticle)
        {
            var site = Meta("og:site_name");
            var lead = structured?.Description ?? Meta("og:description") ?? Meta("description");
            var body = paragraphs.Where(p => lead is null || !lead.Contains(p, StringComparison.Ordinal)).ToList();
            // A byline printed as the last paragraph ("Hà Thu (tổng hợp)") is the author line, not body.
            var byline = body.Count > 1 && Byline().IsMatch(body[^1]) ? body[^1] : null;
            if (byline is not null) body.RemoveAt(body.Count - 1);
            var title = structured?.Headline ?? Meta("og:title") ?? Collapse(document.QuerySelector("h1")?.TextContent) ?? TitleWithoutSite(document.Title);
            article = new ArticleInput(
                Url: canonical,
                Title: title,
                Lead: lead is null ? null : SourceTag().Replace(lead, ""),
                Body: string.Join('\n', body),
                Category: structured?.Section ?? Meta("article:section") ?? StructuredData.BreadcrumbSection(document),
                Author: structured?.Author ?? (byline is null ? null : ByNote().Replace(byline, "")) ?? AuthorLine(Meta("author") ?? Meta("article:author"), site, canonical),
                PublishedAt: structured?.Published ?? (DateTimeOffset.TryParse(Meta("article:published_time"), out var published) ? published : null),
                Language: document.DocumentElement.GetAttribute("lang"));
        }
        return new ExtractedPage(article, Teasers(document, canonical));
    }

    /// <summary>
    /// Page text as a scraper saves it (the reference page's form): the title first; then the body, where a line that
    /// starts with the page's own slug is an inline related link (slug + the other article's title) or an image (slug
    /// alone, its caption on the next line); the author line last; then the blocks, whose teasers print their title
    /// twice and then their summary.
    /// </summary>
    public static ExtractedPage FromText(string text, string url)
    {
        var lines = Clean(text).Replace("\r\n", "\n").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        if (lines.Count == 0) return new ExtractedPage(null, []);
        var title = lines[0];
        var slug = VietnameseText.Slug(title).Replace('-', ' ');
        var blocksAt = lines.FindIndex(1, l => BlockHeadings.Any(h => l.Equals(h, StringComparison.OrdinalIgnoreCase)));
        if (blocksAt < 0) blocksAt = lines.Count;

        var body = new List<string>();
        var captions = new List<string>();
        var teasers = new List<ArticleInput>();
        var captionNext = false;
        foreach (var line in lines.Skip(1).Take(blocksAt - 1))
        {
            var folded = VietnameseText.Fold(line).ToLowerInvariant();
            if (folded.StartsWith(slug, StringComparison.Ordinal))
            {
                var linked = line[Math.Min(line.Length, slug.Length)..].Trim();
                if (linked.Length == 0) captionNext = true;
                else teasers.Add(new ArticleInput(Id: TeaserId(linked), Title: linked, IsTeaser: true));
                continue;
            }
            if (captionNext || PhotoCredit().IsMatch(line)) captions.Add(line);
            else body.Add(line);
            captionNext = false;
        }
        string? author = null;
        if (body.Count > 1 && NamesOnly().IsMatch(body[^1]))
        {
            author = body[^1];
            body.RemoveAt(body.Count - 1);
        }

        // After the headings: a teaser is its title twice, then its summary.
        var rest = lines.Skip(blocksAt).Where(l => !BlockHeadings.Any(h => l.Equals(h, StringComparison.OrdinalIgnoreCase))).ToList();
        for (var i = 0; i + 1 < rest.Count; i++)
        {
            if (rest[i] != rest[i + 1]) continue;
            var summary = i + 2 < rest.Count && rest[i + 2] != rest[i] && (i + 3 >= rest.Count || rest[i + 2] != rest[i + 3]) ? rest[i + 2] : null;
            teasers.Add(new ArticleInput(Id: TeaserId(rest[i]), Title: rest[i], Lead: summary, IsTeaser: true));
            i += summary is null ? 1 : 2;
        }

        var article = new ArticleInput(Url: url, Title: title, Body: string.Join('\n', body), Author: author, Captions: captions);
        return new ExtractedPage(article, teasers);
    }

    [GeneratedRegex(@"^\p{Lu}[\p{L}\p{M}]*(?:\s+\p{Lu}[\p{L}\p{M}]*){0,4}(?:\s*[-–,]\s*\p{Lu}[\p{L}\p{M}]*(?:\s+\p{Lu}[\p{L}\p{M}]*){0,4}){0,3}(?:\s*\((?:tổng hợp|theo [^)]{2,40})\))?$")]
    private static partial Regex Byline();

    [GeneratedRegex(@"\s*\([^)]*\)$")]
    private static partial Regex ByNote();

    /// <summary>A teaser in page text has no address: its id comes from its title, the same wherever it appears.</summary>
    private static string TeaserId(string title) => "teaser-" + VietnameseText.Slug(title, 100);

    [GeneratedRegex(@"\((?:ảnh|Ảnh|ẢNH)(?: minh họa)?\s*:[^)]*\)\s*$|^(?:Ảnh|ẢNH)\s*:")]
    private static partial Regex PhotoCredit();

    // "Nguyễn Công - Thùy Linh", "Minh Châu": a few capitalised names, joined by dashes or commas, no sentence.
    [GeneratedRegex(@"^\p{Lu}[\p{L}\p{M}]*(?:\s+\p{Lu}[\p{L}\p{M}]*){0,4}(?:\s*[-–,]\s*\p{Lu}[\p{L}\p{M}]*(?:\s+\p{Lu}[\p{L}\p{M}]*){0,4}){0,3}$")]
    private static partial Regex NamesOnly();

    /// <summary>Saved pages come double-encoded and in NFD; what is extracted is neither.</summary>
    private static string Clean(string page) => Mojibake.Repair(page).Normalize(System.Text.NormalizationForm.FormC);

    /// <summary>The paragraphs of the element holding the most paragraph text: a rough readability score.</summary>
    private static List<string> DensestParagraphs(IDocument document)
    {
        var best = document.QuerySelectorAll("p")
            .Where(p => p.Closest("header, footer, nav, aside, form") is null)
            .GroupBy(p => p.ParentElement)
            .Select(g => (Paragraphs: g.Select(p => Collapse(p.TextContent)).OfType<string>().ToList(), Length: g.Sum(p => p.TextContent.Length)))
            .OrderByDescending(g => g.Length)
            .FirstOrDefault();
        return best.Paragraphs ?? [];
    }

    /// <summary>
    /// Links to other articles of the same site whose text reads like a headline, with the summary printed next to
    /// them when there is one: the teasers of list pages, home pages and the blocks around an article.
    /// </summary>
    private static List<ArticleInput> Teasers(IDocument document, string pageUrl)
    {
        var page = new Uri(pageUrl);
        var site = SiteOf(page.Host);
        var teasers = new Dictionary<string, (ArticleInput Teaser, bool InHeading)>(StringComparer.Ordinal);
        foreach (var link in document.QuerySelectorAll("a[href]"))
        {
            // A summary is often a link to the same article: it is the summary, not a headline.
            if (link.Closest(SummarySelector) is not null) continue;
            var title = Collapse(link.GetAttribute("title")) is { } attr && attr.Length > (link.TextContent.Trim().Length) ? attr : Collapse(link.TextContent);
            if (title is null || title.Length < 25 || title.Count(c => c == ' ') < 4) continue;
            if (!Uri.TryCreate(page, link.GetAttribute("href"), out var target) || target.Scheme is not ("http" or "https") || SiteOf(target.Host) != site) continue;
            var url = ArticleIdentity.CanonicalUrl(target.ToString());
            if (url is null || url == pageUrl || !LooksLikeArticle(target)) continue;
            // The same article linked twice (image, headline): the headline wins, else the first.
            var inHeading = link.Closest("h1, h2, h3, h4, h5") is not null;
            if (teasers.TryGetValue(url, out var known) && (known.InHeading || !inHeading)) continue;
            teasers[url] = (new ArticleInput(Url: url, Title: title, Lead: SummaryNear(link, title), IsTeaser: true), inHeading);
        }
        return [.. teasers.Values.Select(t => t.Teaser)];
    }

    /// <summary>Article addresses carry a slug of several words and an id or a page extension; section pages do not.</summary>
    private const string SummarySelector = "p, .sapo, .description, .summary, .lead, .article-excerpt, [data-prop='sapo']";

    private static bool LooksLikeArticle(Uri url)
    {
        var path = url.AbsolutePath;
        var slugged = path.Trim('/').Split('/').Any(segment => segment.Count(c => c == '-') >= 3);
        var marked = path.Any(char.IsDigit) || path.EndsWith(".htm", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".html", StringComparison.OrdinalIgnoreCase);
        return slugged && marked;
    }

    /// <summary>A summary printed with the teaser: the longest paragraph-like text in its nearest enclosing box.</summary>
    private static string? SummaryNear(IElement link, string title)
    {
        var box = link.ParentElement;
        for (var level = 0; level < 3 && box is not null; level++, box = box.ParentElement)
        {
            var summary = box.QuerySelectorAll(SummarySelector)
                .Select(e => Collapse(e.TextContent))
                .Where(t => t is not null && t.Length >= 40 && !t.Contains(title, StringComparison.Ordinal))
                .OrderByDescending(t => t!.Length)
                .FirstOrDefault();
            if (summary is not null) return summary;
            // Past the box of one teaser: a summary found further out belongs to another.
            if (box.QuerySelectorAll("a[href]").Count(a => (a.TextContent.Trim().Length) >= 25) > 2) return null;
        }
        return null;
    }

    /// <summary>Many sites put their own name in the author meta tag; that is not an author line.</summary>
    private static string? AuthorLine(string? author, string? site, string url)
    {
        if (author is null) return null;
        var folded = VietnameseText.Fold(author).Replace(" ", "").ToLowerInvariant();
        var host = SiteOf(new Uri(url).Host).Split('.')[0];
        var isSite = folded.Contains(host, StringComparison.Ordinal) || folded.Contains(".vn") || folded.Contains(".com")
            || (site is not null && VietnameseText.Fold(site).Replace(" ", "").Equals(folded, StringComparison.OrdinalIgnoreCase));
        return isSite ? null : author;
    }

    private static string SiteOf(string host) => host.StartsWith("www.", StringComparison.Ordinal) ? host[4..] : host;

    private static string? Collapse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        return Spaces().Replace(text, " ").Trim();
    }

    private static string? TitleWithoutSite(string? title) => Collapse(title) is { } t ? SiteSuffix().Replace(t, "") : null;
}
