using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ContentPipeline.Bench;
using ContentPipeline.Recommendation.Related;
using ContentPipeline.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ContentPipeline.Recommendation.Bench;

/// <summary>
/// Freshness in the embedded mode (the Host: ingest, enrichment, search index and recommendation on one in-memory bus):
/// from <c>POST /api/articles</c> answering 202 to the new article standing in the related list of its nearest
/// neighbour. The Host first takes in part of a corpus through the same endpoint; then, one at a time, articles held
/// back are posted, and the clock stops when the article's first related item lists the article among its own
/// first ten. Bounded: a fixed number of articles, each given at most five seconds.
/// </summary>
internal static class Freshness
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    public static async Task RunAsync(string corpusFile, int seeded, int probes)
    {
        var random = new Random(5);
        var order = BenchCorpus.Load(corpusFile).OrderBy(_ => random.Next()).ToList();
        using var data = new TempDirectory();
        await using var server = await RunningApp.StartAsync(Host.Program.Build, data.Path, new Dictionary<string, string?> { ["ContentPipeline:SeedSampleData"] = "false", ["RateLimits:Enabled"] = "false" });
        var http = server.Client;
        var clock = Stopwatch.StartNew();
        foreach (var article in order.Take(seeded)) await PostAsync(http, article);
        foreach (var article in order.Take(seeded)) await UntilAsync(() => RelatedAsync(http, article.Id), list => list is not null, TimeSpan.FromMinutes(2));
        var throughPipeline = clock.Elapsed;
        // Freshness as a reader meets it on an ordinary day: not behind the lists a bulk import left queued.
        var lists = server.Services.GetRequiredService<RelatedLists>();
        while (!lists.Idle && clock.Elapsed < TimeSpan.FromMinutes(10)) await Task.Delay(50);
        Console.WriteLine($"{seeded:N0} articles of {corpusFile} through the whole pipeline in {throughPipeline.TotalSeconds:F0} s; " +
            $"every queued related list computed after {clock.Elapsed.TotalSeconds:F0} s");

        var took = new List<double>();
        var ownList = new List<double>();
        var missed = 0;
        foreach (var article in order.Skip(seeded).Take(probes))
        {
            var started = Stopwatch.GetTimestamp();
            await PostAsync(http, article);
            // Its own list names its nearest neighbour; that one's list was kept before the article came.
            var own = await UntilAsync(() => RelatedAsync(http, article.Id), list => list is { Count: > 0 }, Patience);
            if (own is not null) ownList.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            var found = own is { Count: > 0 } && await UntilAsync(() => RelatedAsync(http, own[0]), list => list?.Contains(article.Id) == true,
                Patience - Stopwatch.GetElapsedTime(started)) is not null;
            if (found) took.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            else missed++;
        }
        Console.WriteLine();
        Console.WriteLine("| embedded mode | articles | in the neighbour's list within 5 s | p50 | p99 | max |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: |");
        Console.WriteLine($"| POST /api/articles 202 → in the related list of its nearest neighbour | {probes} | {took.Count} | " +
            $"{ClosedLoop.P(took, 50):F0} ms | {ClosedLoop.P(took, 99):F0} ms | {took.Max():F0} ms |");
        Console.WriteLine($"| POST /api/articles 202 → its own related list answers (on the way) | {probes} | {ownList.Count} | " +
            $"{ClosedLoop.P(ownList, 50):F0} ms | {ClosedLoop.P(ownList, 99):F0} ms | {ownList.Max():F0} ms |");
        if (missed > 0) Console.WriteLine($"{missed} articles never stood in their nearest neighbour's first ten (the neighbour has nearer ones).");
    }

    private static async Task PostAsync(HttpClient http, BenchArticle article)
    {
        using var response = await http.PostAsJsonAsync("/api/articles", new { id = article.Id, title = article.IndexedTitle, lead = article.Lead, body = article.Body, category = article.Category });
        if (response.StatusCode != HttpStatusCode.Accepted) throw new InvalidOperationException($"{article.Id}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private static async Task<List<string>?> RelatedAsync(HttpClient http, string id)
    {
        using var response = await http.GetAsync($"/api/recommendations/{Uri.EscapeDataString(id)}/related?size=10");
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        response.EnsureSuccessStatusCode();
        var json = await response.Content.ReadFromJsonAsync<JsonObject>();
        return json!["items"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()).ToList();
    }

    /// <summary>Asks again every 2 ms until the answer will do or the time is up (then null).</summary>
    private static async Task<T?> UntilAsync<T>(Func<Task<T?>> probe, Func<T?, bool> done, TimeSpan limit) where T : class
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < limit)
        {
            var answer = await probe();
            if (done(answer)) return answer;
            await Task.Delay(2);
        }
        return null;
    }
}
