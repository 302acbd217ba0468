using System.Text.Json;
using ContentPipeline.Contracts;
using ContentPipeline.Enrichment.Understanding;

namespace ContentPipeline.Bench;

/// <summary>One record of a corpus file, and the same article as enrichment hands it to the index.</summary>
internal sealed record BenchArticle(string Id, string? Title, string? Lead, string Body, string? Category, string Group, EnrichedArticle Enriched)
{
    /// <summary>The title the index shows: the record's own, or its first line when the corpus gave none (as ingest derives one).</summary>
    public string IndexedTitle => Enriched.Content.Title;
}

internal static class BenchCorpus
{
    /// <summary>
    /// Reads a corpus in ../shared/data/corpus and enriches every record, in order, the way the pipeline does; with
    /// <paramref name="withholdCategory"/> the engine never sees a record's category (it stays on the record, to judge by).
    /// A record marked as repeating an earlier one ("duplicate_of") shares that one's group: finding either is finding it.
    /// </summary>
    public static List<BenchArticle> Load(string file, bool withholdCategory = false)
    {
        var enricher = new ArticleEnricher(new CorpusStatistics(), new StoryIndex(), new LanguageDetection(["vi"]));
        return File.ReadLines(Find(file)).Select(line => JsonDocument.Parse(line).RootElement).Select(e =>
        {
            var id = e.GetProperty("id").GetString()!;
            var title = Text(e, "title");
            var lead = Text(e, "lead");
            var body = Text(e, "body") ?? "";
            var category = Text(e, "category");
            var enriched = enricher.Enrich(id, new ArticleContent
            {
                Title = title ?? body.Split('\n', 2)[0],
                Lead = lead,
                Body = body,
                Category = withholdCategory ? null : category,
            }).Article;
            return new BenchArticle(id, title, lead, body, category, Text(e, "duplicate_of") ?? id, enriched);
        }).ToList();
    }

    private static string? Text(JsonElement record, string name) =>
        record.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>The path given, or the file in the nearest shared/data/corpus above the bench's folder.</summary>
    public static string Find(string file)
    {
        if (File.Exists(file)) return file;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data", "corpus", file);
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException($"{file} not found under any shared/data/corpus above the bench; pass its path.");
    }
}
