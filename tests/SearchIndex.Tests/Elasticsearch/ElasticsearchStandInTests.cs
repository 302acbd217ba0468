using System.Collections.Concurrent;
using System.IO.Compression;
using System.Text.Json.Nodes;
using ContentPipeline.Search;
using ContentPipeline.Search.Elasticsearch;
using ContentPipeline.Search.Queries;
using ContentPipeline.SearchIndex.Tests.LuceneEngine;
using Elastic.Clients.Elasticsearch;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ContentPipeline.SearchIndex.Tests.Elasticsearch;

/// <summary>
/// What the engine makes of a cluster's answers, against a stand-in for the cluster on 127.0.0.1. Writes go through
/// _bulk, and every item's answer counts: the stand-in answers each item by its id, as a real node would (created, a
/// version conflict, busy (429) once, or a mapping error). Searches get the answers a test sets.
/// </summary>
public sealed class ElasticsearchStandInTests : IAsyncLifetime
{
    private const string Alias = "contentpipeline-articles";
    private readonly ConcurrentQueue<(string ContentType, string Query, string Body)> _bulkRequests = new();
    private readonly ConcurrentDictionary<string, int> _attempts = new();
    private readonly ConcurrentQueue<string> _mappingUpdates = new();
    private readonly ConcurrentQueue<JsonNode> _searchRequests = new();
    private Func<JsonNode, JsonObject> _searchAnswer = _ => Hits();
    private WebApplication _node = null!;
    private ElasticsearchArticleIndex _index = null!;

    public async ValueTask InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _node = builder.Build();
        _node.MapPut("/_index_template/{name}", () => Results.Ok(new { acknowledged = true }));
        _node.MapMethods("/_alias/{name}", ["HEAD"], () => Results.Ok());
        _node.MapPut($"/{Alias}/_mapping", async (HttpRequest request) =>
        {
            _mappingUpdates.Enqueue(await new StreamReader(Decompressed(request)).ReadToEndAsync());
            return Results.Ok(new { acknowledged = true });
        });
        _node.MapGet($"/{Alias}/_doc/{{id}}", (string id) => Results.Ok(new { _id = id, _version = 5, found = true }));
        _node.MapPost("/_bulk", Bulk);
        _node.MapPost($"/{Alias}/_search", async (HttpRequest request) =>
        {
            var body = JsonNode.Parse(await new StreamReader(Decompressed(request)).ReadToEndAsync())!;
            _searchRequests.Enqueue(body);
            return Results.Text(_searchAnswer(body).ToJsonString(), "application/json");
        });
        await _node.StartAsync();
        var address = _node.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _index = new ElasticsearchArticleIndex(new ElasticsearchClient(new ElasticsearchClientSettings(new Uri(address))), Alias,
            NullLogger<ElasticsearchArticleIndex>.Instance);
    }

    /// <summary>The client compresses request bodies, as Elasticsearch allows.</summary>
    private static Stream Decompressed(HttpRequest request) =>
        request.Headers.ContentEncoding == "gzip" ? new GZipStream(request.Body, CompressionMode.Decompress) : request.Body;

    private async Task<IResult> Bulk(HttpRequest request)
    {
        var body = await new StreamReader(Decompressed(request)).ReadToEndAsync();
        _bulkRequests.Enqueue((request.ContentType ?? "", request.QueryString.Value ?? "", body));
        var lines = body.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var items = new JsonArray();
        for (var i = 0; i < lines.Length; i += 2)
        {
            var id = JsonNode.Parse(lines[i])!["index"]!["_id"]!.GetValue<string>();
            var attempt = _attempts.AddOrUpdate(id, 1, (_, n) => n + 1);
            var (status, error) = id switch
            {
                "conflict" => (409, "version_conflict_engine_exception"),
                "busy" when attempt == 1 => (429, "es_rejected_execution_exception"),
                "broken" => (400, "document_parsing_exception"),
                _ => (201, null),
            };
            var result = new JsonObject { ["_id"] = id, ["status"] = status };
            if (error is not null) result["error"] = new JsonObject { ["type"] = error, ["reason"] = $"{error} for [{id}]" };
            items.Add(new JsonObject { ["index"] = result });
        }
        return Results.Text(new JsonObject { ["errors"] = true, ["items"] = items }.ToJsonString(), "application/json");
    }

    [Fact]
    public async Task An_index_that_exists_already_gets_the_fields_added_since_before_the_first_write()
    {
        await _index.UpsertAsync("fine", 5, LuceneIndex.Article("Bài"), TestContext.Current.CancellationToken);
        var update = JsonNode.Parse(Assert.Single(_mappingUpdates))!;
        Assert.Equal("strict", update["dynamic"]!.GetValue<string>());
        Assert.Equal("keyword", update["properties"]!["image"]!["type"]!.GetValue<string>());
        Assert.Equal("keyword", update["properties"]!["image_alt"]!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Every_item_of_a_bulk_answer_decides_its_own_write()
    {
        var writes = new[] { "fine", "conflict", "busy", "broken" }
            .Select(id => _index.UpsertAsync(id, 5, LuceneIndex.Article($"Bài {id}"), TestContext.Current.CancellationToken)).ToList();

        Assert.Equal(WriteOutcome.Applied, await writes[0]);
        // 409 and the stored version equals ours: a redelivery.
        Assert.Equal(WriteOutcome.AlreadyApplied, await writes[1]);
        // 429 the first time: sent again after a pause, then created.
        Assert.Equal(WriteOutcome.Applied, await writes[2]);
        Assert.Equal(2, _attempts["busy"]);
        // Anything else fails that write alone, with the cluster's reason.
        var failure = await Assert.ThrowsAsync<HttpRequestException>(() => writes[3]);
        Assert.Contains("document_parsing_exception", failure.Message);
        Assert.Contains("broken", failure.Message);
    }

    [Fact]
    public async Task Bulk_requests_are_ndjson_with_external_versions_and_wait_for_refresh()
    {
        await _index.UpsertAsync("fine", 7, LuceneIndex.Article("Hà Nội"), TestContext.Current.CancellationToken);
        await _index.WithdrawAsync("gone", 8, TestContext.Current.CancellationToken);

        var requests = _bulkRequests.ToList();
        Assert.All(requests, r => Assert.StartsWith("application/x-ndjson", r.ContentType));
        Assert.All(requests, r => Assert.Contains("refresh=wait_for", r.Query));
        var lines = requests.SelectMany(r => r.Body.Split('\n', StringSplitOptions.RemoveEmptyEntries)).Select(l => JsonNode.Parse(l)!).ToList();
        var action = lines[0]["index"]!;
        Assert.Equal(Alias, action["_index"]!.GetValue<string>());
        Assert.Equal("fine", action["_id"]!.GetValue<string>());
        Assert.Equal(7, action["version"]!.GetValue<long>());
        Assert.Equal("external", action["version_type"]!.GetValue<string>());
        Assert.Equal("article", lines[1]["kind"]!.GetValue<string>());
        Assert.Equal("tombstone", lines[3]["kind"]!.GetValue<string>());
        Assert.Equal(8, lines[2]["index"]!["version"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_suggestion_forgiving_a_letter_puts_the_titles_holding_the_words_together_first()
    {
        // As typed, nothing; forgiving a letter, the cluster's first matches, the title holding the words together last.
        _searchAnswer = body => body["size"]!.GetValue<int>() < TitlesTogether.Window ? Hits()
            : Hits(("scattered", "Tượng chú thú đá"), ("pm", "Thủ tướng chủ trì phiên họp Chính phủ"), ("other", "Thu hoạch chè"));

        var suggestions = await _index.SuggestAsync("thu tuonh ch", 2, TestContext.Current.CancellationToken);

        Assert.Equal(["pm", "scattered"], suggestions.Select(s => s.Id));
        Assert.Equal([2, TitlesTogether.Window], _searchRequests.Select(r => r["size"]!.GetValue<int>()));
    }

    private static JsonObject Hits(params (string Id, string Title)[] hits) => new()
    {
        ["hits"] = new JsonObject
        {
            ["total"] = new JsonObject { ["value"] = hits.Length },
            ["hits"] = new JsonArray(hits.Select(h => (JsonNode)new JsonObject { ["_source"] = new JsonObject { ["id"] = h.Id, ["title_display"] = h.Title } }).ToArray()),
        },
    };

    public async ValueTask DisposeAsync()
    {
        await _node.StopAsync();
        await _node.DisposeAsync();
    }
}
