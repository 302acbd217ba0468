using System.Diagnostics;
using System.Text.RegularExpressions;
using ContentPipeline.Search.LuceneEngine;
using ContentPipeline.Text;
using Microsoft.Extensions.Logging.Abstractions;

using ContentPipeline.Bench;

namespace ContentPipeline.Search.Bench;

/// <summary>
/// Known-item search as people type on phones: the query is a few consecutive words of one article's title, typed
/// accent-free or as written, and the article is the one to find. MRR@10 and Recall@10 for our engine and for the
/// plain Lucene baseline on the same text, in the same run. The last kind swaps one of five words for a word of another
/// title: a word the person typed that the article does not have (issue 18).
/// </summary>
internal static partial class KnownItem
{
    private const int Depth = 10;

    [GeneratedRegex(@"\S+")]
    private static partial Regex Token();

    public static async Task RunAsync(string corpusFile, int sample, int seed)
    {
        var clock = Stopwatch.StartNew();
        var articles = BenchCorpus.Load(corpusFile);
        var groups = articles.ToDictionary(a => a.Id, a => a.Group);
        Console.WriteLine($"{corpusFile}: {articles.Count:N0} articles enriched in {clock.Elapsed.TotalSeconds:F1} s");

        var folder = Directory.CreateTempSubdirectory("known-item-").FullName;
        var ours = new LuceneArticleIndex(folder, NullLogger<LuceneArticleIndex>.Instance);
        await Task.WhenAll(articles.Select(a => ours.UpsertAsync(a.Id, 1, a.Enriched, default)));
        using var plain = new PlainIndex();
        plain.Add(articles.Select(a => (a.Id, string.Join('\n', a.IndexedTitle, a.Lead ?? "", a.Body))));

        // Targets: articles with a title of their own, one copy of each repeated record, in a fixed random sample.
        var random = new Random(seed);
        var targets = articles.Where(a => a.Title is not null && a.Group == a.Id).OrderBy(_ => random.Next()).Take(sample).ToList();
        Console.WriteLine($"{targets.Count:N0} target titles (seed {seed}); indexed in {clock.Elapsed.TotalSeconds:F1} s");
        Console.WriteLine();
        Console.WriteLine("| query | queries | plain MRR@10 | ours MRR@10 | plain Recall@10 | ours Recall@10 |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: |");

        var vocabulary = articles.Where(a => a.Title is not null).SelectMany(a => Words(a.Title!)).Distinct().ToArray();
        foreach (var (words, accentFree, swapped) in new[] { (3, true, false), (3, false, false), (5, true, false), (5, false, false), (5, true, true) })
        {
            var plainScore = new Score();
            var ourScore = new Score();
            var plainTime = TimeSpan.Zero;
            var ourTime = TimeSpan.Zero;
            foreach (var target in targets)
            {
                var query = Query(target.Title!, words, accentFree, random, swapped ? vocabulary : null);
                if (query is null) continue;
                var started = Stopwatch.GetTimestamp();
                plainScore.Add(Rank(plain.Search(query, Depth), target.Group, groups));
                plainTime += Stopwatch.GetElapsedTime(started);
                started = Stopwatch.GetTimestamp();
                var results = await ours.SearchAsync(new SearchQuery { Text = query, Size = Depth }, default);
                ourTime += Stopwatch.GetElapsedTime(started);
                ourScore.Add(Rank(results.Items.Select(h => h.Article.Id), target.Group, groups));
            }
            var label = $"{words} words, {(accentFree ? "accent-free" : "as written")}{(swapped ? ", one swapped for another title's word" : "")}";
            Console.WriteLine($"| {label} | {ourScore.Queries:N0} | {plainScore.Mrr:F3} | {ourScore.Mrr:F3} | {plainScore.Recall:F3} | {ourScore.Recall:F3} |");
            Console.Error.WriteLine($"  {label}: plain {plainTime.TotalMilliseconds / plainScore.Queries:F2} ms, ours {ourTime.TotalMilliseconds / ourScore.Queries:F2} ms a query");
        }
        Console.WriteLine($"\n(total {clock.Elapsed.TotalSeconds:F0} s)");
        ours.Dispose();  // before the folder goes: Lucene may still be merging into it
        Directory.Delete(folder, true);
    }

    /// <summary>
    /// <paramref name="count"/> consecutive words of the title from a random place, one of them replaced by a word of
    /// <paramref name="swapIn"/> when given; null when the title is shorter.
    /// </summary>
    internal static string? Query(string title, int count, bool accentFree, Random random, string[]? swapIn = null)
    {
        var words = Words(title);
        if (words.Count < count) return null;
        var picked = words.Skip(random.Next(words.Count - count + 1)).Take(count).ToList();
        if (swapIn is not null) picked[random.Next(count)] = swapIn[random.Next(swapIn.Length)];
        var query = string.Join(' ', picked);
        return accentFree ? VietnameseText.Fold(query).ToLowerInvariant() : query;
    }

    private static List<string> Words(string title) =>
        Token().Matches(title).Select(m => m.Value.Trim(Punctuation)).Where(w => w.Length > 0).ToList();

    private static readonly char[] Punctuation = ".,:;!?\"'“”‘’()[]…-–—/".ToCharArray();

    /// <summary>1-based rank of the first hit in the target's group, or 0 when none is in the list.</summary>
    private static int Rank(IEnumerable<string> ids, string group, Dictionary<string, string> groups)
    {
        var rank = 0;
        foreach (var id in ids)
        {
            rank++;
            if (groups[id] == group) return rank;
        }
        return 0;
    }

    private sealed class Score
    {
        private double _reciprocal;
        private int _found;
        public int Queries { get; private set; }
        public double Mrr => Queries == 0 ? 0 : _reciprocal / Queries;
        public double Recall => Queries == 0 ? 0 : (double)_found / Queries;

        public void Add(int rank)
        {
            Queries++;
            if (rank == 0) return;
            _found++;
            _reciprocal += 1.0 / rank;
        }
    }
}
