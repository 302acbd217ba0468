using System.Diagnostics;
using ContentPipeline.Bench;
using ContentPipeline.Recommendation.Related;
using ContentPipeline.Search;
using ContentPipeline.Search.LuceneEngine;
using Microsoft.Extensions.Logging.Abstractions;

namespace ContentPipeline.Recommendation.Bench;

/// <summary>
/// What a new article's neighbourhood costs to recompute, as the consumer and the queue do it: taking the article in
/// (<see cref="ArticleNeighbours.Put"/>), computing its related list and putting it into the kept lists of the
/// articles in it (<see cref="RelatedLists.Recompute"/>); also one list alone, how fast articles are read back from a
/// Lucene index at start (<see cref="ArticleNeighbours.LoadAsync"/>, the index opened afresh, the topics learnt at its
/// end included), the memory they then hold and what learning the topics again costs (as when the site has grown). On the corpus as it is and copied under new ids up to a larger size, in the same
/// run, with some thousands of lists kept beforehand so that new articles have lists to join. Bounded: a fixed number
/// of new articles per size.
/// </summary>
internal static class Recompute
{
    private const int KeptBeforehand = 3000;

    /// <summary>
    /// New articles timed but not counted: a running service has long had its list code compiled at its highest tier,
    /// and 50 left the first rows still timing the compiler.
    /// </summary>
    private const int WarmUp = 300;

    public static async Task RunAsync(string corpusFile, int size, int newArticles)
    {
        var articles = BenchCorpus.Load(corpusFile);
        Console.WriteLine("| articles | read back at start | memory held | topics learnt again | one list p50 | one list p99 | new article's neighbourhood p50 | p99 | max | lists joined (mean) |");
        Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var count in new[] { articles.Count, size })
        {
            StoredArticle Copy(int i, string id) =>
                new(IndexedArticle.Of(id, 1, articles[i % articles.Count].Enriched), ArticleWords.Of(articles[i % articles.Count].Enriched));
            string Id(int i) => i < articles.Count ? articles[i].Id : $"{articles[i % articles.Count].Id}-copy{i / articles.Count}";

            // At start the service reads every article back from its index.
            var folder = Directory.CreateTempSubdirectory("related-recompute-").FullName;
            using (var writing = new LuceneArticleIndex(folder, NullLogger<LuceneArticleIndex>.Instance, IndexPurpose.Lookup))
                foreach (var batch in Enumerable.Range(0, count).Chunk(500))
                    await Task.WhenAll(batch.Select(i => writing.UpsertAsync(Id(i), 1, articles[i % articles.Count].Enriched, default)));
            // The heap before the service opens its index, and once it has read the articles and closed the index
            // again: what the articles then hold in memory.
            var before = GC.GetTotalMemory(forceFullCollection: true);
            var neighbours = new ArticleNeighbours();
            var loading = Stopwatch.StartNew();
            using (var index = new LuceneArticleIndex(folder, NullLogger<LuceneArticleIndex>.Instance, IndexPurpose.Lookup))
                await neighbours.LoadAsync(index, default);
            loading.Stop();
            Directory.Delete(folder, true);
            var held = GC.GetTotalMemory(forceFullCollection: true) - before;
            var learning = Stopwatch.StartNew();
            neighbours.LearnTopics();
            learning.Stop();

            var related = new RelatedArticles(neighbours);
            var lists = new RelatedLists(related, neighbours, NullLogger<RelatedLists>.Instance);
            var random = new Random(3);
            for (var n = 0; n < KeptBeforehand; n++) lists.Recompute(Id(random.Next(count)), joinNeighbours: false);

            var one = new List<double>();
            var neighbourhood = new List<double>();
            var joined = 0;
            for (var n = 0; n < newArticles + WarmUp; n++)
            {
                var started = Stopwatch.GetTimestamp();
                related.Ranked(Id(random.Next(count)), RelatedLists.Depth);
                var listTook = Stopwatch.GetElapsedTime(started).TotalMilliseconds;

                // A new article: a copy of a random one under a new id.
                var id = $"new-{n}";
                started = Stopwatch.GetTimestamp();
                neighbours.Put(Copy(random.Next(count), id));
                lists.Recompute(id, joinNeighbours: true);
                var neighbourhoodTook = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                var joinedNow = lists.ListsHolding(id);
                lists.Withdrawn(id, 1);

                if (n < WarmUp) continue;
                one.Add(listTook);
                neighbourhood.Add(neighbourhoodTook);
                joined += joinedNow;
            }
            Console.WriteLine($"| {count:N0} | {count / loading.Elapsed.TotalSeconds:N0}/s | {held / 1048576.0:N0} MB | {learning.Elapsed.TotalSeconds:F1} s | " +
                $"{ClosedLoop.P(one, 50):F1} ms | {ClosedLoop.P(one, 99):F1} ms | " +
                $"{ClosedLoop.P(neighbourhood, 50):F1} ms | {ClosedLoop.P(neighbourhood, 99):F1} ms | {neighbourhood.Max():F1} ms | {joined / (double)newArticles:F1} |");
        }
    }
}
