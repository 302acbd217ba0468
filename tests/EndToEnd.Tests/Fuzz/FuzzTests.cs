using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ContentPipeline.Testing;

namespace ContentPipeline.EndToEnd.Tests.Fuzz;

/// <summary>
/// The embedded host, as its own process, takes 10,000 seeded fuzzed requests over every endpoint: no 5xx, every
/// refusal is problem+json (but the iframe fragment's empty page), it is still ready afterwards and its memory has not run away.
/// </summary>
public sealed class FuzzTests
{
    private const int Seed = 20_261_202;
    private const int WarmUp = 2_000;
    private const int Requests = 10_000;
    private const int Workers = 4;
    private static readonly TimeSpan Budget = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task Ten_thousand_fuzzed_requests_get_no_5xx_and_every_refusal_is_problem_json()
    {
        using var data = new TempDirectory();
        using var host = await ServiceProcess.StartAsync("ContentPipeline.Host.dll", data.Path, new Dictionary<string, string?>
        {
            ["RateLimits:Enabled"] = "false",
            ["Widget:AllowedOrigins:0"] = "http://news.example",
        });
        var samples = await Eventually.Until(() => host.Client.GetFromJsonAsync<JsonObject>("/api/search?size=50"), r => r!["total"]!.GetValue<long>() >= 41, "the sample articles are searchable");
        var ids = samples!["items"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()).ToList();
        var operations = Operations((await host.Client.GetFromJsonAsync<JsonObject>("/openapi/v1.json"))!);
        Assert.True(operations.Count >= 12, $"the OpenAPI document lists {operations.Count} operations");

        var failures = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var statuses = new System.Collections.Concurrent.ConcurrentDictionary<int, int>();
        var deadline = DateTime.UtcNow + Budget;
        async Task<int> RunAsync(int count, int round) => (await Task.WhenAll(Enumerable.Range(0, Workers).Select(async worker =>
        {
            var fuzzer = new RequestFuzzer(new Random(Seed + round * Workers + worker), operations, ids);
            var sent = 0;
            for (var i = 0; i < count / Workers && DateTime.UtcNow < deadline; i++, sent++)
            {
                using var request = fuzzer.Next();
                var described = $"{request.Method} {request.RequestUri} ({request.Content?.Headers.ContentType})";
                using var response = await host.Client.SendAsync(request);
                statuses.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
                if (Problem(request, response) is { } problem) failures.Enqueue($"{described}: {problem}");
            }
            return sent;
        }))).Sum();

        var warmedUp = await RunAsync(WarmUp, 0);
        var before = host.ResidentMegabytes();
        var sent = warmedUp + await RunAsync(Requests - WarmUp, 1);
        var after = host.ResidentMegabytes();

        Assert.True(sent >= Requests, $"only {sent} requests were sent within {Budget}");
        // The fuzz reached past the doors: many requests were served or accepted, and refused for many reasons.
        var seen = string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}: {s.Value}"));
        Assert.True(statuses.Where(s => s.Key < 300).Sum(s => s.Value) >= Requests / 10, seen);
        Assert.True(statuses.Keys.Count(k => k is >= 400 and < 500) >= 5, seen);
        Assert.True(failures.IsEmpty, $"{failures.Count} bad answers ({seen}), e.g.:\n{string.Join('\n', failures.Take(15))}");
        Assert.Equal("Healthy", await host.Client.GetStringAsync("/health/ready"));
        Assert.True(after <= before * 3 / 2, $"resident memory went from {before} MB after the warm-up to {after} MB");
    }

    /// <summary>What is wrong with the answer, or null.</summary>
    private static string? Problem(HttpRequestMessage request, HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        if (status >= 500) return $"{status}";
        if (status < 400 || request.Method == HttpMethod.Head) return null;
        // Kestrel refuses a NUL in the path while parsing the request line, before any of the application runs, and
        // its refusal has no body: the one 4xx that cannot be problem+json (docs/operations.md says so).
        if (status == 400 && request.RequestUri!.OriginalString.Contains("%00") && response.Content.Headers.ContentLength == 0) return null;
        // The iframe fragment of an unknown article is an empty page, not an error its readers would see.
        if (status == 404 && request.RequestUri!.AbsolutePath.StartsWith("/embed/blocks/") && response.Content.Headers.ContentType?.MediaType == "text/html") return null;
        return response.Content.Headers.ContentType?.MediaType == "application/problem+json" ? null : $"{status} as {response.Content.Headers.ContentType?.MediaType ?? "no content type"}";
    }

    private static List<Operation> Operations(JsonObject openApi) =>
        [.. openApi["paths"]!.AsObject().SelectMany(path => path.Value!.AsObject()
            .Where(method => method.Key is "get" or "post" or "put" or "delete" or "patch")
            .Select(method => new Operation(method.Key.ToUpperInvariant(), path.Key,
                [.. (method.Value!["parameters"]?.AsArray() ?? []).Where(p => p!["in"]!.GetValue<string>() == "query").Select(p => p!["name"]!.GetValue<string>())])))];
}
