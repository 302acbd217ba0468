using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using ContentPipeline.Testing;
using Npgsql;

namespace ContentPipeline.EndToEnd.Tests;

/// <summary>
/// The outbox promise on real parts: ingest (its own process, on PostgreSQL and RabbitMQ, with no other service
/// running yet) is killed while its relay is still publishing; once the other services start and ingest restarts,
/// every accepted article travels the whole pipeline, once per version.
/// </summary>
public sealed class OutboxCrashTests
{
    private const int Articles = 1500;

    [Fact]
    public async Task Every_accepted_article_is_delivered_after_ingest_is_killed_mid_publish()
    {
        var settings = await DistributedSettings.CreateAsync();
        var database = settings["ConnectionStrings:Postgres"]!;
        using var data = new TempDirectory();
        using (var ingest = await ServiceProcess.StartAsync("ContentPipeline.Ingest.dll", data.Sub("ingest"), settings))
        {
            var ndjson = string.Join('\n', Enumerable.Range(0, Articles).Select(i =>
                $"{{\"id\":\"crash-{i}\",\"title\":\"Bài kiểm tra số {i}\",\"body\":\"Nội dung bài kiểm tra độ bền số {i}.\",\"category\":\"Thời sự\"}}"));
            var response = await ingest.Client.PostAsync("/api/articles/bulk", new StringContent(ndjson, Encoding.UTF8, "application/x-ndjson"));
            Assert.Equal(Articles, (await response.Content.ReadFromJsonAsync<JsonObject>())!["accepted"]!.GetValue<int>());
            ingest.Kill();
        }

        var unpublished = await CountAsync(database, "SELECT count(*) FROM ingest_outbox WHERE published_at IS NULL");
        Assert.True(unpublished > 0, "ingest was killed before its relay had published everything");

        // What was published before any consumer existed waited in their queues.
        await using var enrichment = await RunningApp.StartAsync(Enrichment.Program.Build, data.Sub("enrichment"), settings);
        await using var search = await RunningApp.StartAsync(SearchIndex.Program.Build, data.Sub("search"), settings);
        await using var recommendation = await RunningApp.StartAsync(Recommendation.Program.Build, data.Sub("recommendation"), settings);
        await using var restarted = await RunningApp.StartAsync(Ingest.Program.Build, data.Sub("ingest"), settings);
        await Eventually.Until(() => CountAsync(database, "SELECT count(*) FROM ingest_articles WHERE stage = 4 AND version = 1"),
            n => n == Articles, $"all {Articles} articles are recommended", TimeSpan.FromMinutes(3));
        Assert.Equal(0, await CountAsync(database, "SELECT count(*) FROM ingest_outbox WHERE published_at IS NULL"));
        Assert.Equal(Articles, await CountAsync(database, "SELECT count(*) FROM enrichment_versions WHERE version = 1"));
        var all = await search.Client.GetFromJsonAsync<JsonObject>("/api/search?category=Th%E1%BB%9Di%20s%E1%BB%B1&size=1");
        Assert.Equal(Articles, all!["total"]!.GetValue<long>());
    }

    private static async Task<long> CountAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
