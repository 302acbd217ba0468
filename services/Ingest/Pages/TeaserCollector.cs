using AngleSharp.Dom;
using ContentPipeline.Ingest.Articles;

namespace ContentPipeline.Ingest.Pages;

/// <summary>
/// Finds the teasers of an HTML page: links to other articles of the same site whose text reads like a headline, with
/// the summary printed next to them. Links in site furniture (menus, footers, share bars, comments, promo blocks) are
/// not teasers; links inside the article's own body are its inline related links; a teaser under a named heading
/// ("Tin liên quan") belongs to that block.
/// </summary>
internal sealed class TeaserCollector(IDocument document, string pageUrl, PageHints hints, string furniture, IElement? bodyBox, string? lead)
{
    private const string SummarySelector = "p, .sapo, .description, .summary, .lead, .article-excerpt, [data-prop='sapo']";

    private readonly Uri _page = new(pageUrl);
    private readonly string? _inlineSelector = hints.For(new Uri(pageUrl).Host).InlineLinks;

    public sealed record Found(IReadOnlyList<ArticleInput> All, IReadOnlyList<TeaserBlock> Blocks, IReadOnlyList<string> Inline);

    public Found Collect()
    {
        var headings = BlockHeadings();
        var sections = SectionNames();
        var teasers = new Dictionary<string, (ArticleInput Teaser, bool InHeading)>(StringComparer.Ordinal);
        var blocks = new Dictionary<string, List<string>>();
        var inline = new List<string>();
        var thumbnails = PageImages.Thumbnails(document, _page, hints, furniture);
        foreach (var link in document.QuerySelectorAll("a[href]"))
        {
            // The block a link stands in: the nearest heading before it whose box holds it. Promo blocks are furniture.
            var block = headings.LastOrDefault(h => h.Box.Contains(link) && h.Element.CompareDocumentPosition(link).HasFlag(DocumentPositions.Following));
            if (link.Closest(furniture) is not null || block is { Furniture: true }) continue;
            // A summary is often a link to the same article: it is the summary, not a headline.
            if (link.Closest(SummarySelector) is not null && !IsInline(link)) continue;
            // A link holding a title element and more (a comment, a date) is titled by that element alone.
            var text = PageExtractor.Collapse((link.QuerySelector("h1, h2, h3, h4, h5, h6, [class*='title']") ?? link).TextContent);
            var title = PageExtractor.Collapse(link.GetAttribute("title")) is { } attr && attr.Length > (text?.Length ?? 0) ? attr : text;
            if (title is null || title.Length < 25 || title.Count(c => c == ' ') < 4 || title.StartsWith('#')) continue;
            var url = PageExtractor.ArticleLink(_page, link.GetAttribute("href"), hints);
            if (url is null || url == pageUrl) continue;

            var isInline = IsInline(link);
            if (isInline && !inline.Contains(url)) inline.Add(url);
            if (block is not null)
            {
                var members = blocks.TryGetValue(block.Name, out var list) ? list : blocks[block.Name] = [];
                if (!members.Contains(url)) members.Add(url);
            }
            // The same article linked twice (image, headline): the headline wins, else the first.
            var inHeading = link.Closest("h1, h2, h3, h4, h5, h6") is not null;
            if (teasers.TryGetValue(url, out var known) && (known.InHeading || !inHeading)) continue;
            var section = new Uri(url).AbsolutePath.Trim('/').Split('/') is { Length: > 1 } segments ? sections.GetValueOrDefault(segments[0]) : null;
            var thumbnail = thumbnails.GetValueOrDefault(url);
            teasers[url] = (new ArticleInput(Url: url, Title: title, Lead: isInline ? null : SummaryNear(link, url, title), Category: section, IsTeaser: true,
                ImageUrl: thumbnail?.Url, ImageAlt: thumbnail?.Alt), inHeading);
        }
        var byUrl = teasers.ToDictionary(t => t.Key, t => t.Value.Teaser);
        return new Found(
            [.. byUrl.Values],
            [.. blocks.Select(b => new TeaserBlock(b.Key, [.. b.Value.Select(u => byUrl[u])]))],
            inline);
    }

    /// <summary>
    /// Section names by their address, read from the site's own menu links ("/xa-hoi" → "Xã hội"), so a teaser whose
    /// address starts with a section ("laodong.vn/xa-hoi/…") gets that section's name as the site writes it.
    /// </summary>
    private Dictionary<string, string> SectionNames()
    {
        var names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var link in document.QuerySelectorAll("a[href]"))
        {
            if (!Uri.TryCreate(_page, link.GetAttribute("href"), out var target) || PageExtractor.SiteOf(target.Host) != PageExtractor.SiteOf(_page.Host)) continue;
            var segments = target.AbsolutePath.Trim('/').Split('/');
            var name = PageExtractor.Collapse(link.TextContent);
            if (segments.Length != 1 || segments[0].Length == 0 || name is not { Length: >= 2 and <= 30 } || name.Any(char.IsDigit)) continue;
            names.TryAdd(Path.GetFileNameWithoutExtension(segments[0]), name);
        }
        return names;
    }

    private bool IsInline(IElement link) =>
        (bodyBox is not null && bodyBox.Contains(link)) || (_inlineSelector is not null && link.Matches(_inlineSelector));

    private sealed record BlockHeading(string Name, IElement Element, IElement Box, bool Furniture);

    /// <summary>
    /// Short texts naming a block ("Tin liên quan", "Rao vặt Plus"), each with its box: the nearest ancestor that also
    /// holds article links, but not the article body (a heading is then about the body's neighbours, not the body).
    /// </summary>
    private List<BlockHeading> BlockHeadings()
    {
        var found = new List<BlockHeading>();
        foreach (var element in document.Body?.QuerySelectorAll("*") ?? Enumerable.Empty<IElement>())
        {
            if (element.Children.Length > 1 || element.TextContent.Length > 60 || element.Closest(furniture) is not null) continue;
            var text = PageExtractor.Collapse(element.TextContent);
            if (text is null || text.Length > 40) continue;
            var furnitureBlock = hints.IsFurnitureBlock(text);
            var name = furnitureBlock ? text : hints.BlockNamed(text);
            // Only the innermost element carrying the text counts (a span inside a div says it once).
            if (name is null || element.Children.Any(c => PageExtractor.Collapse(c.TextContent) == text)) continue;
            var box = element.ParentElement;
            for (var level = 0; box is not null && level < 6; level++, box = box.ParentElement)
            {
                if (bodyBox is not null && box.Contains(bodyBox)) { box = null; break; }
                if (box.QuerySelectorAll("a[href]").Any(a => !element.Contains(a) && PageExtractor.ArticleLink(_page, a.GetAttribute("href"), hints) is not null)) break;
            }
            if (box is not null) found.Add(new BlockHeading(name, element, box, furnitureBlock));
        }
        return found;
    }

    /// <summary>
    /// A summary printed with the teaser: the nearest paragraph-like text after its headline with no other article's
    /// link in between, within a few levels of the link. Reading in page order copes with sites whose teaser boxes are
    /// nested in one another; reading backwards would take the summary of the teaser before.
    /// </summary>
    private string? SummaryNear(IElement link, string url, string title)
    {
        var box = link.ParentElement;
        for (var level = 0; level < 3 && box is not null && (bodyBox is null || !box.Contains(bodyBox)); level++, box = box.ParentElement)
        {
            var inOrder = box.QuerySelectorAll($"{SummarySelector}, a[href]").ToList();
            var at = inOrder.IndexOf(link);
            if (at < 0) continue;
            foreach (var element in inOrder.Skip(at + 1))
            {
                // Some sites make the summary a link to the article too (dantri's data-prop="sapo").
                var isSummary = element.Matches(SummarySelector) && !element.Contains(link);
                if (!isSummary && element.LocalName == "a" && PageExtractor.ArticleLink(_page, element.GetAttribute("href"), hints) is { } other && other != url) break;
                if (!isSummary) continue;
                var text = PageExtractor.Collapse(element.TextContent);
                if (text is { Length: >= 40 } && !text.Contains(title, StringComparison.Ordinal) && (lead is null || !lead.Contains(text, StringComparison.Ordinal)))
                    return PageExtractor.WithoutSourceTag(text);
            }
        }
        return null;
    }
}
