using System.Net;
using ContentPipeline.Testing;

namespace ContentPipeline.EndToEnd.Tests.Doors;

/// <summary>Reads answer pages of any site (Api:AllowedOrigins, no credentials); every response forbids content sniffing.</summary>
public sealed class BrowserFacingHeadersTests
{
    [Fact]
    public async Task Every_read_answers_browsers_on_other_origins_from_one_policy()
    {
        using var data = new TempDirectory();
        await using var host = await RunningApp.StartAsync(Host.Program.Build, data.Path, new Dictionary<string, string?> { ["ContentPipeline:SeedSampleData"] = "true" });
        await Eventually.Until(() => host.Client.GetAsync("/api/recommendations/hdnd-ha-noi-khai-mac-ky-hop-thu-tu/related"), r => r.StatusCode == HttpStatusCode.OK, "a sample article is recommended");
        foreach (var path in new[]
        {
            "/api/search?q=ha+noi", "/api/suggest?q=hdnd", "/api/articles/hdnd-ha-noi-khai-mac-ky-hop-thu-tu",
            "/api/recommendations/hdnd-ha-noi-khai-mac-ky-hop-thu-tu/related", "/api/feeds/featured", "/api/feeds/more",
            "/api/blocks/hdnd-ha-noi-khai-mac-ky-hop-thu-tu", "/widget.js",
        })
        {
            var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Add("Origin", "http://frontend.example");
            var response = await host.Client.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode}");
            Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
            Assert.False(response.Headers.Contains("Access-Control-Allow-Credentials"), path);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        }

        // A preflight for a write is not granted: no page elsewhere may send one with a key.
        var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/articles");
        preflight.Headers.Add("Origin", "http://frontend.example");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "x-api-key,content-type");
        var answer = await host.Client.SendAsync(preflight);
        Assert.False(answer.Headers.TryGetValues("Access-Control-Allow-Methods", out var methods) && methods.Any(m => m.Contains("POST")));
    }

    [Fact]
    public async Task Reads_can_keep_to_configured_origins()
    {
        using var data = new TempDirectory();
        await using var host = await RunningApp.StartAsync(Host.Program.Build, data.Path, new Dictionary<string, string?>
        {
            ["ContentPipeline:SeedSampleData"] = "false", ["Api:AllowedOrigins:0"] = "https://www.example.vn",
        });
        async Task<string?> AllowedFor(string origin)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "/api/search?q=x");
            request.Headers.Add("Origin", origin);
            var response = await host.Client.SendAsync(request);
            return response.Headers.TryGetValues("Access-Control-Allow-Origin", out var values) ? values.Single() : null;
        }
        Assert.Equal("https://www.example.vn", await AllowedFor("https://www.example.vn"));
        Assert.Null(await AllowedFor("http://other.example"));
    }

    [Fact]
    public async Task Errors_say_nosniff_too_and_the_start_page_forbids_inline_script()
    {
        using var data = new TempDirectory();
        await using var host = await RunningApp.StartAsync(Host.Program.Build, data.Path, new Dictionary<string, string?> { ["ContentPipeline:SeedSampleData"] = "false" });
        foreach (var response in new[] { await host.Client.GetAsync("/nothing-here"), await host.Client.GetAsync("/api/articles/none"), await host.AnonymousClient().PostAsync("/api/articles", null) })
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());

        var start = await host.Client.GetAsync("/");
        var policy = start.Headers.GetValues("Content-Security-Policy").Single();
        var script = policy.Split(';').Select(d => d.Trim()).Single(d => d.StartsWith("script-src "));
        Assert.Equal("script-src 'self'", script);
        Assert.DoesNotContain("<script>", await start.Content.ReadAsStringAsync());
    }
}
