using System.Text.Json;
using ContentPipeline.Text;

namespace ContentPipeline.Ingest.Pages;

/// <summary>What one site does its own way: CSS selectors for what the generic rules miss there. All optional.</summary>
public sealed record SiteHints(string? Section = null, string? Published = null, string? Author = null, string? InlineLinks = null, string[]? Furniture = null);

/// <summary>
/// The data extraction reads besides the page (page-hints.json, shipped inside the service): the names of teaser blocks,
/// what counts as site furniture, and per-site hints. Data, not code, so a new site is an entry, never a release.
/// </summary>
public sealed record PageHints(
    string[] BlockHeadings,
    string[] FurnitureBlocks,
    string[] Furniture,
    string[] NonArticleSections,
    string AuthorSelectors,
    string[] GenericSections,
    Dictionary<string, SiteHints> Sites)
{
    public static PageHints Default { get; } = Load();

    /// <summary>The hints for a host ("www." ignored), empty when the site has none.</summary>
    public SiteHints For(string host) => Sites.GetValueOrDefault(PageExtractor.SiteOf(host)) ?? new SiteHints();

    /// <summary>The block heading <paramref name="text"/> names, compared without case or accents, or null.</summary>
    public string? BlockNamed(string text) => Named(BlockHeadings, text);

    public bool IsFurnitureBlock(string text) => Named(FurnitureBlocks, text) is not null;

    public bool IsGenericSection(string section) => GenericSections.Any(g => g.Equals(section, StringComparison.OrdinalIgnoreCase));

    /// <summary>A heading names a block when it is the block's name, perhaps followed by the site's brand ("Rao vặt Plus").</summary>
    private static string? Named(string[] names, string text)
    {
        var folded = VietnameseText.Fold(text).ToLowerInvariant().Trim(' ', ':', '»', '›');
        return names.FirstOrDefault(n =>
        {
            var name = VietnameseText.Fold(n).ToLowerInvariant();
            return folded == name || (folded.StartsWith(name + " ", StringComparison.Ordinal) && folded.Length <= name.Length + 12);
        });
    }

    private static PageHints Load()
    {
        using var stream = typeof(PageHints).Assembly.GetManifestResourceStream("ContentPipeline.Ingest.Pages.page-hints.json")
            ?? throw new InvalidOperationException("page-hints.json is not embedded in the ingest assembly.");
        return JsonSerializer.Deserialize<PageHints>(stream, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
    }
}
