using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ContentPipeline.Contracts;
using ContentPipeline.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace ContentPipeline.Recommendation.Tests.Api;

/// <summary>
/// Editors' pins in "Nên xem", over real HTTP, with the editor key set as an operator of an earlier version set it
/// (the deprecated Recommendation:EditorApiKey, read as a key with the edit role).
/// </summary>
public sealed class FeaturedPinTests : IAsyncLifetime
{
    private const string EditorKey = "editor-secret";
    private readonly TempDirectory _data = new();
    private readonly Dictionary<string, string?> _settings = new()
    {
        ["Recommendation:EditorApiKey"] = EditorKey,
        // Each test's clicks stand for several readers on one machine.
        ["Recommendation:ReadersPerAddress"] = "100",
    };
    private RunningApp _app = null!;

    public async ValueTask InitializeAsync()
    {
        _app = await RunningApp.StartAsync(Program.Build, _data.Path, _settings, withTestKey: false);
        var bus = _app.Services.GetRequiredService<IBus>();
        foreach (var id in new[] { "hot", "quiet", "later" })
            await bus.Publish(new ArticleIndexed { ArticleId = id, Version = 1, Article = TestArticles.Enriched($"Bài {id}", "Nội dung", "Thời sự", DateTimeOffset.UtcNow, id, $"https://example.vn/{id}") });
        foreach (var id in new[] { "hot", "quiet", "later" })
            await Eventually.Until(() => _app.Client.GetAsync($"/api/recommendations/{id}/related"), r => r.StatusCode == HttpStatusCode.OK, $"{id} is known");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _data.Dispose();
    }

    private Task<HttpResponseMessage> PinAsync(object body, string? key = EditorKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/feeds/featured/pins") { Content = JsonContent.Create(body) };
        if (key is not null) request.Headers.Add("X-Api-Key", key);
        return _app.Client.SendAsync(request);
    }

    private async Task<List<string>> FeaturedAsync() =>
        (await _app.Client.GetFromJsonAsync<JsonObject>("/api/feeds/featured?size=3"))!["items"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()).ToList();

    [Fact]
    public async Task A_pin_stands_first_until_taken_away_and_outlives_a_restart()
    {
        await Readers.SendAsync(_app.Client, "click", "hot", 5);
        Assert.Equal("hot", (await FeaturedAsync())[0]);

        var pinned = await PinAsync(new { articleId = "quiet", expiresAt = DateTimeOffset.UtcNow.AddHours(1) });
        Assert.Equal(HttpStatusCode.Created, pinned.StatusCode);
        Assert.Equal(["quiet", "hot"], (await FeaturedAsync()).Take(2));
        var item = (await _app.Client.GetFromJsonAsync<JsonObject>("/api/feeds/featured?size=1"))!["items"]![0]!;
        Assert.Equal("Ban biên tập chọn", item["reason"]!.GetValue<string>());

        await _app.DisposeAsync();
        _app = await RunningApp.StartAsync(Program.Build, _data.Path, _settings, withTestKey: false);
        Assert.Equal("quiet", (await FeaturedAsync())[0]);

        var request = new HttpRequestMessage(HttpMethod.Delete, "/api/feeds/featured/pins/quiet");
        request.Headers.Add("X-Api-Key", EditorKey);
        Assert.Equal(HttpStatusCode.NoContent, (await _app.Client.SendAsync(request)).StatusCode);
        Assert.Empty((await _app.Client.GetFromJsonAsync<JsonObject>("/api/feeds/featured/pins"))!["pins"]!.AsArray());
        Assert.NotEqual("quiet", (await FeaturedAsync())[0]);
    }

    [Fact]
    public async Task What_readers_read_outlives_a_restart()
    {
        var before = await FeaturedAsync();
        var last = before[^1];
        await Readers.SendAsync(_app.Client, "click", last, 5);
        Assert.Equal(last, (await FeaturedAsync())[0]);

        await _app.DisposeAsync();
        _app = await RunningApp.StartAsync(Program.Build, _data.Path, _settings, withTestKey: false);
        Assert.Equal(last, (await FeaturedAsync())[0]);
    }

    [Fact]
    public async Task A_pin_waits_for_its_start()
    {
        var response = await PinAsync(new { articleId = "later", startsAt = DateTimeOffset.UtcNow.AddHours(1), expiresAt = DateTimeOffset.UtcNow.AddHours(2) });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var featured = (await _app.Client.GetFromJsonAsync<JsonObject>("/api/feeds/featured?size=3"))!["items"]!.AsArray();
        Assert.DoesNotContain(featured, i => i!["reason"]!.GetValue<string>() == "Ban biên tập chọn");
        var pins = (await _app.Client.GetFromJsonAsync<JsonObject>("/api/feeds/featured/pins"))!["pins"]!.AsArray();
        Assert.Equal("later", Assert.Single(pins)!["articleId"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData("wrong", HttpStatusCode.Unauthorized)]
    public async Task Changing_pins_needs_the_editor_key(string? key, HttpStatusCode expected)
    {
        var response = await PinAsync(new { articleId = "quiet", expiresAt = DateTimeOffset.UtcNow.AddHours(1) }, key);
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty((await _app.Client.GetFromJsonAsync<JsonObject>("/api/feeds/featured/pins"))!["pins"]!.AsArray());
    }

    [Fact]
    public async Task Bad_pins_are_refused_with_a_reason()
    {
        async Task<string> Refusal(object body, HttpStatusCode status)
        {
            var response = await PinAsync(body);
            Assert.Equal(status, response.StatusCode);
            return (await response.Content.ReadFromJsonAsync<JsonObject>())!["detail"]!.GetValue<string>();
        }
        Assert.Contains("expiresAt is required", await Refusal(new { articleId = "quiet" }, HttpStatusCode.BadRequest));
        Assert.Contains("has already passed", await Refusal(new { articleId = "quiet", expiresAt = DateTimeOffset.UtcNow.AddHours(-1) }, HttpStatusCode.BadRequest));
        Assert.Contains("must come after startsAt", await Refusal(new { articleId = "quiet", startsAt = DateTimeOffset.UtcNow.AddHours(3), expiresAt = DateTimeOffset.UtcNow.AddHours(2) }, HttpStatusCode.BadRequest));
        Assert.Contains("nope", await Refusal(new { articleId = "nope", expiresAt = DateTimeOffset.UtcNow.AddHours(1) }, HttpStatusCode.NotFound));
    }

    [Fact]
    public async Task Without_a_key_configured_no_one_may_change_pins()
    {
        using var data = new TempDirectory();
        await using var app = await RunningApp.StartAsync(Program.Build, data.Path, new Dictionary<string, string?>(), withTestKey: false);
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/feeds/featured/pins") { Content = JsonContent.Create(new { articleId = "a", expiresAt = DateTimeOffset.UtcNow.AddHours(1) }) };
        request.Headers.Add("X-Api-Key", "anything");
        var response = await app.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("no API key configured", (await response.Content.ReadFromJsonAsync<JsonObject>())!["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Pins_need_the_edit_role_not_just_any_key()
    {
        using var data = new TempDirectory();
        var settings = TestKeys.Settings("importer", "importer-key", 0, "write")
            .Concat(TestKeys.Settings("desk", "desk-key", 1, "edit")).ToDictionary();
        await using var app = await RunningApp.StartAsync(Program.Build, data.Path, settings);
        await app.Services.GetRequiredService<IBus>().Publish(new ArticleIndexed { ArticleId = "hot", Version = 1, Article = TestArticles.Enriched("Bài hot", "Nội dung", "Thời sự", DateTimeOffset.UtcNow, "hot", "https://example.vn/hot") });
        await Eventually.Until(() => app.Client.GetAsync("/api/recommendations/hot/related"), r => r.StatusCode == HttpStatusCode.OK, "hot is known");

        async Task<HttpResponseMessage> Pin(string key)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/feeds/featured/pins") { Content = JsonContent.Create(new { articleId = "hot", expiresAt = DateTimeOffset.UtcNow.AddHours(1) }) };
            request.Headers.Add("X-Api-Key", key);
            using var anonymous = app.AnonymousClient();
            return await anonymous.SendAsync(request);
        }
        var refused = await Pin("importer-key");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("'edit' role", (await refused.Content.ReadFromJsonAsync<JsonObject>())!["detail"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Created, (await Pin("desk-key")).StatusCode);
    }
}
