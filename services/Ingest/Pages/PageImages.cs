using System.Text.RegularExpressions;
using AngleSharp.Dom;
using ContentPipeline.Contracts;

namespace ContentPipeline.Ingest.Pages;

/// <summary>An image as a page names it: an absolute http(s) URL and, when the page says, what it shows.</summary>
public sealed record PageImage(string Url, string? Alt);

/// <summary>
/// The images a page gives its articles: the article's lead image (what sites themselves put in link previews) and the
/// thumbnails next to teasers.
/// </summary>
internal static partial class PageImages
{
    /// <summary>
    /// JSON-LD's image first, then OpenGraph's and Twitter's (what the site chose for previews), then the first figure
    /// of the article outside site furniture.
    /// </summary>
    public static PageImage? Lead(IDocument document, StructuredArticle? structured, Func<string, string?> meta, Uri page, string furniture)
    {
        var alt = Describe(meta("og:image:alt") ?? meta("twitter:image:alt"));
        if (Absolute(page, structured?.Image) is { } described) return new(described, Describe(structured!.ImageCaption) ?? alt);
        foreach (var key in (string[])["og:image:secure_url", "og:image", "twitter:image"])
            if (Absolute(page, meta(key)) is { } preview) return new(preview, alt);
        return document.QuerySelectorAll("figure img, .figure img, picture img")
            .Where(img => OfTheArticle(img, furniture))
            .Select(img => Source(page, img) is { } url ? new PageImage(url, Describe(img.GetAttribute("alt"))) : null)
            .FirstOrDefault(found => found is not null);
    }

    /// <summary>Not in furniture nor aside; a site's header holds its logo, an article's own header (inside &lt;article&gt;) may hold its photo.</summary>
    private static bool OfTheArticle(IElement img, string furniture) =>
        img.Closest(furniture) is null && img.Closest("aside") is null
        && (img.Closest("header") is not { } header || header.Closest("article") is not null);

    /// <summary>
    /// The thumbnail shown with each article a page links to, by the article's canonical URL: the first image inside a
    /// link to it (a teaser's picture is a link of its own, next to the headline's).
    /// </summary>
    public static Dictionary<string, PageImage> Thumbnails(IDocument document, Uri page, PageHints hints, string furniture)
    {
        var found = new Dictionary<string, PageImage>(StringComparer.Ordinal);
        foreach (var img in document.QuerySelectorAll("a[href] img"))
        {
            if (img.Closest(furniture) is not null || img.Closest("a[href]") is not { } link) continue;
            if (PageExtractor.ArticleLink(page, link.GetAttribute("href"), hints) is not { } article || found.ContainsKey(article)) continue;
            if (Source(page, img) is { } url) found[article] = new PageImage(url, Describe(img.GetAttribute("alt")));
        }
        return found;
    }

    /// <summary>
    /// Where an img's picture really is: lazy-loading sites put it in data-src or data-original and a blank
    /// placeholder (a data: URI) in src.
    /// </summary>
    private static string? Source(Uri page, IElement img) =>
        new[] { "data-src", "data-original", "data-lazy-src", "src" }.Select(a => Absolute(page, img.GetAttribute(a))).FirstOrDefault(u => u is not null);

    /// <summary>An absolute http(s) URL, resolved against the page; vector images are logos and icons, not photos.</summary>
    internal static string? Absolute(Uri page, string? href)
    {
        if (string.IsNullOrWhiteSpace(href) || !Uri.TryCreate(page, href.Trim(), out var url) || url.Scheme is not ("http" or "https")) return null;
        var absolute = url.AbsoluteUri;
        return absolute.Length > ArticleRules.MaxUrlLength || url.AbsolutePath.EndsWith(".svg", StringComparison.OrdinalIgnoreCase) ? null : absolute;
    }

    // "… - Ảnh 1.": the number sites append to a photo's alt text says nothing about the photo.
    [GeneratedRegex(@"\s*[-–]\s*Ảnh\s*\d+\.?$")]
    private static partial Regex PhotoNumber();

    private static string? Describe(string? alt)
    {
        var text = PageExtractor.Collapse(StructuredData.Decode(alt));
        if (text is null) return null;
        text = PhotoNumber().Replace(text, "");
        return text.Length is 0 or > ArticleRules.MaxImageAltChars ? null : text;
    }
}
