using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ContentPipeline.EndToEnd.Tests;

/// <summary>The public HTTP contract as a site would call it; one client per service (the same one in embedded mode).</summary>
public sealed class PipelineClient(HttpClient ingest, HttpClient search, HttpClient recommendation)
{
    public async Task<(string Id, long Version)> SubmitAsync(object article)
    {
        var response = await ingest.PostAsJsonAsync("/api/articles", article);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        return (body!["id"]!.GetValue<string>(), body["version"]!.GetValue<long>());
    }

    public async Task<long> WithdrawAsync(string id)
    {
        var response = await ingest.DeleteAsync($"/api/articles/{id}");
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["version"]!.GetValue<long>();
    }

    public async Task<JsonObject?> ArticleAsync(string id)
    {
        var response = await ingest.GetAsync($"/api/articles/{id}");
        return response.StatusCode == HttpStatusCode.NotFound ? null : await Ok(response);
    }

    /// <summary>(id, title) of each hit.</summary>
    public async Task<List<(string Id, string Title)>> SearchAsync(string query, int size = 20)
    {
        var json = await Ok(await search.GetAsync($"/api/search?q={Uri.EscapeDataString(query)}&size={size}"));
        return Items(json);
    }

    public async Task<List<(string Id, string Title)>> RelatedAsync(string id, int size = 10)
    {
        var response = await recommendation.GetAsync($"/api/recommendations/{id}/related?size={size}");
        return response.StatusCode == HttpStatusCode.NotFound ? [] : Items(await Ok(response));
    }

    /// <summary>A search answer as sent.</summary>
    public async Task<JsonObject> SearchJsonAsync(string query) => await Ok(await search.GetAsync($"/api/search?q={Uri.EscapeDataString(query)}"));

    /// <summary>The three blocks of a page view as sent, or null while recommendation does not know the article.</summary>
    public async Task<JsonObject?> BlocksAsync(string id)
    {
        var response = await recommendation.GetAsync($"/api/blocks/{id}?relatedSize=10");
        return response.StatusCode == HttpStatusCode.NotFound ? null : await Ok(response);
    }

    public static List<(string Id, string Title)> Items(JsonObject json) =>
        json["items"]!.AsArray().Select(i => (i!["id"]!.GetValue<string>(), i["title"]!.GetValue<string>())).ToList();

    private static async Task<JsonObject> Ok(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {text}");
        return JsonSerializer.Deserialize<JsonObject>(text)!;
    }
}
