using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ContentPipeline.Testing;
using Microsoft.Data.Sqlite;

namespace ContentPipeline.EndToEnd.Tests;

/// <summary>The one-command mode: all four services in one process, in-memory bus, Lucene and SQLite on disk.</summary>
public sealed class EmbeddedModeTests
{
    private static Task<RunningApp> StartAsync(string dataDirectory, bool sampleData = false) =>
        RunningApp.StartAsync(Host.Program.Build, dataDirectory, new Dictionary<string, string?>
        {
            ["ContentPipeline:SeedSampleData"] = sampleData.ToString(),
        });

    [Fact]
    public async Task Article_flows_through_search_and_related_and_is_withdrawn_everywhere()
    {
        using var data = new TempDirectory();
        await using var host = await StartAsync(data.Path);
        await PipelineScenario.RunAsync(new PipelineClient(host.Client, host.Client, host.Client));
    }

    [Fact]
    public async Task First_start_loads_the_sample_articles_and_a_restart_keeps_everything()
    {
        using var data = new TempDirectory();
        await using (var host = await StartAsync(data.Path, sampleData: true))
        {
            var pipeline = new PipelineClient(host.Client, host.Client, host.Client);
            await Eventually.Until(() => pipeline.ArticleAsync("hdnd-ha-noi-be-mac-ky-hop-thu-tu"),
                a => a?["status"]?.GetValue<string>() == "recommended", "a sample article is recommended");
            var all = await Eventually.Until(() => host.Client.GetFromJsonAsync<JsonObject>("/api/search?size=1"),
                r => r!["total"]!.GetValue<long>() >= 41, "all sample articles are searchable");
            Assert.True(all!["facets"]!["category"]!.AsObject().Count >= 5, "the sample spans at least five sections");
            await pipeline.SubmitAsync(new { id = "added-by-user", title = "Bài viết người dùng thêm", body = "Nội dung do người dùng thêm sau khi cài đặt." });
            await Eventually.Until(() => pipeline.SearchAsync("nguoi dung them"), h => h.Any(x => x.Id == "added-by-user"), "the user's article is searchable");
            // An article that comes without a section gets one inferred from the labelled sample articles.
            await pipeline.SubmitAsync(new { id = "no-section", title = "Đội tuyển bóng đá thắng đậm ở vòng loại", body = FootballReport });
            var inferred = await Eventually.Until(() => pipeline.ArticleAsync("no-section"), a => a?["status"]?.GetValue<string>() == "recommended", "the unlabelled article is recommended");
            Assert.Equal("Thể thao", inferred!["enrichment"]!["category"]!.GetValue<string>());
            Assert.True(inferred["enrichment"]!["categoryInferred"]!.GetValue<bool>());
            await pipeline.WithdrawAsync("hdnd-ha-noi-be-mac-ky-hop-thu-tu");
            await Eventually.Until(() => pipeline.SearchAsync("be mac ky hop"), h => h.All(x => x.Id != "hdnd-ha-noi-be-mac-ky-hop-thu-tu"), "the withdrawn sample is gone");
        }

        await using (var restarted = await StartAsync(data.Path, sampleData: true))
        {
            var pipeline = new PipelineClient(restarted.Client, restarted.Client, restarted.Client);
            Assert.Contains(await pipeline.SearchAsync("nguoi dung them"), h => h.Id == "added-by-user");
            // Whatever was still in flight when it stopped is finished after the restart.
            await Eventually.Until(() => pipeline.ArticleAsync("added-by-user"), a => a?["status"]?.GetValue<string>() == "recommended",
                "the user's article is recommended after the restart");
            // What the corpus taught enrichment survived the restart: sections are still inferred.
            await pipeline.SubmitAsync(new { id = "no-section-2", title = "Tiền đạo ghi bàn phút cuối giúp đội nhà giành chiến thắng", body = FootballReport });
            var inferred = await Eventually.Until(() => pipeline.ArticleAsync("no-section-2"), a => a?["status"]?.GetValue<string>() == "recommended", "the second unlabelled article is recommended");
            Assert.Equal("Thể thao", inferred!["enrichment"]!["category"]!.GetValue<string>());
            // The sample is not loaded again over what the user changed.
            await Task.Delay(500);
            Assert.Null(await pipeline.ArticleAsync("hdnd-ha-noi-be-mac-ky-hop-thu-tu"));
            Assert.DoesNotContain(await pipeline.SearchAsync("be mac ky hop"), h => h.Id == "hdnd-ha-noi-be-mac-ky-hop-thu-tu");
        }
    }

    private const string FootballReport = "Trong trận đấu tối qua, đội tuyển giành chiến thắng 3-0 trước đối thủ. Huấn luyện viên cho biết các cầu thủ "
        + "đã thi đấu kỷ luật, tiền đạo ghi hai bàn thắng và thủ môn cản phá quả phạt đền. Kết quả giúp đội bóng dẫn đầu bảng đấu ở vòng loại.";

    [Fact]
    public async Task What_the_in_memory_bus_lost_at_a_stop_is_finished_after_the_restart()
    {
        using var data = new TempDirectory();
        await using (var host = await StartAsync(data.Path))
        {
            var pipeline = new PipelineClient(host.Client, host.Client, host.Client);
            await pipeline.SubmitAsync(new { id = "in-flight", title = "Bài đang xử lý dở", body = "Nội dung bài đang xử lý dở." });
            await Eventually.Until(() => pipeline.ArticleAsync("in-flight"), a => a?["status"]?.GetValue<string>() == "recommended", "the article is recommended");
        }
        // As if the process had stopped with the article's later events still on the in-memory bus.
        await using (var connection = new SqliteConnection($"Data Source={Path.Combine(data.Path, "ingest.db")};Pooling=false"))
        {
            await connection.OpenAsync();
            await using var rewind = new SqliteCommand("UPDATE ingest_articles SET stage = 1, enrichment = NULL WHERE id = 'in-flight'", connection);
            Assert.Equal(1, await rewind.ExecuteNonQueryAsync());
        }

        await using var restarted = await StartAsync(data.Path);
        var again = new PipelineClient(restarted.Client, restarted.Client, restarted.Client);
        var article = await Eventually.Until(() => again.ArticleAsync("in-flight"), a => a?["status"]?.GetValue<string>() == "recommended",
            "the article is driven through the pipeline again");
        Assert.Equal(1, article!["version"]!.GetValue<long>());
        Assert.Equal("vi", article["enrichment"]!["language"]!.GetValue<string>());
    }

    [Fact]
    public async Task Operational_endpoints_answer()
    {
        using var data = new TempDirectory();
        await using var host = await StartAsync(data.Path);
        Assert.Equal("Healthy", await host.Client.GetStringAsync("/health/live"));
        Assert.Equal("Healthy", await host.Client.GetStringAsync("/health/ready"));
        Assert.Contains("http_requests_received_total", await host.Client.GetStringAsync("/metrics"));
        var openApi = await host.Client.GetFromJsonAsync<JsonObject>("/openapi/v1.json");
        foreach (var path in new[] { "/api/articles", "/api/articles/bulk", "/api/pages", "/api/search", "/api/suggest", "/api/feeds/more", "/api/events" })
            Assert.True(openApi!["paths"]!.AsObject().ContainsKey(path), $"OpenAPI lists {path}");
        // Search shows a worked example: the query typed and an answer with highlights and facets.
        var search = openApi!["paths"]!["/api/search"]!["get"]!;
        Assert.Equal("hdnd ha noi", search["parameters"]!.AsArray().Single(p => p!["name"]!.GetValue<string>() == "q")!["example"]!.GetValue<string>());
        var answer = search["responses"]!["200"]!["content"]!["application/json"]!["example"]!;
        Assert.Contains("<em>", answer["items"]![0]!["highlights"]!["title"]![0]!.GetValue<string>());
        Assert.Equal(30, answer["facets"]!["category"]!["Thời sự"]!.GetValue<int>());
        // The browsable reference of the OpenAPI document, served without any outside request.
        var reference = await host.Client.GetAsync("/scalar/v1");
        Assert.Equal(System.Net.HttpStatusCode.OK, reference.StatusCode);
        Assert.Equal("text/html", reference.Content.Headers.ContentType!.MediaType);
        var page = await reference.Content.ReadAsStringAsync();
        var script = System.Text.RegularExpressions.Regex.Match(page, "<script[^>]+src=\"([^\"]+)\"").Groups[1].Value;
        Assert.StartsWith("/scalar", new Uri(new Uri(host.Client.BaseAddress!, "/scalar/v1"), script).AbsolutePath);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await host.Client.GetAsync(new Uri(new Uri(host.Client.BaseAddress!, "/scalar/v1"), script))).StatusCode);
        var widget = await host.Client.GetAsync("/widget.js");
        Assert.Equal("text/javascript", widget.Content.Headers.ContentType!.MediaType);
        Assert.DoesNotContain("innerHTML", await widget.Content.ReadAsStringAsync());
    }
}
