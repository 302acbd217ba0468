using System.Globalization;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using ContentPipeline.Ingest.Articles;
using ContentPipeline.Text;

namespace ContentPipeline.Ingest.Pages;

/// <summary>
/// What a page held: its own article (article pages; its <c>LinkedArticles</c> are the inline related links), the
/// teasers of other articles it shows, and which of those stood in a named block ("Tin liên quan", …).
/// </summary>
public sealed record ExtractedPage(ArticleInput? Article, IReadOnlyList<ArticleInput> Teasers, IReadOnlyList<TeaserBlock> Blocks);

/// <summary>A named block of teasers on a page, e.g. "Tin liên quan", in page order.</summary>
public sealed record TeaserBlock(string Name, IReadOnlyList<ArticleInput> Teasers);

/// <summary>
/// Turns a raw page into articles. HTML: structured data (JSON-LD NewsArticle) first, then OpenGraph and meta, then
/// the page itself (the densest block of paragraphs), so an unseen site still comes out reasonably; per-site hints
/// (page-hints.json) fill in what a site does its own way. Page text: see <see cref="FromText"/>.
/// </summary>
public static partial class PageExtractor
{
    // "(Dân trí) -", "(NLĐO)–", "GDVN-": the source's tag in front of a lead.
    [GeneratedRegex(@"^(?:\((?:[^)]{2,20})\)\s*[-–—]?|\p{Lu}{2,8}\s*[-–—])\s*")]
    private static partial Regex SourceTag();

    internal static string WithoutSourceTag(string lead) => SourceTag().Replace(lead, "");

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"\s+[|–—-]\s+[^|–—-]{2,40}$")]
    private static partial Regex SiteSuffix();

    public static ExtractedPage FromHtml(string html, string url, PageHints? hints = null)
    {
        hints ??= PageHints.Default;
        var document = new HtmlParser(new HtmlParserOptions { IsScripting = false }).ParseDocument(Clean(html));
        string? Meta(string key) => StructuredData.Decode(document.QuerySelector($"meta[property='{key}'], meta[name='{key}'], meta[itemprop='{key}']")?.GetAttribute("content"));

        var canonical = ArticleIdentity.CanonicalUrl(document.QuerySelector("link[rel='canonical']")?.GetAttribute("href"))
            ?? ArticleIdentity.CanonicalUrl(Meta("og:url")) ?? url;
        var site = hints.For(new Uri(canonical).Host);
        string? Hinted(string? selector) => selector is null ? null : Collapse(document.QuerySelector(selector)?.TextContent);
        var structured = StructuredData.NewsArticle(document);
        var (bodyBox, paragraphs) = DensestParagraphs(document);
        // Without structured data, a page is taken for an article only when it has a real run of prose; some sites
        // label their section pages og:type=article, so that label alone only lowers the bar.
        var prose = paragraphs.Count >= 3 ? paragraphs.Sum(p => p.Length) : 0;
        var isArticle = structured is not null || prose > (Meta("og:type") == "article" ? 600 : 1500);

        var lead = isArticle ? structured?.Description ?? Meta("og:description") ?? Meta("description") : null;
        var furniture = string.Join(", ", hints.Furniture.Concat(site.Furniture ?? []));
        var teasers = new TeaserCollector(document, canonical, hints, furniture, isArticle ? bodyBox : null, lead).Collect();
        if (!isArticle) return new ExtractedPage(null, teasers.All, teasers.Blocks);

        var body = paragraphs.Where(p => lead is null || !lead.Contains(p, StringComparison.Ordinal)).ToList();
        // A byline printed as the last paragraph ("Hà Thu (tổng hợp)") is the author line, not body.
        var byline = body.Count > 1 && Byline().IsMatch(body[^1]) ? body[^1] : null;
        if (byline is not null) body.RemoveAt(body.Count - 1);
        var inline = teasers.Inline.Concat(InlineLinks(bodyBox, canonical, hints)).Distinct().ToList();
        var image = PageImages.Lead(document, structured, Meta, new Uri(canonical), furniture);
        var article = new ArticleInput(
            Url: canonical,
            Title: structured?.Headline ?? Meta("og:title") ?? Collapse(document.QuerySelector("h1")?.TextContent) ?? TitleWithoutSite(document.Title),
            Lead: lead is null ? null : WithoutSourceTag(lead),
            Body: string.Join('\n', body),
            Category: new[] { structured?.Section, Meta("article:section"), StructuredData.BreadcrumbSection(document), Hinted(site.Section), HtmlBreadcrumb(document) }
                .FirstOrDefault(s => s is not null && !hints.IsGenericSection(s)),
            Author: structured?.Author ?? Hinted(site.Author) ?? MarkedAuthor(document, hints, furniture) ?? (byline is null ? null : ByNote().Replace(byline, ""))
                ?? AuthorLine(Meta("author") ?? Meta("article:author"), Meta("og:site_name"), canonical),
            PublishedAt: structured?.Published ?? Time(Meta("article:published_time")) ?? Time(Meta("datePublished")) ?? Time(Meta("pubdate"))
                ?? Time(document.QuerySelector("time[datetime]")?.GetAttribute("datetime")) ?? Time(Hinted(site.Published)) ?? Time(Collapse(document.QuerySelector("time")?.TextContent)),
            Language: document.DocumentElement.GetAttribute("lang"),
            Captions: Captions(document, furniture),
            LinkedArticles: inline,
            ImageUrl: image?.Url,
            ImageAlt: image?.Alt);
        return new ExtractedPage(article, teasers.All, teasers.Blocks);
    }

    [GeneratedRegex(@"^\p{Lu}[\p{L}\p{M}]*(?:\s+\p{Lu}[\p{L}\p{M}]*){0,4}(?:\s*[-–,]\s*\p{Lu}[\p{L}\p{M}]*(?:\s+\p{Lu}[\p{L}\p{M}]*){0,4}){0,3}(?:\s*\((?:tổng hợp|theo [^)]{2,40})\))?$")]
    private static partial Regex Byline();

    [GeneratedRegex(@"\s*\([^)]*\)$")]
    private static partial Regex ByNote();

    /// <summary>Saved pages come double-encoded and in NFD; what is extracted is neither.</summary>
    private static string Clean(string page) => Mojibake.Repair(page).Normalize(System.Text.NormalizationForm.FormC);

    /// <summary>The element holding the most paragraph text and its paragraphs: a rough readability score.</summary>
    private static (IElement? Box, List<string> Paragraphs) DensestParagraphs(IDocument document)
    {
        var best = document.QuerySelectorAll("p")
            .Where(p => p.Closest("header, footer, nav, aside, form, figcaption, .figcaption") is null)
            .GroupBy(p => p.ParentElement)
            .Select(g => (Box: g.Key, Paragraphs: g.Select(p => Collapse(p.TextContent)).OfType<string>().ToList(), Length: g.Sum(p => p.TextContent.Length)))
            .OrderByDescending(g => g.Length)
            .FirstOrDefault();
        return (best.Box, best.Paragraphs ?? []);
    }

    /// <summary>Image captions with their credits, in page order; figures in site furniture are not the article's.</summary>
    private static List<string> Captions(IDocument document, string furniture) =>
        document.QuerySelectorAll("figcaption, .figcaption")
            .Where(c => c.Closest(furniture) is null && c.ParentElement?.Closest("figcaption, .figcaption") is null)
            .Select(c => Collapse(c.TextContent)).OfType<string>().Distinct().ToList();

    /// <summary>Links inside the body paragraphs to other articles of the site, whatever their anchor text.</summary>
    private static IEnumerable<string> InlineLinks(IElement? bodyBox, string pageUrl, PageHints hints)
    {
        if (bodyBox is null) yield break;
        var page = new Uri(pageUrl);
        foreach (var link in bodyBox.QuerySelectorAll("p a[href]"))
        {
            if (ArticleLink(page, link.GetAttribute("href"), hints) is { } url && url != pageUrl) yield return url;
        }
    }

    /// <summary>The canonical URL of a link when it points at an article of the same site, else null.</summary>
    internal static string? ArticleLink(Uri page, string? href, PageHints hints)
    {
        if (!Uri.TryCreate(page, href, out var target) || target.Scheme is not ("http" or "https") || SiteOf(target.Host) != SiteOf(page.Host)) return null;
        var path = target.AbsolutePath;
        var segments = path.Trim('/').Split('/');
        if (segments.Length > 1 && hints.NonArticleSections.Contains(segments[0], StringComparer.OrdinalIgnoreCase)) return null;
        // Article addresses carry a slug of several words and an id; some sites (laodongthudo.vn) give no id, but then
        // the slug is the whole headline, far longer than a section's or topic's name ("chien-tranh-iran-israel.html").
        var words = segments.Max(segment => segment.Count(c => c == '-')) + 1;
        var numbered = path.Any(char.IsDigit);
        var htmlPage = path.EndsWith(".htm", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".html", StringComparison.OrdinalIgnoreCase);
        return (numbered && words >= 4) || (htmlPage && words >= 7) ? ArticleIdentity.CanonicalUrl(target.ToString()) : null;
    }

    private static string? HtmlBreadcrumb(IDocument document) =>
        document.QuerySelectorAll("[class*='breadcrumb'] a, [itemtype*='BreadcrumbList'] a")
            .Select(a => Collapse(a.TextContent)).FirstOrDefault(t => t is { Length: > 1 and < 40 } && t is not ("Trang chủ" or "Home"));

    [GeneratedRegex(@"(?<h>\d{1,2})[:h](?<m>\d{2})(?:\s*[-,|]?\s*(?:[\p{L}\s,]+\s)?)(?<d>\d{1,2})/(?<mo>\d{1,2})/(?<y>\d{4})|(?<d>\d{1,2})/(?<mo>\d{1,2})/(?<y>\d{4})(?:\s*[-,|]?\s*(?<h>\d{1,2})[:h](?<m>\d{2}))?")]
    private static partial Regex VietnameseTime();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}")]
    private static partial Regex IsoDate();

    /// <summary>ISO 8601, or the way Vietnamese sites print it ("17:26 - 18/01/2016", "18/01/2016 17:26"), in Vietnam's time zone.</summary>
    private static DateTimeOffset? Time(string? text)
    {
        if (text is null) return null;
        if (IsoDate().IsMatch(text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var iso)) return iso;
        var match = VietnameseTime().Match(text);
        if (!match.Success) return null;
        int Part(string name) => match.Groups[name].Success ? int.Parse(match.Groups[name].Value, CultureInfo.InvariantCulture) : 0;
        try { return new DateTimeOffset(Part("y"), Part("mo"), Part("d"), Part("h"), Part("m"), 0, VietnameseText.VietnamTime); }
        catch (ArgumentOutOfRangeException) { return null; }
    }

    /// <summary>An author the page marks up as one (data-role, rel, itemprop, class), outside comments and other furniture.</summary>
    private static string? MarkedAuthor(IDocument document, PageHints hints, string furniture) =>
        document.QuerySelectorAll(hints.AuthorSelectors).Where(e => e.Closest(furniture) is null)
            .Select(e => Collapse(e.TextContent)).FirstOrDefault(t => t is { Length: >= 2 and <= 60 });

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

    internal static string SiteOf(string host) => host.StartsWith("www.", StringComparison.Ordinal) ? host[4..] : host;

    internal static string? Collapse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        return Spaces().Replace(text, " ").Trim();
    }

    private static string? TitleWithoutSite(string? title) => Collapse(title) is { } t ? SiteSuffix().Replace(t, "") : null;
}
