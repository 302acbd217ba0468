using System.Diagnostics;
using ContentPipeline.Bench;
using ContentPipeline.Recommendation.Related;
using ContentPipeline.Search.LuceneEngine;
using Microsoft.Extensions.Logging.Abstractions;

namespace ContentPipeline.Recommendation.Bench;

/// <summary>
/// What one related list costs to compute (the work a new article's event starts, six times: its own list and five
/// neighbours'), on the corpus as it is and copied under new ids up to a larger size, in the same run; one list at a
/// time, as the queue computes them. Bounded: a fixed number of lists per size.
/// </summary>
internal static class Recompute
{
    public static async Task RunAsync(string corpusFile, int size, int lists)
    {
        var articles = BenchCorpus.Load(corpusFile);
        Console.WriteLine($"| articles in the index | lists | p50 | p99 | max |");
        Console.WriteLine("| ---: | ---: | ---: | ---: | ---: |");
        foreach (var count in new[] { articles.Count, size })
        {
            var folder = Directory.CreateTempSubdirectory("related-recompute-").FullName;
            using (var index = new LuceneArticleIndex(folder, NullLogger<LuceneArticleIndex>.Instance))
            {
                string Id(int i) => i < articles.Count ? articles[i].Id : $"{articles[i % articles.Count].Id}-copy{i / articles.Count}";
                foreach (var batch in Enumerable.Range(0, count).Chunk(500))
                    await Task.WhenAll(batch.Select(i => index.UpsertAsync(Id(i), 1, articles[i % articles.Count].Enriched, default)));
                var related = new RelatedArticles(index);
                var random = new Random(3);
                var took = new List<double>();
                for (var n = 0; n < lists + 50; n++)
                {
                    var started = Stopwatch.GetTimestamp();
                    await related.RankedAsync(Id(random.Next(count)), RelatedLists.Depth, default);
                    // The first fifty warm the JIT and the index's caches.
                    if (n >= 50) took.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
                Console.WriteLine($"| {count:N0} | {lists:N0} | {ClosedLoop.P(took, 50):F1} ms | {ClosedLoop.P(took, 99):F1} ms | {took.Max():F1} ms |");
            }
            Directory.Delete(folder, true);
        }
    }
}
