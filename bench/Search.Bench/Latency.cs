using System.Diagnostics;
using ContentPipeline.Search.LuceneEngine;
using ContentPipeline.SearchIndex.Consumers;
using ContentPipeline.Text;
using Lucene.Net.Index;
using Lucene.Net.Search;
using FSDirectory = Lucene.Net.Store.FSDirectory;
using IOContext = Lucene.Net.Store.IOContext;
using RAMDirectory = Lucene.Net.Store.RAMDirectory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

using ContentPipeline.Bench;
using ContentPipeline.Testing;

namespace ContentPipeline.Search.Bench;

/// <summary>
/// Search latency under load: the real search-index service on 127.0.0.1, its Lucene index holding one or more corpora
/// ("a.jsonl+b.jsonl": distinct articles; copied under new ids only when more are asked for than they hold), 32 and then
/// 4 clients at once sending title-word queries; next to the same queries sent straight to the same index in the same
/// process, at the same concurrency, and to the barest query Lucene can run. Every loop is bounded in count and time.
/// </summary>
internal static class Latency
{
    private static readonly int[] ClientCounts = [32, 4];
    private static readonly TimeSpan TimeLimit = TimeSpan.FromSeconds(60);

    /// <param name="size">How many articles to index; 0 for each article of the corpora once.</param>
    public static async Task RunAsync(string corpusFiles, int size, int requests)
    {
        var files = corpusFiles.Split('+');
        // Ids are the corpus's own, prefixed by its place in the list when there are several (they may repeat across corpora).
        var articles = files.SelectMany((file, i) => BenchCorpus.Load(file).Select(a => files.Length == 1 ? a : a with { Id = $"{i}-{a.Id}" })).ToList();
        if (size == 0) size = articles.Count;
        var random = new Random(11);
        // Three consecutive words of a title, every other one typed accent-free.
        var queries = articles.Select(a => KnownItem.Query(a.IndexedTitle, 3, accentFree: random.Next(2) == 0, random)).OfType<string>().ToArray();

        using var data = new TempDirectory();
        var clock = Stopwatch.StartNew();
        using (var index = new LuceneArticleIndex(data.Sub(Path.Combine("index", "articles")), NullLogger<LuceneArticleIndex>.Instance))
        {
            // Writers share reopens and commits; a few hundred at a time keeps that sharing without a task per article.
            foreach (var batch in Enumerable.Range(0, size).Chunk(500))
                await Task.WhenAll(batch.Select(i => index.UpsertAsync($"{articles[i % articles.Count].Id}-copy{i / articles.Count}", 1, articles[i % articles.Count].Enriched, default)));
        }
        var indexBytes = new DirectoryInfo(data.Sub(Path.Combine("index", "articles"))).EnumerateFiles().Sum(f => f.Length);
        Console.WriteLine($"{size:N0} articles ({articles.Count:N0} distinct of {corpusFiles}{(size > articles.Count ? ", copied under new ids" : "")}) " +
            $"indexed in {clock.Elapsed.TotalSeconds:F0} s; the index takes {indexBytes / 1e6:F0} MB");

        await using var server = await RunningApp.StartAsync(SearchIndex.Program.Build, data.Path, new Dictionary<string, string?> { ["RateLimits:Enabled"] = "false" });
        var engine = server.Services.GetRequiredKeyedService<IArticleIndex>(typeof(IndexArticleConsumer));
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = ClientCounts.Max() }) { BaseAddress = server.Client.BaseAddress };

        // The engine answers synchronously; each direct client is a thread of its own, so direct calls wait for the
        // CPU as requests inside the server do.
        Func<string, Task> direct = q => engine.SearchAsync(new SearchQuery { Text = q }, default);
        Func<string, Task> overHttp = async q =>
        {
            using var response = await http.GetAsync($"/api/search?q={Uri.EscapeDataString(q)}");
            response.EnsureSuccessStatusCode();
            await response.Content.ReadAsByteArrayAsync();
        };

        // Warm both paths (JIT, caches, pooled connections) before measuring.
        await LoadAsync(direct, queries, Math.Min(requests, 2_000), ClientCounts[0]);
        await LoadAsync(overHttp, queries, Math.Min(requests, 2_000), ClientCounts[0]);
        // What one search costs without company: the CPU each of the clients waits behind. Queries not sent before, so
        // none is answered from the cache of first pages.
        var alone = new List<double>();
        for (var i = 0; i < 500; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await direct(queries[(queries.Length - 1 - i) % queries.Length]);
            alone.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        Console.WriteLine($"One search alone, one thread, 500 queries: p50 {ClosedLoop.P(alone, 50):F2} ms, p99 {ClosedLoop.P(alone, 99):F2} ms, mean {alone.Average():F2} ms");

        // Readers' queries repeat: the most popular of 1,000 drawn as often as Zipf's law says (1/rank).
        var popular = Zipf(queries.Take(1_000).ToArray(), requests, new Random(13));
        using var bare = new BareConjunction(data.Sub(Path.Combine("index", "articles")));
        await using var bareServer = await RunningApp.StartAsync(bare.Api, data.Path, new Dictionary<string, string?>(), withTestKey: false);
        using var bareHttp = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = ClientCounts.Max() }) { BaseAddress = bareServer.Address };
        var rows = new List<string>();
        var ratios = new List<string>();
        foreach (var clients in ClientCounts)
        {
            // Each query sent once more at most across the runs below, so the cache answers almost none of these.
            var offset = clients == ClientCounts[0] ? 0 : requests;
            var shifted = queries.Skip(offset % queries.Length).Concat(queries.Take(offset % queries.Length)).ToArray();
            rows.Add(Run(clients, "direct: the engine in the same process (baseline)", await LoadAsync(direct, shifted, requests, clients)));
            var search = await LoadAsync(overHttp, shifted, requests, clients);
            rows.Add(Run(clients, "GET /api/search over HTTP", search));
            // Floors, to show what any search at this concurrency on this machine must pay: Lucene's cheapest form of
            // the query (every word, folded, in the text; top 10 by score; no title, phrase, accents, facets or
            // highlights) over the same index held in memory, and the same HTTP stack answering without searching.
            var floor = await LoadAsync(q => { bare.Search(q); return Task.CompletedTask; }, shifted, requests, clients);
            rows.Add(Run(clients, "floor: bare AND of the words, top 10, in process", floor));
            // The least a search API answers over HTTP: the same bare AND, its ten articles' ids, titles and leads read
            // and written as JSON, by Kestrel with nothing else in its pipeline (no ranking, facets, highlights, limits).
            var bareOverHttp = await LoadAsync(async q =>
            {
                using var response = await bareHttp.GetAsync($"/search?q={Uri.EscapeDataString(q)}");
                response.EnsureSuccessStatusCode();
                await response.Content.ReadAsByteArrayAsync();
            }, shifted, requests, clients);
            rows.Add(Run(clients, "floor: bare AND over HTTP, ten titles and leads as JSON", bareOverHttp));
            ratios.Add($"{clients} clients: GET /api/search serves {search.PerSecond / floor.PerSecond:F3} × the bare-AND floor in process; " +
                $"the bare AND over HTTP {bareOverHttp.PerSecond / floor.PerSecond:F3} ×");
            if (clients == ClientCounts[0])
            {
                rows.Add(Run(clients, "floor: GET /health/live over HTTP, no search", await LoadAsync(async _ =>
                {
                    using var response = await http.GetAsync("/health/live");
                    response.EnsureSuccessStatusCode();
                }, shifted, requests, clients)));
                var cachedBefore = ((LuceneArticleIndex)engine).CachedAnswers;
                var popularRun = await LoadAsync(overHttp, popular, requests, clients);
                rows.Add(Run(clients, $"GET /api/search, popular queries (Zipf over 1,000; {((LuceneArticleIndex)engine).CachedAnswers - cachedBefore:N0} from the cache)", popularRun));
            }
        }

        Console.WriteLine($"Articles holding every word of a query, mean of {queries.Length:N0} queries: {queries.Average(bare.Search):F0}");
        Console.WriteLine();
        Console.WriteLine($"| clients | {size:N0} articles | requests | per second | p50 | p99 |");
        Console.WriteLine("| ---: | --- | ---: | ---: | ---: | ---: |");
        rows.ForEach(Console.WriteLine);
        Console.WriteLine();
        ratios.ForEach(Console.WriteLine);
    }

    private static string Run(int clients, string label, LoadRun run) => $"| {clients} {run.Row(label)}";

    /// <summary><paramref name="count"/> draws from <paramref name="queries"/>, the k-th as likely as 1/k.</summary>
    private static string[] Zipf(string[] queries, int count, Random random)
    {
        var weights = queries.Select((_, k) => 1.0 / (k + 1)).ToArray();
        var total = weights.Sum();
        return Enumerable.Range(0, count).Select(_ =>
        {
            var pick = random.NextDouble() * total;
            var k = 0;
            while (k < weights.Length - 1 && (pick -= weights[k]) > 0) k++;
            return queries[k];
        }).ToArray();
    }

    private static Task<LoadRun> LoadAsync(Func<string, Task> send, string[] queries, int requests, int clients) =>
        ClosedLoop.RunAsync(clients, requests, TimeLimit, i => send(queries[i % queries.Length]));

    /// <summary>The query at its barest, on a copy of the index in memory: every folded word must be in the text.</summary>
    private sealed class BareConjunction(string folder) : IDisposable
    {
        private readonly DirectoryReader _reader = DirectoryReader.Open(new RAMDirectory(FSDirectory.Open(folder), IOContext.DEFAULT));
        private readonly VietnameseAnalyzer _folded = new(fold: true);

        /// <returns>How many articles hold every word.</returns>
        public int Search(string text) => new IndexSearcher(_reader).Search(Conjunction(text), 10).TotalHits;

        /// <summary>A minimal web app answering <c>GET /search?q=</c> with the first ten articles holding every word.</summary>
        public WebApplication Api(string[] args)
        {
            var builder = WebApplication.CreateSlimBuilder(args);
            builder.Logging.ClearProviders();
            var app = builder.Build();
            app.MapGet("/search", (string q) =>
            {
                var searcher = new IndexSearcher(_reader);
                return TypedResults.Ok(searcher.Search(Conjunction(q), 10).ScoreDocs.Select(hit => searcher.Doc(hit.Doc, Shown))
                    .Select(doc => new BareHit(doc.Get(LuceneFields.Id), doc.Get(LuceneFields.TitleDisplay), doc.Get(LuceneFields.LeadDisplay))).ToList());
            });
            return app;
        }

        private static readonly HashSet<string> Shown = [LuceneFields.Id, LuceneFields.TitleDisplay, LuceneFields.LeadDisplay];

        private BooleanQuery Conjunction(string text)
        {
            var query = new BooleanQuery();
            foreach (var term in _folded.Terms(LuceneFields.TextFolded, VietnameseText.Normalize(text)))
                query.Add(new TermQuery(new Term(LuceneFields.TextFolded, term)), Occur.MUST);
            return query;
        }

        public void Dispose() => _reader.Dispose();
    }

    private sealed record BareHit(string Id, string Title, string? Lead);
}
