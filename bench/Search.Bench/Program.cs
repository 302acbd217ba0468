using System.Diagnostics;
using System.Text.Json;
using ContentPipeline.Contracts;
using ContentPipeline.Enrichment.Understanding;
using ContentPipeline.Search;
using ContentPipeline.Search.LuceneEngine;
using Microsoft.Extensions.Logging.Abstractions;

// Near-real-time search on the embedded engine: how long from an article's write until a search finds it, on an
// index that already holds unc_dantri, one write at a time (as the index consumer writes). The baseline in the same
// run is the same search on the same index without a write before it.
// Usage: dotnet run -c Release --project bench/Search.Bench [-- path/to/unc_dantri.jsonl]
const int Writes = 500;
var path = args.FirstOrDefault() ?? FindCorpus();
var enricher = new ArticleEnricher(new CorpusStatistics(), new StoryIndex(), new LanguageDetection(["vi"]));
var articles = File.ReadLines(path).Select(line => JsonDocument.Parse(line).RootElement).Select(e =>
{
    var body = e.GetProperty("body").GetString()!;
    var id = e.GetProperty("id").GetString()!;
    return (Id: id, Article: enricher.Enrich(id, new ArticleContent
    {
        Title = e.GetProperty("title").GetString() ?? body.Split('\n', 2)[0],
        Lead = e.GetProperty("lead").GetString(),
        Body = body,
        Category = e.GetProperty("category").GetString(),
    }).Article);
}).ToList();

var folder = Directory.CreateTempSubdirectory("search-bench-").FullName;
var index = new LuceneArticleIndex(folder, NullLogger<LuceneArticleIndex>.Instance);
await Task.WhenAll(articles.Select(a => index.UpsertAsync(a.Id, 1, a.Article, default)));
Console.WriteLine($"{articles.Count:N0} articles indexed from {path}; {Writes} writes measured one at a time");

var visible = new List<double>();
var searchOnly = new List<double>();
for (var i = 0; i < Writes; i++)
{
    var (id, article) = articles[i % articles.Count];
    var marker = $"nrtprobe{i}";
    var probe = article with { NormalizedTitle = $"{article.NormalizedTitle} {marker}" };
    var clock = Stopwatch.StartNew();
    await index.UpsertAsync($"{id}-probe-{i}", 1, probe, default);
    var found = await index.SearchAsync(new SearchQuery { Text = marker, Size = 1 }, default);
    visible.Add(clock.Elapsed.TotalMilliseconds);
    if (found.Items.Count != 1) throw new InvalidOperationException($"{marker} was not searchable right after its write");

    clock.Restart();
    await index.SearchAsync(new SearchQuery { Text = marker, Size = 1 }, default);
    searchOnly.Add(clock.Elapsed.TotalMilliseconds);
}

Console.WriteLine();
Console.WriteLine("| path (embedded Lucene) | p50 | p99 | max |");
Console.WriteLine("| --- | ---: | ---: | ---: |");
Console.WriteLine($"| search alone (baseline) | {P(searchOnly, 50):F1} ms | {P(searchOnly, 99):F1} ms | {searchOnly.Max():F1} ms |");
Console.WriteLine($"| write, then search finds it | {P(visible, 50):F1} ms | {P(visible, 99):F1} ms | {visible.Max():F1} ms |");
index.Dispose();  // before the folder goes: Lucene may still be merging into it
Directory.Delete(folder, true);

static double P(List<double> values, int percentile)
{
    var sorted = values.Order().ToList();
    return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1)];
}

static string FindCorpus()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        var candidate = Path.Combine(dir.FullName, "shared", "data", "corpus", "unc_dantri.jsonl");
        if (File.Exists(candidate)) return candidate;
    }
    throw new FileNotFoundException("unc_dantri.jsonl not found; pass its path as the first argument.");
}
