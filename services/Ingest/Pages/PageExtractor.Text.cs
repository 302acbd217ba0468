using System.Text.RegularExpressions;
using ContentPipeline.Ingest.Articles;
using ContentPipeline.Text;

namespace ContentPipeline.Ingest.Pages;

public static partial class PageExtractor
{
    /// <summary>
    /// Page text as a scraper saves it (the reference page's form): the title first; then the body, where a line that
    /// starts with the page's own slug is an inline related link (slug + the other article's title) or an image (slug
    /// alone, its caption on the next line); the author line last; then the blocks, each a heading line followed by
    /// teasers that print their title twice and then their summary.
    /// </summary>
    public static ExtractedPage FromText(string text, string url, PageHints? hints = null)
    {
        hints ??= PageHints.Default;
        var lines = Clean(text).Replace("\r\n", "\n").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        if (lines.Count == 0) return new ExtractedPage(null, [], []);
        var title = lines[0];
        var slug = VietnameseText.Slug(title).Replace('-', ' ');
        bool IsHeading(string line) => hints.BlockNamed(line) is not null || hints.IsFurnitureBlock(line);
        var blocksAt = lines.FindIndex(1, IsHeading);
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
        var inline = teasers.Select(t => t.Id!).ToList();
        string? author = null;
        if (body.Count > 1 && NamesOnly().IsMatch(body[^1]))
        {
            author = body[^1];
            body.RemoveAt(body.Count - 1);
        }

        // After the body: a heading names a block; a teaser is its title twice, then its summary.
        // Under a furniture heading ("Ý kiến bạn đọc": comments) nothing is a teaser.
        var blocks = new List<(string Name, List<ArticleInput> Teasers)>();
        var inFurniture = false;
        var rest = lines.Skip(blocksAt).ToList();
        for (var i = 0; i < rest.Count; i++)
        {
            if (IsHeading(rest[i]))
            {
                inFurniture = hints.IsFurnitureBlock(rest[i]);
                if (!inFurniture) blocks.Add((hints.BlockNamed(rest[i])!, []));
                continue;
            }
            if (inFurniture || i + 1 >= rest.Count || rest[i] != rest[i + 1]) continue;
            var summary = i + 2 < rest.Count && rest[i + 2] != rest[i] && !IsHeading(rest[i + 2])
                && (i + 3 >= rest.Count || rest[i + 2] != rest[i + 3]) ? rest[i + 2] : null;
            var teaser = new ArticleInput(Id: TeaserId(rest[i]), Title: rest[i], Lead: summary, IsTeaser: true);
            teasers.Add(teaser);
            if (blocks.Count > 0) blocks[^1].Teasers.Add(teaser);
            i += summary is null ? 1 : 2;
        }

        var article = new ArticleInput(Url: url, Title: title, Body: string.Join('\n', body), Author: author, Captions: captions, LinkedArticles: inline);
        return new ExtractedPage(article, teasers, [.. blocks.Where(b => b.Teasers.Count > 0).Select(b => new TeaserBlock(b.Name, b.Teasers))]);
    }

    /// <summary>A teaser in page text has no address: its id comes from its title, the same wherever it appears.</summary>
    private static string TeaserId(string title) => "teaser-" + VietnameseText.Slug(title, 100);

    [GeneratedRegex(@"\((?:ảnh|Ảnh|ẢNH)(?: minh họa)?\s*:[^)]*\)\s*$|^(?:Ảnh|ẢNH)\s*:")]
    private static partial Regex PhotoCredit();

    // "Nguyễn Công - Thùy Linh", "Minh Châu": a few capitalised names, joined by dashes or commas, no sentence.
    [GeneratedRegex(@"^\p{Lu}[\p{L}\p{M}]*(?:\s+\p{Lu}[\p{L}\p{M}]*){0,4}(?:\s*[-–,]\s*\p{Lu}[\p{L}\p{M}]*(?:\s+\p{Lu}[\p{L}\p{M}]*){0,4}){0,3}$")]
    private static partial Regex NamesOnly();
}
