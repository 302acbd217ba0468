using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using ContentPipeline.Bench;

namespace ContentPipeline.Pipeline.Bench;

/// <summary>
/// Freshness as a reader meets it: from <c>POST /api/articles</c> answering 202 to the article being found by search
/// (a word only it has) and standing in the related list of its nearest neighbour (the first item of its own list),
/// measured one article at a time, on a quiet pipeline and while a loader keeps it at half its measured throughput.
/// Bounded: a fixed number of probes, each given at most <see cref="Patience"/>.
/// </summary>
internal static class Freshness
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    /// <summary>Articles the load never sent, so each probe is new to every stage.</summary>
    public static async Task<FreshnessRun> ProbeAsync(Pipeline pipeline, IReadOnlyList<JsonObject> probes, string label)
    {
        var searchable = new List<double>();
        var listed = new List<double>();
        foreach (var (article, i) in probes.Select((a, i) => (a.DeepClone().AsObject(), i)))
        {
            var id = $"{label}-probe-{i}";
            var word = $"tuoimoi{label}{i}kiemtra";
            article["id"] = id;
            article["body"] = $"{article["body"]} {word}";
            var started = Stopwatch.GetTimestamp();
            using (var posted = await pipeline.Ingest.PostAsync("/api/articles", new StringContent(article.ToJsonString(), Encoding.UTF8, "application/json")))
                if (posted.StatusCode != HttpStatusCode.Accepted) throw new InvalidOperationException($"{id}: {posted.StatusCode} {await posted.Content.ReadAsStringAsync()}");

            var found = await UntilAsync(async () => (await IdsAsync(pipeline.Search, $"/api/search?q={word}&size=5", "items"))?.Contains(id) == true, Patience);
            if (found) searchable.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            string? neighbour = null;
            var inList = await UntilAsync(async () =>
            {
                neighbour ??= (await IdsAsync(pipeline.Recommendation, $"/api/recommendations/{id}/related?size=1", "items"))?.FirstOrDefault();
                return neighbour is not null && (await IdsAsync(pipeline.Recommendation, $"/api/recommendations/{neighbour}/related?size=10", "items"))?.Contains(id) == true;
            }, Patience - Stopwatch.GetElapsedTime(started));
            if (inList) listed.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        return new FreshnessRun(searchable, listed);
    }

    private static async Task<List<string>?> IdsAsync(HttpClient http, string path, string field)
    {
        using var response = await http.GetAsync(path);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        response.EnsureSuccessStatusCode();
        var json = await response.Content.ReadFromJsonAsync<JsonObject>();
        return json![field]!.AsArray().Select(i => i!["id"]!.GetValue<string>()).ToList();
    }

    /// <summary>Asks again every 5 ms until the answer is yes or the time is up.</summary>
    private static async Task<bool> UntilAsync(Func<Task<bool>> check, TimeSpan patience)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(Math.Max(0, patience.TotalSeconds) * Stopwatch.Frequency);
        do
        {
            if (await check()) return true;
            await Task.Delay(5);
        } while (Stopwatch.GetTimestamp() < deadline);
        return false;
    }

    /// <summary>
    /// Keeps the pipeline at <paramref name="perSecond"/> articles a second (bulk POSTs of a tenth of a second's worth)
    /// until <paramref name="ct"/> ends or <paramref name="articles"/> run out.
    /// </summary>
    public static async Task<int> LoadAsync(HttpClient ingest, IReadOnlyList<string> articles, double perSecond, CancellationToken ct)
    {
        var batch = Math.Max(1, (int)Math.Round(perSecond / 10));
        var interval = TimeSpan.FromSeconds(batch / perSecond);
        var sent = 0;
        var clock = Stopwatch.StartNew();
        try
        {
            foreach (var chunk in articles.Chunk(batch))
            {
                var due = interval * (sent / batch);
                if (due > clock.Elapsed) await Task.Delay(due - clock.Elapsed, ct);
                using var response = await ingest.PostAsync("/api/articles/bulk", new StringContent(string.Join('\n', chunk), Encoding.UTF8, "application/x-ndjson"), ct);
                response.EnsureSuccessStatusCode();
                sent += chunk.Length;
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
        return sent;
    }
}

internal sealed record FreshnessRun(List<double> Searchable, List<double> Listed)
{
    private static double P(IReadOnlyCollection<double> values, int percentile) => values.Count == 0 ? double.NaN : ClosedLoop.P(values, percentile);

    public string Row(string when, int probes) =>
        $"| {when} | {probes} | {P(Searchable, 50):F0} / {P(Searchable, 99):F0} ms ({Searchable.Count} found) | " +
        $"{P(Listed, 50):F0} / {P(Listed, 99):F0} ms ({Listed.Count} listed) |";
}
