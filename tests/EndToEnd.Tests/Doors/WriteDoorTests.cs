using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using ContentPipeline.Contracts;
using ContentPipeline.ServiceDefaults.Security;
using ContentPipeline.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace ContentPipeline.EndToEnd.Tests.Doors;

/// <summary>Every write needs a key with its role, in both modes; no page on another site can write, with or without one.</summary>
public sealed class WriteDoorTests
{
    private const string WriterKey = "cpk_writer-key-for-door-tests";
    private const string EditorKey = "cpk_editor-key-for-door-tests";

    private static Dictionary<string, string?> Keys(Dictionary<string, string?>? more = null)
    {
        var settings = TestKeys.Settings("importer", WriterKey, 0, ApiRoles.Write).Concat(TestKeys.Settings("desk", EditorKey, 1, ApiRoles.Edit)).ToDictionary();
        foreach (var (key, value) in more ?? []) settings[key] = value;
        return settings;
    }

    /// <summary>No key, a wrong key, a key without the role: refused, problem+json. The right key: done.</summary>
    private static async Task<HttpResponseMessage> AssertDoorAsync(HttpClient client, Func<HttpRequestMessage> request, string key, string keyWithoutRole)
    {
        var missing = await client.SendAsync(request());
        await AssertProblemAsync(missing, HttpStatusCode.Unauthorized, "X-Api-Key");
        Assert.Equal("ApiKey header=\"X-Api-Key\"", missing.Headers.WwwAuthenticate.ToString());
        await AssertProblemAsync(await client.SendAsync(request().WithKey("cpk_a-key-nobody-configured")), HttpStatusCode.Unauthorized, "not valid");
        await AssertProblemAsync(await client.SendAsync(request().WithKey(keyWithoutRole)), HttpStatusCode.Forbidden, "role");
        var done = await client.SendAsync(request().WithKey(key));
        Assert.True(done.IsSuccessStatusCode, $"{done.RequestMessage!.Method} {done.RequestMessage.RequestUri} with the right key answered {(int)done.StatusCode}: {await done.Content.ReadAsStringAsync()}");
        return done;
    }

    public static async Task<string> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string detailMentions)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var detail = (await response.Content.ReadFromJsonAsync<JsonObject>())!["detail"]!.GetValue<string>();
        Assert.Contains(detailMentions, detail);
        return detail;
    }

    [Fact]
    public async Task Every_write_of_the_embedded_host_needs_a_key_with_its_role()
    {
        using var data = new TempDirectory();
        await using var host = await RunningApp.StartAsync(Host.Program.Build, data.Path, Keys(new() { ["ContentPipeline:SeedSampleData"] = "false" }), withTestKey: false);
        using var client = host.AnonymousClient();

        await AssertDoorAsync(client, () => WriteRequests.Article("door-a"), WriterKey, EditorKey);
        await AssertDoorAsync(client, () => WriteRequests.Bulk("door-b"), WriterKey, EditorKey);
        await AssertDoorAsync(client, () => WriteRequests.Page("door-page"), WriterKey, EditorKey);
        await Eventually.Until(() => client.GetAsync("/api/recommendations/door-a/related"), r => r.StatusCode == HttpStatusCode.OK, "door-a is recommended");
        await AssertDoorAsync(client, () => WriteRequests.Pin("door-a"), EditorKey, WriterKey);
        await AssertDoorAsync(client, () => WriteRequests.Unpin("door-a"), EditorKey, WriterKey);
        await AssertDoorAsync(client, () => WriteRequests.Withdraw("door-a"), WriterKey, EditorKey);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/articles/door-a")).StatusCode);
    }

    [Fact]
    public async Task Every_write_of_the_distributed_services_needs_a_key_with_its_role()
    {
        using var data = new TempDirectory();
        await using var ingest = await RunningApp.StartAsync(Ingest.Program.Build, data.Sub("ingest"), Keys(), withTestKey: false);
        using var toIngest = ingest.AnonymousClient();
        await AssertDoorAsync(toIngest, () => WriteRequests.Article("door-a"), WriterKey, EditorKey);
        await AssertDoorAsync(toIngest, () => WriteRequests.Bulk("door-b"), WriterKey, EditorKey);
        await AssertDoorAsync(toIngest, () => WriteRequests.Page("door-page"), WriterKey, EditorKey);
        await AssertDoorAsync(toIngest, () => WriteRequests.Withdraw("door-a"), WriterKey, EditorKey);

        await using var recommendation = await RunningApp.StartAsync(Recommendation.Program.Build, data.Sub("recommendation"), Keys(), withTestKey: false);
        using var toRecommendation = recommendation.AnonymousClient();
        await recommendation.Services.GetRequiredService<IBus>().Publish(new ArticleIndexed
        {
            ArticleId = "door-a", Version = 1, Article = TestArticles.Enriched("Bài viết kiểm tra cửa", "Nội dung", "Thời sự", DateTimeOffset.UtcNow, "door-a", "https://example.vn/door-a"),
        });
        await Eventually.Until(() => toRecommendation.GetAsync("/api/recommendations/door-a/related"), r => r.StatusCode == HttpStatusCode.OK, "door-a is known");
        await AssertDoorAsync(toRecommendation, () => WriteRequests.Pin("door-a"), EditorKey, WriterKey);
        await AssertDoorAsync(toRecommendation, () => WriteRequests.Unpin("door-a"), EditorKey, WriterKey);
    }

    [Fact]
    public async Task A_distributed_service_with_no_key_configured_refuses_every_write_even_from_this_machine()
    {
        using var data = new TempDirectory();
        await using var ingest = await RunningApp.StartAsync(Ingest.Program.Build, data.Path, new Dictionary<string, string?>(), withTestKey: false);
        using var client = ingest.AnonymousClient();
        foreach (var request in new[] { WriteRequests.Article("a"), WriteRequests.Bulk("b"), WriteRequests.Page("c"), WriteRequests.Withdraw("a") })
            Assert.Contains("no API key configured", await AssertProblemAsync(await client.SendAsync(request), HttpStatusCode.Unauthorized, "'keys' command"));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/articles/a")).StatusCode);
    }

    [Fact]
    public async Task The_embedded_host_with_no_key_takes_writes_from_this_machine_only()
    {
        using var data = new TempDirectory();
        // The proxy on this machine forwards a reader from elsewhere: the host must see that address, not its own.
        await using var host = await RunningApp.StartAsync(Host.Program.Build, data.Path,
            new Dictionary<string, string?> { ["ContentPipeline:SeedSampleData"] = "false", ["Network:TrustedProxies:0"] = "127.0.0.1" }, withTestKey: false);
        using var client = host.AnonymousClient();

        Assert.Equal(HttpStatusCode.Accepted, (await client.SendAsync(WriteRequests.Article("local"))).StatusCode);

        var remote = WriteRequests.Article("remote");
        remote.Headers.Add("X-Forwarded-For", "203.0.113.7");
        var detail = await AssertProblemAsync(await client.SendAsync(remote), HttpStatusCode.Unauthorized, "this machine only");
        Assert.Contains("ApiKeys__0__Hash", detail);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/articles/remote")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/articles/local")).StatusCode);
    }

    /// <summary>
    /// What a page on another site can send without a preflight (<c>fetch(url, {mode: 'no-cors', method: 'POST', body})</c>,
    /// or a form): an untyped, text/plain or form body, with its Origin. On the keyless embedded host, from this very machine.
    /// </summary>
    [Theory]
    [InlineData("/api/articles", "text/plain;charset=UTF-8")]
    [InlineData("/api/articles", null)]
    [InlineData("/api/articles/bulk", "text/plain;charset=UTF-8")]
    [InlineData("/api/pages?url=https%3A%2F%2Fexample.vn%2Fforged", "text/plain;charset=UTF-8")]
    [InlineData("/api/articles", "application/x-www-form-urlencoded")]
    public async Task A_no_cors_write_from_another_site_fails(string path, string? contentType)
    {
        using var data = new TempDirectory();
        await using var host = await RunningApp.StartAsync(Host.Program.Build, data.Path, new Dictionary<string, string?> { ["ContentPipeline:SeedSampleData"] = "false" }, withTestKey: false);
        using var client = host.AnonymousClient();
        var body = path.StartsWith("/api/pages") ? WriteRequests.PageText : """{"id":"forged","title":"Bài giả","body":"Nội dung giả mạo."}""";
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) };
        if (contentType is not null) request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        request.Headers.Add("Origin", "http://attacker.example");
        request.Headers.Add("Sec-Fetch-Site", "cross-site");
        request.Headers.Add("Sec-Fetch-Mode", "no-cors");

        // Refused as a cross-site write, or earlier still for its content type: either way, problem+json and nothing stored.
        var response = await client.SendAsync(request);
        if (response.StatusCode == HttpStatusCode.UnsupportedMediaType) await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType, "not accepted");
        else await AssertProblemAsync(response, HttpStatusCode.Forbidden, "http://attacker.example");
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/articles/forged")).StatusCode);
        var search = await client.GetFromJsonAsync<JsonObject>("/api/search?size=1");
        Assert.Equal(0, search!["total"]!.GetValue<long>());
    }

    [Fact]
    public async Task Writes_take_only_their_declared_content_types()
    {
        using var data = new TempDirectory();
        await using var ingest = await RunningApp.StartAsync(Ingest.Program.Build, data.Path, new Dictionary<string, string?>());
        var json = """{"id":"typed","title":"Tiêu đề","body":"Nội dung."}""";
        foreach (var (path, type) in new[] { ("/api/articles", "text/plain"), ("/api/articles/bulk", "application/json"), ("/api/articles/bulk", "text/plain"), ("/api/pages?url=https%3A%2F%2Fexample.vn%2Ft", "application/json") })
        {
            var response = await ingest.Client.PostAsync(path, new StringContent(json, Encoding.UTF8, type));
            await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType, type);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await ingest.Client.GetAsync("/api/articles/typed")).StatusCode);
    }

    [Fact]
    public async Task The_keys_command_prints_a_key_whose_hash_line_the_service_accepts()
    {
        var output = new StringWriter();
        Assert.Equal(0, KeysCommand.Run(["keys", "--name", "cms", "--role", "write"], output));
        var lines = output.ToString().Split('\n', StringSplitOptions.TrimEntries);
        var key = lines.Single(l => l.StartsWith("cpk_"));
        var settings = lines.Where(l => l.StartsWith("ApiKeys__0__")).Select(l => l.Split('=', 2))
            .ToDictionary(p => p[0].Replace("__", ":"), p => (string?)p[1]);
        Assert.Equal("cms", settings["ApiKeys:0:Name"]);
        Assert.Equal("write", settings["ApiKeys:0:Roles:0"]);
        Assert.DoesNotContain(key, settings["ApiKeys:0:Hash"]);

        using var data = new TempDirectory();
        await using var ingest = await RunningApp.StartAsync(Ingest.Program.Build, data.Path, settings, withTestKey: false);
        using var client = ingest.AnonymousClient();
        Assert.Equal(HttpStatusCode.Accepted, (await client.SendAsync(WriteRequests.Article("by-cms").WithKey(key))).StatusCode);
        Assert.Equal(2, KeysCommand.Run(["keys", "--role", "admin"], new StringWriter()));
    }

    [Theory]
    [InlineData("sha256:abc", "Hash must be")]
    [InlineData("the-key-itself", "Hash must be")]
    public async Task A_malformed_key_entry_stops_the_service_saying_what_to_fix(string hash, string message)
    {
        using var data = new TempDirectory();
        var settings = new Dictionary<string, string?> { ["ApiKeys:0:Name"] = "cms", ["ApiKeys:0:Hash"] = hash, ["ApiKeys:0:Roles:0"] = "write" };
        var error = await Assert.ThrowsAsync<ContentPipeline.ServiceDefaults.StartupRefusedException>(() => RunningApp.StartAsync(Ingest.Program.Build, data.Path, settings, withTestKey: false));
        Assert.Contains(message, error.Message);
        Assert.Contains("'keys' command", error.Message);
    }
}
