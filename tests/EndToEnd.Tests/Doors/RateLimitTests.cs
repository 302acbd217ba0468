using System.Net;
using ContentPipeline.Testing;

namespace ContentPipeline.EndToEnd.Tests.Doors;

/// <summary>Per client limits: a flood is answered 429 with Retry-After, and other clients are still served.</summary>
public sealed class RateLimitTests
{
    private static Task<RunningApp> StartAsync(TempDirectory data, Dictionary<string, string?> limits)
    {
        var settings = new Dictionary<string, string?>(limits)
        {
            ["ContentPipeline:SeedSampleData"] = "false",
            // Clients are told apart by the address the proxy on this machine forwards.
            ["Network:TrustedProxies:0"] = "127.0.0.1",
        };
        return RunningApp.StartAsync(Host.Program.Build, data.Path, settings, withTestKey: false);
    }

    private static HttpRequestMessage From(string address, HttpRequestMessage request)
    {
        request.Headers.Add("X-Forwarded-For", address);
        return request;
    }

    [Fact]
    public async Task A_flooding_client_gets_429_with_retry_after_while_another_client_is_served()
    {
        using var data = new TempDirectory();
        await using var host = await StartAsync(data, new() { ["RateLimits:Reads:PermitsPerSecond"] = "1", ["RateLimits:Reads:Burst"] = "10" });
        using var client = host.AnonymousClient();

        var refused = new List<HttpResponseMessage>();
        for (var i = 0; i < 60 && refused.Count < 5; i++)
        {
            var response = await client.SendAsync(From("198.51.100.1", new HttpRequestMessage(HttpMethod.Get, "/api/search?q=ha+noi")));
            if (response.StatusCode == HttpStatusCode.TooManyRequests) refused.Add(response);
            else Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            // Meanwhile another reader's searches go through.
            if (i % 10 == 0)
                Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(From("198.51.100.2", new HttpRequestMessage(HttpMethod.Get, "/api/search?q=ha+noi")))).StatusCode);
        }

        Assert.Equal(5, refused.Count);
        var first = refused[0];
        Assert.True(int.Parse(first.Headers.GetValues("Retry-After").Single()) >= 1);
        await WriteDoorTests.AssertProblemAsync(first, HttpStatusCode.TooManyRequests, "Retry-After");
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(From("198.51.100.2", new HttpRequestMessage(HttpMethod.Get, "/api/search?q=ha+noi")))).StatusCode);
        Assert.Contains("contentpipeline_rate_limited_requests_total{class=\"reads\"}", await client.GetStringAsync("/metrics"));
    }

    [Fact]
    public async Task Guessing_keys_runs_into_the_write_limit()
    {
        using var data = new TempDirectory();
        await using var host = await StartAsync(data, new()
        {
            ["ApiKeys:0:Name"] = "cms", ["ApiKeys:0:Hash"] = TestKeys.HashOf("cpk_the-real-key"), ["ApiKeys:0:Roles:0"] = "write",
            ["RateLimits:Writes:PermitsPerSecond"] = "1", ["RateLimits:Writes:Burst"] = "5",
        });
        using var client = host.AnonymousClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 20; i++)
            statuses.Add((await client.SendAsync(From("192.0.2.66", WriteRequests.Article("guess").WithKey($"cpk_guess-{i}")))).StatusCode);

        Assert.All(statuses.Take(5), s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        Assert.True(statuses.Count(s => s == HttpStatusCode.TooManyRequests) >= 10, string.Join(", ", statuses));
        // The key's holder, elsewhere, is not held up by the guesser.
        Assert.Equal(HttpStatusCode.Accepted, (await client.SendAsync(From("192.0.2.10", WriteRequests.Article("real").WithKey("cpk_the-real-key")))).StatusCode);
    }
}
