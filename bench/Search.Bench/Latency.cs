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
using Microsoft.Extensions.Logging.Abstractions;

using ContentPipeline.Bench;
using ContentPipeline.Testing;

namespace ContentPipeline.Search.Bench;

/// <summary>
/// Search latency under load: the real search-index service on 127.0.0.1, its Lucene index holding a corpus copied
/// under new ids up to the size asked for, 32 clients at once sending title-word queries; next to the same queries
/// sent straight to the same index in the same process, at the same concurrency. Every loop is bounded in count and time.
/// </summary>
internal static class Latency
{
    private const int Clients = 32;
    private static readonly TimeSpan TimeLimit = TimeSpan.FromSeconds(60);

    public static async Task RunAsync(string corpusFile, int size, int requests)
    {
        var articles = BenchCorpus.Load(corpusFile);
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
        Console.WriteLine($"{size:N0} articles ({articles.Count:N0} of {corpusFile}, copied under new ids) indexed in {clock.Elapsed.TotalSeconds:F0} s; " +
            $"the index takes {indexBytes / 1e6:F0} MB");

        await using var server = await RunningApp.StartAsync(SearchIndex.Program.Build, data.Path, new Dictionary<string, string?> { ["RateLimits:Enabled"] = "false" });
        var engine = server.Services.GetRequiredKeyedService<IArticleIndex>(typeof(IndexArticleConsumer));
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Clients }) { BaseAddress = server.Client.BaseAddress };

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
        await LoadAsync(direct, queries, Math.Min(requests, 2_000));
        await LoadAsync(overHttp, queries, Math.Min(requests, 2_000));
        // What one search costs without company: the CPU each of the 32 clients waits behind.
        var alone = Stopwatch.StartNew();
        for (var i = 0; i < 500; i++) await direct(queries[i % queries.Length]);
        Console.WriteLine($"One search alone, one thread, 500 queries: {alone.Elapsed.TotalMilliseconds / 500:F2} ms each");
        var directRun = await LoadAsync(direct, queries, requests);
        var httpRun = await LoadAsync(overHttp, queries, requests);

        // Floors, to show what any search at this concurrency on this machine must pay: Lucene's cheapest form of
        // the query (every word, folded, in the text; top 10 by score; no title, phrase, accents, facets or
        // highlights) over the same index held in memory, and the same HTTP stack answering without searching.
        using var bare = new BareConjunction(data.Sub(Path.Combine("index", "articles")));
        var floorRun = await LoadAsync(q => { bare.Search(q); return Task.CompletedTask; }, queries, requests);
        var healthRun = await LoadAsync(async _ =>
        {
            using var response = await http.GetAsync("/health/live");
            response.EnsureSuccessStatusCode();
        }, queries, requests);

        Console.WriteLine($"Articles holding every word of a query, mean of {queries.Length:N0} queries: {queries.Average(bare.Search):F0}");
        Console.WriteLine();
        Console.WriteLine($"| {Clients} clients, {size:N0} articles | requests | per second | p50 | p99 |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: |");
        Console.WriteLine(directRun.Row("direct: the engine in the same process (baseline)"));
        Console.WriteLine(httpRun.Row("GET /api/search over HTTP"));
        Console.WriteLine(floorRun.Row("floor: bare AND of the words, top 10, in process"));
        Console.WriteLine(healthRun.Row("floor: GET /health/live over HTTP, no search"));
    }

    private static Task<LoadRun> LoadAsync(Func<string, Task> send, string[] queries, int requests) =>
        ClosedLoop.RunAsync(Clients, requests, TimeLimit, i => send(queries[i % queries.Length]));

    /// <summary>The query at its barest, on a copy of the index in memory: every folded word must be in the text.</summary>
    private sealed class BareConjunction(string folder) : IDisposable
    {
        private readonly DirectoryReader _reader = DirectoryReader.Open(new RAMDirectory(FSDirectory.Open(folder), IOContext.DEFAULT));
        private readonly VietnameseAnalyzer _folded = new(fold: true);

        /// <returns>How many articles hold every word.</returns>
        public int Search(string text)
        {
            var query = new BooleanQuery();
            foreach (var term in _folded.Terms(LuceneFields.TextFolded, VietnameseText.Normalize(text)))
                query.Add(new TermQuery(new Term(LuceneFields.TextFolded, term)), Occur.MUST);
            return new IndexSearcher(_reader).Search(query, 10).TotalHits;
        }

        public void Dispose() => _reader.Dispose();
    }
}
