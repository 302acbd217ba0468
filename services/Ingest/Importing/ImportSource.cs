using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ContentPipeline.Ingest.Articles;
using ContentPipeline.Ingest.Pages;
using ContentPipeline.Text;

namespace ContentPipeline.Ingest.Importing;

/// <summary>One item read from a file: an article, or why it is not one; <see cref="Origin"/> says where ("file.jsonl:7").</summary>
public sealed record ImportItem(string Origin, ArticleInput? Input, string? Error, long Bytes);

/// <summary>
/// Reads files and folders of JSONL/NDJSON (our article format, or the corpus format with "published"), HTML pages
/// and page text, one item at a time.
/// </summary>
public static class ImportSource
{
    public static readonly string[] LineFormats = [".jsonl", ".ndjson"];
    public static readonly string[] PageFormats = [".html", ".htm", ".txt"];

    public static IReadOnlyList<string> Files(string path)
    {
        if (File.Exists(path)) return [Path.GetFullPath(path)];
        if (!Directory.Exists(path)) throw new FileNotFoundException($"Nothing to import at '{path}'.");
        return Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
            .Where(f => LineFormats.Concat(PageFormats).Contains(Path.GetExtension(f).ToLowerInvariant()))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    public static IEnumerable<ImportItem> Read(string file, string root)
    {
        var name = Path.GetRelativePath(root, file);
        var extension = Path.GetExtension(file).ToLowerInvariant();
        if (LineFormats.Contains(extension))
        {
            var number = 0;
            foreach (var line in File.ReadLines(file, Encoding.UTF8))
            {
                number++;
                var bytes = Encoding.UTF8.GetByteCount(line) + 1;
                if (string.IsNullOrWhiteSpace(line)) continue;
                yield return FromJsonLine($"{name}:{number}", line, bytes);
            }
            yield break;
        }

        var page = PageDecoding.Decode(File.ReadAllBytes(file), declaredCharset: null);
        // A page saved to disk has no URL of its own: use its canonical link if it names one, else one made from the file name.
        var fallbackUrl = $"https://import.invalid/{string.Join('/', name.Split(Path.DirectorySeparatorChar).Select(p => VietnameseText.Slug(p)))}";
        var extracted = extension == ".txt" ? PageExtractor.FromText(page, fallbackUrl) : PageExtractor.FromHtml(page, fallbackUrl);
        if (extracted.Article is null && extracted.Teasers.Count == 0)
            yield return new ImportItem(name, null, "No article and no teasers found in the page.", new FileInfo(file).Length);
        if (extracted.Article is not null) yield return new ImportItem(name, extracted.Article, null, new FileInfo(file).Length);
        foreach (var teaser in extracted.Teasers) yield return new ImportItem($"{name} (teaser)", teaser, null, 0);
    }

    private static ImportItem FromJsonLine(string origin, string line, long bytes)
    {
        try
        {
            var json = JsonNode.Parse(line)?.AsObject() ?? throw new JsonException("Expected a JSON object.");
            // The corpus format names the publish time "published".
            if (!json.ContainsKey("publishedAt") && json["published"] is JsonValue published)
            {
                json.Remove("published");
                json["publishedAt"] = published;
            }
            return new ImportItem(origin, json.Deserialize<ArticleInput>(ArticleStore.Json), null, bytes);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            return new ImportItem(origin, null, $"Not a valid JSON article: {ex.Message.Split(" Path:")[0]}", bytes);
        }
    }
}
