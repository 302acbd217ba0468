using System.Diagnostics;
using ContentPipeline.Search.LuceneEngine;
using Microsoft.Extensions.Logging.Abstractions;

using ContentPipeline.Bench;

namespace ContentPipeline.Search.Bench;

/// <summary>
/// Near-real-time search on the embedded engine: how long from an article's write until a search finds it, on an
/// index that already holds a corpus, one write at a time (as the index consumer writes). The baseline in the same
/// run is the same search on the same index without a write before it.
/// </summary>
internal static class NearRealTime
{
    public static async Task RunAsync(string corpusFile)
    {
        const int Writes = 500;
        var articles = BenchCorpus.Load(corpusFile);
        var folder = Directory.CreateTempSubdirectory("search-bench-").FullName;
        var index = new LuceneArticleIndex(folder, NullLogger<LuceneArticleIndex>.Instance);
        await Task.WhenAll(articles.Select(a => index.UpsertAsync(a.Id, 1, a.Enriched, default)));
        Console.WriteLine($"{articles.Count:N0} articles indexed from {corpusFile}; {Writes} writes measured one at a time");

        var visible = new List<double>();
        var searchOnly = new List<double>();
        for (var i = 0; i < Writes; i++)
        {
            var source = articles[i % articles.Count];
            var (id, article) = (source.Id, source.Enriched);
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
        Console.WriteLine($"| search alone (baseline) | {ClosedLoop.P(searchOnly, 50):F1} ms | {ClosedLoop.P(searchOnly, 99):F1} ms | {searchOnly.Max():F1} ms |");
        Console.WriteLine($"| write, then search finds it | {ClosedLoop.P(visible, 50):F1} ms | {ClosedLoop.P(visible, 99):F1} ms | {visible.Max():F1} ms |");
        index.Dispose();  // before the folder goes: Lucene may still be merging into it
        Directory.Delete(folder, true);
    }
}
