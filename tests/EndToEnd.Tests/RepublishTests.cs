using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ContentPipeline.Ingest.Importing;
using ContentPipeline.Testing;

namespace ContentPipeline.EndToEnd.Tests;

public sealed class RepublishTests
{
    [Fact]
    public async Task A_search_index_lost_is_filled_again_by_republishing_from_ingest()
    {
        using var data = new TempDirectory();
        var settings = new Dictionary<string, string?> { ["ContentPipeline:SeedSampleData"] = "false" };
        await using (var host = await RunningApp.StartAsync(Host.Program.Build, data.Path, settings))
        {
            var pipeline = new PipelineClient(host.Client, host.Client, host.Client);
            foreach (var i in Enumerable.Range(1, 3))
                await pipeline.SubmitAsync(new { id = $"kept-{i}", title = $"Cầu Long Biên sửa chữa đợt {i}", body = "Cầu Long Biên tạm cấm xe máy để sửa mặt cầu." });
            await Eventually.Until(() => pipeline.ArticleAsync("kept-3"), a => a?["status"]?.GetValue<string>() == "recommended", "the articles are through");
        }
        Directory.Delete(Path.Combine(data.Path, "index", "articles"), recursive: true);

        await using var restarted = await RunningApp.StartAsync(Host.Program.Build, data.Path, settings);
        Assert.Equal(0, (await restarted.Client.GetFromJsonAsync<JsonObject>("/api/search?size=1"))!["total"]!.GetValue<long>());
        Assert.Equal(0, await ImportCommand.RepublishAsync(["republish", $"--ContentPipeline:DataDirectory={data.Path}"]));
        await Eventually.Until(() => restarted.Client.GetFromJsonAsync<JsonObject>("/api/search?q=long+bien"), r => r!["total"]!.GetValue<long>() == 3,
            "the search index holds the three articles again");
        Assert.Equal(1, (await restarted.Client.GetFromJsonAsync<JsonObject>("/api/articles/kept-1"))!["version"]!.GetValue<long>());
    }
}
