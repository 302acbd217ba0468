using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ContentPipeline.Contracts;
using ContentPipeline.Enrichment.Understanding;
using ContentPipeline.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace ContentPipeline.EndToEnd.Tests;

/// <summary>
/// Every consumer is idempotent on (ArticleId, Version): a message delivered again, or an older version arriving
/// after a newer one, changes nothing anywhere. Shown on the embedded host by putting such messages on its bus.
/// </summary>
public sealed class RedeliveryTests : IAsyncLifetime
{
    private readonly TempDirectory _data = new();
    private RunningApp _host = null!;
    private PipelineClient _pipeline = null!;
    private IBus Bus => _host.Services.GetRequiredService<IBus>();

    public async ValueTask InitializeAsync()
    {
        _host = await RunningApp.StartAsync(Host.Program.Build, _data.Path, new Dictionary<string, string?> { ["ContentPipeline:SeedSampleData"] = "false" });
        _pipeline = new PipelineClient(_host.Client, _host.Client, _host.Client);
        await _pipeline.SubmitAsync(new { id = "redelivered", title = "Bản một về trạm bơm", body = "Trạm bơm chống ngập." });
        await _pipeline.SubmitAsync(new { id = "redelivered", title = "Bản hai về trạm bơm", body = "Trạm bơm chống ngập đã xong." });
        await Eventually.Until(() => _pipeline.ArticleAsync("redelivered"),
            a => a?["version"]?.GetValue<long>() == 2 && a["status"]?.GetValue<string>() == "recommended", "version 2 is recommended");
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        _data.Dispose();
    }

    private static ArticleEnriched Enriched(long version, string title) => new()
    {
        ArticleId = "redelivered",
        Version = version,
        Article = new ArticleEnricher(new CorpusStatistics(), new StoryIndex(), new LanguageDetection(["vi"]))
            .Enrich("redelivered", new ArticleContent { Title = title, Body = "Trạm bơm chống ngập." }).Article,
    };

    private async Task AssertStillVersionTwoAsync()
    {
        Assert.Equal([("redelivered", "Bản hai về trạm bơm")], await _pipeline.SearchAsync("tram bom"));
        var article = await _pipeline.ArticleAsync("redelivered");
        Assert.Equal(2, article!["version"]!.GetValue<long>());
        Assert.Equal("recommended", article["status"]!.GetValue<string>());
        Assert.Equal("Bản hai về trạm bơm", article["article"]!["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task Older_version_after_newer_changes_nothing()
    {
        var indexed = new ConsumedProbe<ArticleEnriched>("index-article", m => m.Version == 1);
        var tracked = new ConsumedProbe<ArticleEnriched>("track-article-progress", m => m.Version == 1);
        using var a = Bus.ConnectConsumeMessageObserver(indexed);
        using var b = Bus.ConnectConsumeMessageObserver(tracked);

        await Bus.Publish(Enriched(1, "Bản một cũ đến muộn"), TestContext.Current.CancellationToken);
        await Task.WhenAll(indexed.Consumed, tracked.Consumed);
        await AssertStillVersionTwoAsync();
    }

    [Fact]
    public async Task Duplicate_delivery_of_the_same_version_changes_nothing()
    {
        var recorder = new PublishedRecorder<ArticleEnriched>();
        using var observer = Bus.ConnectPublishObserver(recorder);
        var enriched = new ConsumedProbe<ArticleSubmitted>("enrich-article", m => m.Version == 2);
        var remembered = new ConsumedProbe<ArticleIndexed>("remember-article", m => m.Article.Content.Title == "Bản hai giả mạo");
        using var a = Bus.ConnectConsumeMessageObserver(enriched);
        using var b = Bus.ConnectConsumeMessageObserver(remembered);

        // The same version again, even with other content, changes nothing downstream.
        await Bus.Publish(new ArticleSubmitted
        {
            ArticleId = "redelivered", Version = 2, SubmittedAt = DateTimeOffset.UtcNow,
            Content = new ArticleContent { Title = "Bản hai giả mạo", Body = "Khác." },
        }, TestContext.Current.CancellationToken);
        await enriched.Consumed;
        Assert.All(recorder.Messages, m => Assert.Equal(2, m.Version));

        // Downstream: search-index and recommendation keep what they have for version 2.
        await Bus.Publish(Enriched(2, "Bản hai giả mạo"), TestContext.Current.CancellationToken);
        await remembered.Consumed;
        await AssertStillVersionTwoAsync();
        var feed = await _host.Client.GetFromJsonAsync<JsonObject>("/api/feeds/more?size=5");
        Assert.Equal([("redelivered", "Bản hai về trạm bơm")], PipelineClient.Items(feed!));
    }
}
