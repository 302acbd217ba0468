using System.Text.Json;
using ContentPipeline.Contracts;
using ContentPipeline.Enrichment.Understanding;
using ContentPipeline.Testing;

namespace ContentPipeline.Enrichment.Tests.Understanding;

/// <summary>Enrichers for tests: fresh ones, and one that has read all of unc_dantri (built once, shared).</summary>
public static class Enrichers
{
    /// <summary>The language models load once per test run: they are read-only.</summary>
    public static readonly LanguageDetection Languages = new(["vi", "en"]);

    public static ArticleEnricher Fresh() => new(new CorpusStatistics(), new StoryIndex(), Languages);

    private static readonly Lazy<ArticleEnricher> TrainedOnDantri = new(() =>
    {
        var enricher = Fresh();
        foreach (var (id, content) in Dantri()) enricher.Enrich(id, content);
        return enricher;
    });

    /// <summary>An enricher whose corpus statistics and stories hold every unc_dantri article, with its section.</summary>
    public static ArticleEnricher Dantri(out IReadOnlyList<(string Id, ArticleContent Content)> articles)
    {
        articles = Dantri();
        return TrainedOnDantri.Value;
    }

    private static List<(string Id, ArticleContent Content)>? _dantri;

    public static List<(string Id, ArticleContent Content)> Dantri() => _dantri ??= [.. File.ReadLines(SharedData.File("corpus", "unc_dantri.jsonl"))
        .Select(line => JsonDocument.Parse(line).RootElement)
        .Select(e => (e.GetProperty("id").GetString()!, new ArticleContent
        {
            // Most corpus articles have no headline; ingest then uses the start of the body, and so do we.
            Title = e.GetProperty("title").GetString() ?? FirstLine(e.GetProperty("body").GetString()!),
            Lead = e.GetProperty("lead").GetString(),
            Body = e.GetProperty("body").GetString()!,
            Category = e.GetProperty("category").GetString(),
        }))];

    private static List<(string Id, ArticleContent Content, string? DuplicateOf)>? _vnexpress;

    /// <summary>vnexpress_title_sapo_train: headlines with their sapo, no body; some repeat an earlier record (<c>duplicate_of</c>).</summary>
    public static List<(string Id, ArticleContent Content, string? DuplicateOf)> VnExpress() => _vnexpress ??= [.. File.ReadLines(SharedData.File("corpus", "vnexpress_title_sapo_train.jsonl"))
        .Select(line => JsonDocument.Parse(line).RootElement)
        .Select(e => (e.GetProperty("id").GetString()!, new ArticleContent
        {
            Title = e.GetProperty("title").GetString()!,
            Lead = e.GetProperty("lead").GetString(),
            Body = "",
            Category = e.GetProperty("category").GetString(),
        }, e.GetProperty("duplicate_of").GetString()))];

    private static string FirstLine(string body)
    {
        var line = body.Split('\n', 2)[0];
        return line.Length <= 160 ? line : line[..160];
    }

    /// <summary>The reference page as ingest stores it: the title, and the body without the slug-prefixed link lines.</summary>
    public static ArticleContent ReferencePage()
    {
        var lines = File.ReadAllLines(SharedData.File("seed", "laodongthudo_hdnd_page.txt")).Where(l => l.Trim().Length > 0).ToList();
        var end = lines.FindIndex(l => l.Trim() == "Có thể bạn quan tâm");
        var body = lines.Take(end).Skip(1).Where(l => !l.StartsWith("lan toa sau rong cach lam hieu qua cua hdnd cac cap", StringComparison.Ordinal));
        return new ArticleContent { Title = lines[0], Body = string.Join('\n', body) };
    }
}
