using System.Diagnostics;
using ContentPipeline.Bench;
using ContentPipeline.Recommendation.Consumers;
using ContentPipeline.Recommendation.Related;
using ContentPipeline.Search;
using ContentPipeline.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ContentPipeline.Recommendation.Bench;

/// <summary>
/// <c>/api/recommendations/{id}/related</c> under load: the real recommendation service on 127.0.0.1, its index and
/// kept lists holding a corpus, clients asking for the related block of articles in turn (closed loop, bounded in
/// count and time), at 64 and at 16 connections; next to <c>/health/live</c> on the same server and client, which
/// answers without any work of ours. Load generator and server share the machine's cores.
/// </summary>
internal static class Load
{
    private static readonly TimeSpan TimeLimit = TimeSpan.FromSeconds(30);

    public static async Task RunAsync(string corpusFile, int requests)
    {
        var articles = BenchCorpus.Load(corpusFile);
        using var data = new TempDirectory();
        await using var server = await RunningApp.StartAsync(Program.Build, data.Path, new Dictionary<string, string?> { ["RateLimits:Enabled"] = "false" });
        var index = server.Services.GetRequiredKeyedService<IArticleIndex>(typeof(RememberArticleConsumer));
        var lists = server.Services.GetRequiredService<RelatedLists>();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(articles.Select(a => index.UpsertAsync(a.Id, 1, a.Enriched, default)));
        var indexed = clock.Elapsed;
        // What the consumer does with each ArticleIndexed event; then every article's list is kept.
        clock.Restart();
        foreach (var a in articles) lists.Indexed(new StoredArticle(IndexedArticle.Of(a.Id, 1, a.Enriched), ArticleWords.Of(a.Enriched)));
        while (!lists.Idle) await Task.Delay(100);
        foreach (var article in articles) await lists.GetAsync(article.Id, default);
        Console.WriteLine($"{articles.Count:N0} articles of {corpusFile} indexed in {indexed.TotalSeconds:F0} s; " +
            $"their related lists computed in {clock.Elapsed.TotalSeconds:F0} s");

        var ids = articles.Select(a => Uri.EscapeDataString(a.Id)).ToArray();
        Console.WriteLine();
        Console.WriteLine("| connections | GET | requests | per second | p50 | p99 |");
        Console.WriteLine("| ---: | --- | ---: | ---: | ---: | ---: |");
        foreach (var connections in new[] { 64, 16 })
        {
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = connections }) { BaseAddress = server.Client.BaseAddress };
            Func<int, Task> related = i => GetAsync(http, $"/api/recommendations/{ids[i % ids.Length]}/related?size=5");
            Func<int, Task> health = _ => GetAsync(http, "/health/live");
            // Warm JIT, connections and the thread pool before measuring.
            await ClosedLoop.RunAsync(connections, Math.Min(requests, 20_000), TimeLimit, related);
            var relatedRun = await ClosedLoop.RunAsync(connections, requests, TimeLimit, related);
            var healthRun = await ClosedLoop.RunAsync(connections, requests, TimeLimit, health);
            Console.WriteLine(relatedRun.Row($"{connections} | /api/recommendations/{{id}}/related?size=5"));
            Console.WriteLine(healthRun.Row($"{connections} | /health/live (baseline: no work of ours)"));
        }
    }

    private static async Task GetAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        response.EnsureSuccessStatusCode();
        await response.Content.ReadAsByteArrayAsync();
    }
}
