using System.Net;
using System.Text.Json;
using AngleSharp.Dom;

namespace ContentPipeline.Ingest.Pages;

/// <summary>What a page says about itself in JSON-LD (schema.org NewsArticle) — the most reliable source when present.</summary>
public sealed record StructuredArticle(string? Headline, string? Description, DateTimeOffset? Published, string? Author, string? Section)
{
    /// <summary>The first of its images as written (a URL, possibly relative), and that image's caption.</summary>
    public string? Image { get; init; }
    public string? ImageCaption { get; init; }
}

public static class StructuredData
{
    public static StructuredArticle? NewsArticle(IDocument document)
    {
        foreach (var script in document.QuerySelectorAll("script[type='application/ld+json']"))
        {
            JsonElement root;
            try { root = JsonDocument.Parse(script.TextContent, new JsonDocumentOptions { AllowTrailingCommas = true }).RootElement; }
            catch (JsonException) { continue; }
            foreach (var item in Items(root))
            {
                if (!IsType(item, "NewsArticle") && !IsType(item, "Article") && !IsType(item, "ReportageNewsArticle")) continue;
                var image = FirstImage(item);
                return new StructuredArticle(
                    Text(item, "headline"),
                    Text(item, "description"),
                    DateTimeOffset.TryParse(Text(item, "datePublished"), out var published) ? published : null,
                    AuthorName(item),
                    Text(item, "articleSection")?.Split(',')[0].Trim())
                {
                    Image = image.ValueKind == JsonValueKind.String ? Decode(image.GetString()) : Text(image, "url") ?? Text(image, "contentUrl"),
                    ImageCaption = Text(image, "caption"),
                };
            }
        }
        return null;
    }

    /// <summary>The first section of the page's BreadcrumbList after the home page, e.g. "Kinh doanh".</summary>
    public static string? BreadcrumbSection(IDocument document)
    {
        foreach (var script in document.QuerySelectorAll("script[type='application/ld+json']"))
        {
            JsonElement root;
            try { root = JsonDocument.Parse(script.TextContent, new JsonDocumentOptions { AllowTrailingCommas = true }).RootElement; }
            catch (JsonException) { continue; }
            foreach (var item in Items(root).Where(i => IsType(i, "BreadcrumbList")))
            {
                if (!item.TryGetProperty("itemListElement", out var elements) || elements.ValueKind != JsonValueKind.Array) continue;
                var names = elements.EnumerateArray()
                    .Select(e => Text(e, "name") ?? (e.ValueKind == JsonValueKind.Object && e.TryGetProperty("item", out var target) ? Text(target, "name") : null))
                    .Where(n => n is not null && !HomeNames.Contains(n));
                if (names.FirstOrDefault() is { } section) return section;
            }
        }
        return null;
    }

    private static readonly HashSet<string> HomeNames = new(StringComparer.OrdinalIgnoreCase) { "Trang chủ", "Home", "Trang nhất" };

    private static IEnumerable<JsonElement> Items(JsonElement root) => root.ValueKind switch
    {
        JsonValueKind.Array => root.EnumerateArray(),
        JsonValueKind.Object when root.TryGetProperty("@graph", out var graph) && graph.ValueKind == JsonValueKind.Array => graph.EnumerateArray(),
        JsonValueKind.Object => [root],
        _ => [],
    };

    private static bool IsType(JsonElement item, string type) =>
        item.TryGetProperty("@type", out var t) && (t.ValueKind == JsonValueKind.String ? t.GetString() == type : t.ValueKind == JsonValueKind.Array && t.EnumerateArray().Any(x => x.GetString() == type));

    /// <summary>"image" is a URL, an ImageObject, or a list of either (tuoitre lists the same photo in three crops): the first.</summary>
    private static JsonElement FirstImage(JsonElement item)
    {
        if (!item.TryGetProperty("image", out var image)) return default;
        return image.ValueKind == JsonValueKind.Array ? image.EnumerateArray().FirstOrDefault() : image;
    }

    private static string? AuthorName(JsonElement item)
    {
        if (!item.TryGetProperty("author", out var author)) return null;
        var people = author.ValueKind == JsonValueKind.Array ? author.EnumerateArray().ToList() : [author];
        // An organisation as author is the publisher, not an author line.
        var names = people.Where(p => !IsType(p, "Organization"))
            .Select(p => p.ValueKind == JsonValueKind.String ? Decode(p.GetString()) : Text(p, "name"))
            .Where(n => !string.IsNullOrWhiteSpace(n)).ToList();
        return names.Count == 0 ? null : string.Join(", ", names);
    }

    private static string? Text(JsonElement item, string property) =>
        item.ValueKind == JsonValueKind.Object && item.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? Decode(value.GetString()!) : null;

    /// <summary>Some sites escape entities twice ("Chi&amp;#7871;n"): decode until nothing changes.</summary>
    public static string? Decode(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        for (var i = 0; i < 3; i++)
        {
            var decoded = WebUtility.HtmlDecode(text);
            if (decoded == text) break;
            text = decoded;
        }
        return text.Trim();
    }
}
