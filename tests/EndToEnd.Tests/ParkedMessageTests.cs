using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ContentPipeline.Contracts;
using ContentPipeline.ServiceDefaults.Messaging;
using ContentPipeline.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ContentPipeline.EndToEnd.Tests;

/// <summary>
/// On a real RabbitMQ and PostgreSQL, four services: consumers take nothing from the queue on trust (a poison message
/// is parked with its reason, never applied), and what failed for a fault that was then fixed is replayed and applied once.
/// </summary>
public sealed class ParkedMessageTests
{
    private static ArticleContent Content(string title, string body, string? category = "Thời sự") =>
        new() { Title = title, Body = body, Category = category };

    [Fact]
    public async Task Poison_messages_are_parked_with_their_reason_and_nothing_of_them_is_served()
    {
        var settings = await DistributedSettings.CreateAsync();
        settings["ContentPipeline:MessageRetryLimit"] = "1";
        using var data = new TempDirectory();
        await using var services = await DistributedPipeline.StartAsync(settings, data);
        var pipeline = services.Client;
        await pipeline.SubmitAsync(new { id = "stored", title = "Hà Nội mở tuyến buýt điện", body = "Tuyến buýt điện mới nối trung tâm với sân bay." });
        await Eventually.Until(() => pipeline.ArticleAsync("stored"), a => a?["status"]?.GetValue<string>() == "recommended", "the stored article is recommended");

        // What was put on the queues by hand: an article ingest never stored with a null title, one whose section would
        // wedge the index, one whose id cannot be addressed, a withdrawal of nothing.
        var bus = services.Ingest.Services.GetRequiredService<IBus>();
        await bus.Publish(new ArticleSubmitted { ArticleId = "poison-3", Version = 1, Content = Content(null!, "Nội dung không tiêu đề."), SubmittedAt = DateTimeOffset.UtcNow });
        await bus.Publish(new ArticleEnriched { ArticleId = "poison-category", Version = 1, Article = TestArticles.Enriched("Bài có chuyên mục dài", "Nội dung", new string('x', 100_000), DateTimeOffset.UtcNow, "poison-category", null) });
        await bus.Publish(new ArticleIndexed { ArticleId = "..", Version = 1, Article = TestArticles.Enriched("Bài không địa chỉ", "Nội dung", "Thời sự", DateTimeOffset.UtcNow, "..", null) });
        await bus.Publish(new ArticleWithdrawn { ArticleId = "", Version = 0, WithdrawnAt = DateTimeOffset.UtcNow });

        await using var parked = await ParkedMessages.ConnectAsync(settings["ConnectionStrings:RabbitMq"]!);
        var counts = await Eventually.Until(() => parked.CountAsync(), c =>
            c.Single(q => q.Queue == "enrich-article").Faulted == 1 && c.Single(q => q.Queue == "index-article").Faulted == 1
            && c.Single(q => q.Queue == "remember-article").Faulted == 1 && c.Single(q => q.Queue == "remove-article").Faulted == 1
            && c.Single(q => q.Queue == "forget-article").Faulted == 1, "every poison message is parked");
        var poison = Assert.Single(await parked.ListAsync("enrich-article"));
        Assert.Equal("poison-3", poison.ArticleId);
        Assert.Contains("title is empty", poison.Reason);
        Assert.Contains("100000 characters", Assert.Single(await parked.ListAsync("index-article")).Reason);
        Assert.Contains("cannot be addressed", Assert.Single(await parked.ListAsync("remember-article")).Reason);

        // Search and recommendation hold what ingest stored, and nothing else.
        Assert.Equal(1, (await services.Search.Client.GetFromJsonAsync<JsonObject>("/api/search?size=1"))!["total"]!.GetValue<long>());
        Assert.Equal(HttpStatusCode.NotFound, (await services.Ingest.Client.GetAsync("/api/articles/poison-3")).StatusCode);
        foreach (var id in new[] { "poison-3", "poison-category" })
            Assert.Equal(HttpStatusCode.NotFound, (await services.Recommendation.Client.GetAsync($"/api/blocks/{id}")).StatusCode);
        Assert.Empty((await services.Search.Client.GetFromJsonAsync<JsonObject>("/api/search?q=khong+tieu+de"))!["items"]!.AsArray());
        Assert.True(counts.All(q => q.Skipped == 0));
    }

    [Fact]
    public async Task A_well_formed_article_published_without_the_services_key_is_parked_not_applied()
    {
        var settings = await DistributedSettings.CreateAsync();
        using var data = new TempDirectory();
        await using var ingest = await RunningApp.StartAsync(Ingest.Program.Build, data.Sub("ingest"), settings);
        await using var enrichment = await RunningApp.StartAsync(Enrichment.Program.Build, data.Sub("enrichment"), settings);
        await using var search = await RunningApp.StartAsync(SearchIndex.Program.Build, data.Sub("search"), settings);
        // Someone who can reach the broker but has not the services' key.
        var broker = RabbitMqAddress.Parse(settings["ConnectionStrings:RabbitMq"]!);
        var forger = Bus.Factory.CreateUsingRabbitMq(cfg => cfg.Host(broker.Host, broker.Port, broker.VirtualHost, h =>
        {
            h.Username(broker.Username);
            h.Password(broker.Password);
        }));
        await forger.StartAsync();
        await forger.Publish(new ArticleSubmitted
        {
            ArticleId = "forged-valid", Version = 1, SubmittedAt = DateTimeOffset.UtcNow,
            Content = Content("Bài viết hợp lệ nhưng giả mạo", "Nội dung hợp lệ về mọi mặt, chỉ là không do ingest lưu."),
        });
        await forger.StopAsync();
        await using var parked = await ParkedMessages.ConnectAsync(settings["ConnectionStrings:RabbitMq"]!);
        var refused = await Eventually.Until(() => parked.ListAsync("enrich-article"), m => m.Count == 1, "the forged article is parked");
        Assert.Equal("forged-valid", refused[0].ArticleId);
        Assert.Contains("carries no CP-Seal", refused[0].Reason);

        // The pipeline's own messages still go through.
        var pipeline = new PipelineClient(ingest.Client, search.Client, search.Client);
        await pipeline.SubmitAsync(new { id = "genuine", title = "Bài viết thật", body = "Nội dung do ingest lưu." });
        await Eventually.Until(() => pipeline.SearchAsync("bai viet that"), h => h.Any(x => x.Id == "genuine"), "the genuine article is searchable");
        Assert.DoesNotContain(await pipeline.SearchAsync("gia mao"), h => h.Id == "forged-valid");
    }

    [Fact]
    public async Task A_message_parked_by_a_fault_is_replayed_once_the_fault_is_fixed_and_applied_once()
    {
        var settings = await DistributedSettings.CreateAsync();
        settings["ContentPipeline:MessageRetryLimit"] = "1";
        using var data = new TempDirectory();
        await using var services = await DistributedPipeline.StartAsync(settings, data);
        var pipeline = services.Client;
        await using var parked = await ParkedMessages.ConnectAsync(settings["ConnectionStrings:RabbitMq"]!);

        // A migration gone wrong: enrichment's table is not where it writes.
        await SqlAsync(settings, "ALTER TABLE enrichment_documents RENAME TO enrichment_documents_moved");
        await pipeline.SubmitAsync(new { id = "delayed", title = "Cầu Vĩnh Tuy sửa mặt cầu", body = "Sở Xây dựng phân luồng giao thông trên cầu Vĩnh Tuy trong 45 ngày." });
        var stuck = await Eventually.Until(() => parked.ListAsync("enrich-article"), m => m.Count == 1, "the article's message is parked");
        Assert.Equal("delayed", stuck[0].ArticleId);
        Assert.Contains("enrichment_documents", stuck[0].Reason);
        Assert.Equal("submitted", (await pipeline.ArticleAsync("delayed"))!["status"]!.GetValue<string>());

        await SqlAsync(settings, "ALTER TABLE enrichment_documents_moved RENAME TO enrichment_documents");
        Assert.Equal(0, await parked.ReplayAsync("enrich-article", "not-a-parked-message-id"));
        Assert.Equal(1, await parked.ReplayAsync("enrich-article", stuck[0].MessageId));
        await Eventually.Until(() => pipeline.ArticleAsync("delayed"), a => a?["status"]?.GetValue<string>() == "recommended", "the replayed article is recommended");
        Assert.Empty(await parked.ListAsync("enrich-article"));
        Assert.Equal(["delayed"], (await pipeline.SearchAsync("cau vinh tuy")).Select(h => h.Id));
        Assert.Equal(1L, await SqlAsync(settings, "SELECT count(*) FROM enrichment_documents WHERE article_id = 'delayed'"));
    }

    private static async Task<object?> SqlAsync(Dictionary<string, string?> settings, string sql)
    {
        await using var connection = new NpgsqlConnection(settings["ConnectionStrings:Postgres"]);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}
