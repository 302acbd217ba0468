using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using ContentPipeline.Contracts;
using ContentPipeline.Recommendation.Featured;
using ContentPipeline.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace ContentPipeline.EndToEnd.Tests.Doors;

/// <summary>Readers' events: keyless, from the listed embedding sites only, counted once per reader, never bought.</summary>
public sealed class ReaderEventTests : IAsyncLifetime
{
    private const string Embedder = "http://news.example.vn";
    private readonly TempDirectory _data = new();
    private RunningApp _app = null!;
    private HttpClient _client = null!;

    public async ValueTask InitializeAsync()
    {
        _app = await RunningApp.StartAsync(Recommendation.Program.Build, _data.Path, new Dictionary<string, string?>
        {
            ["Widget:AllowedOrigins:0"] = Embedder,
            ["Network:TrustedProxies:0"] = "127.0.0.1",
        }, withTestKey: false);
        _client = _app.AnonymousClient();
        var bus = _app.Services.GetRequiredService<IBus>();
        foreach (var id in new[] { "target", "rival", "single" })
            await bus.Publish(new ArticleIndexed { ArticleId = id, Version = 1, Article = TestArticles.Enriched($"Bài {id}", "Nội dung", "Thời sự", DateTimeOffset.UtcNow, id, $"https://example.vn/{id}") });
        foreach (var id in new[] { "target", "rival", "single" })
            await Eventually.Until(() => _client.GetAsync($"/api/recommendations/{id}/related"), r => r.StatusCode == HttpStatusCode.OK, $"{id} is known");
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
        _data.Dispose();
    }

    private Task<HttpResponseMessage> SendAsync(string address, object body, string? origin = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/events") { Content = JsonContent.Create(body) };
        request.Headers.Add("X-Forwarded-For", address);
        if (origin is not null) request.Headers.Add("Origin", origin);
        return _client.SendAsync(request);
    }

    private double Score(string id) => _app.Services.GetRequiredService<TrendingTracker>().Top(10).SingleOrDefault(s => s.ArticleId == id).Score;

    private async Task<List<string>> FeaturedAsync() =>
        (await _client.GetFromJsonAsync<JsonObject>("/api/feeds/featured?size=3"))!["items"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()).ToList();

    [Fact]
    public async Task One_client_sending_ten_thousand_clicks_counts_as_one_reader_and_two_hundred_readers_move_featured()
    {
        // Three readers on three machines read the rival; one reader clicks "single" once: the yardstick of one reader.
        for (var i = 1; i <= 3; i++) Assert.Equal(HttpStatusCode.Accepted, (await SendAsync($"10.0.0.{i}", new { readerId = $"reader-rival-{i}", events = new[] { new { type = "click", articleId = "rival" } } })).StatusCode);
        await SendAsync("10.0.1.1", new { readerId = "reader-single", events = new[] { new { type = "click", articleId = "single" } } });

        // One client: 10,000 clicks in 50 bodies of 200, half of them inventing a new reader id for every body.
        for (var body = 0; body < 50; body++)
        {
            var clicks = Enumerable.Repeat(new { type = "click", articleId = "target" }, 200).ToArray();
            var response = await SendAsync("198.51.100.9", body % 2 == 0 ? clicks : new { readerId = $"forged-reader-{body}", events = clicks });
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }
        // Scores decay between reads: equal to within what a few milliseconds of a six-hour half-life take.
        Assert.Equal(Score("single"), Score("target"), 0.001);
        Assert.Equal("rival", (await FeaturedAsync())[0]);

        // 200 readers, each on their own machine, click it once: it leads.
        for (var reader = 0; reader < 200; reader++)
        {
            var response = await SendAsync($"10.1.{reader / 250}.{reader % 250 + 1}", new { readerId = $"reader-{reader:D4}-x", events = new[] { new { type = "click", articleId = "target" } } });
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }
        Assert.Equal("target", (await FeaturedAsync())[0]);
        Assert.True(Score("target") > 100 * Score("single"), $"target {Score("target")}, one reader {Score("single")}");
    }

    [Fact]
    public async Task A_reader_counts_once_per_article_and_kind_however_often_they_repeat_it()
    {
        var body = new { readerId = "reader-repeats", events = new[] { new { type = "view", articleId = "rival" }, new { type = "view", articleId = "rival" }, new { type = "click", articleId = "rival" } } };
        var first = (await (await SendAsync("10.2.0.1", body)).Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(3, first["accepted"]!.GetValue<int>());
        Assert.Equal(2, first["counted"]!.GetValue<int>());
        // The same reader from another network (a phone leaving the office wifi) is still the same reader.
        var again = (await (await SendAsync("10.3.0.1", body)).Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(0, again["counted"]!.GetValue<int>());
    }

    [Fact]
    public async Task Listed_embedding_sites_get_cors_for_events_and_others_are_refused()
    {
        var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/events");
        preflight.Headers.Add("Origin", Embedder);
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "content-type");
        var allowed = await _client.SendAsync(preflight);
        Assert.Equal(HttpStatusCode.NoContent, allowed.StatusCode);
        Assert.Equal(Embedder, allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Equal("true", allowed.Headers.GetValues("Access-Control-Allow-Credentials").Single());

        var foreign = new HttpRequestMessage(HttpMethod.Options, "/api/events");
        foreign.Headers.Add("Origin", "http://elsewhere.example");
        foreign.Headers.Add("Access-Control-Request-Method", "POST");
        Assert.False((await _client.SendAsync(foreign)).Headers.Contains("Access-Control-Allow-Origin"));

        var posted = await SendAsync("10.4.0.1", new { readerId = "reader-embedded", events = new[] { new { type = "view", articleId = "single" } } }, Embedder);
        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        Assert.Equal(Embedder, posted.Headers.GetValues("Access-Control-Allow-Origin").Single());
        var before = Score("single");
        var refused = await SendAsync("10.4.0.2", new { readerId = "reader-elsewhere", events = new[] { new { type = "click", articleId = "single" } } }, "http://elsewhere.example");
        await WriteDoorTests.AssertProblemAsync(refused, HttpStatusCode.Forbidden, "Widget:AllowedOrigins");
        Assert.Equal(before, Score("single"), 0.001);
    }

    [Fact]
    public async Task Events_come_as_json_and_small()
    {
        var typed = new HttpRequestMessage(HttpMethod.Post, "/api/events") { Content = new StringContent("""[{"type":"view","articleId":"single"}]""", Encoding.UTF8, "garbage/!!") };
        await WriteDoorTests.AssertProblemAsync(await _client.SendAsync(typed), HttpStatusCode.UnsupportedMediaType, "garbage/!!");

        // A megabyte of events: refused by its declared length, and unread when it declares none.
        var huge = Encoding.UTF8.GetBytes("[" + string.Join(",", Enumerable.Repeat("""{"type":"click","articleId":"target"}""", 28_000)) + "]");
        var declared = new HttpRequestMessage(HttpMethod.Post, "/api/events") { Content = new ByteArrayContent(huge) { Headers = { ContentType = new("application/json") } } };
        await WriteDoorTests.AssertProblemAsync(await _client.SendAsync(declared), HttpStatusCode.RequestEntityTooLarge, "65536");
        var chunked = new HttpRequestMessage(HttpMethod.Post, "/api/events") { Content = new StreamContent(new MemoryStream(huge)) { Headers = { ContentType = new("application/json") } } };
        chunked.Headers.TransferEncodingChunked = true;
        await WriteDoorTests.AssertProblemAsync(await _client.SendAsync(chunked), HttpStatusCode.RequestEntityTooLarge, "65536");
        Assert.Equal(0, Score("target"));
    }
}
