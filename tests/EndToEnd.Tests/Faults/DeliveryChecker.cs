using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace ContentPipeline.EndToEnd.Tests.Faults;

/// <summary>
/// What "nothing lost, nothing doubled" means, checked through the public API: every accepted article is
/// recommended at its newest version in ingest, searchable exactly once with that version's title, and listed
/// exactly once in the read-more feed (the test's articles are all there is); and nothing else is.
/// </summary>
public static class DeliveryChecker
{
    /// <param name="expected">Each accepted article's id and the title of its newest version.</param>
    public static async Task<IReadOnlyList<string>> ProblemsAsync(HttpClient ingest, HttpClient search, HttpClient recommendation, string section,
        IReadOnlyDictionary<string, (long Version, string Title)> expected)
    {
        var problems = new List<string>();
        foreach (var (id, (version, _)) in expected)
        {
            var response = await ingest.GetAsync($"/api/articles/{id}");
            var article = response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonObject>() : null;
            if (article is null) problems.Add($"{id}: ingest does not have it ({(int)response.StatusCode})");
            else if (article["version"]!.GetValue<long>() != version || article["status"]!.GetValue<string>() != "recommended")
                problems.Add($"{id}: ingest has version {article["version"]} at {article["status"]}, expected version {version} recommended");
        }

        var searched = await AllAsync(search, $"/api/search?category={Uri.EscapeDataString(section)}&size=100");
        var feed = await AllAsync(recommendation, "/api/feeds/more?size=50");
        foreach (var (where, items) in new[] { ("search", searched), ("the read-more feed", feed) })
        {
            foreach (var twice in items.GroupBy(i => i.Id).Where(g => g.Count() > 1)) problems.Add($"{twice.Key}: {twice.Count()} times in {where}");
            var seen = items.ToLookup(i => i.Id);
            foreach (var (id, (_, title)) in expected)
            {
                if (!seen.Contains(id)) problems.Add($"{id}: missing from {where}");
                else if (seen[id].First().Title != title) problems.Add($"{id}: {where} shows '{seen[id].First().Title}', not the newest title '{title}'");
            }
            foreach (var stray in items.Where(i => !expected.ContainsKey(i.Id))) problems.Add($"{stray.Id}: in {where} but never accepted");
        }
        return problems;
    }

    private static async Task<List<(string Id, string Title)>> AllAsync(HttpClient client, string firstPage)
    {
        var items = new List<(string Id, string Title)>();
        string? cursor = null;
        for (var page = 0; page < 1_000; page++)
        {
            var json = (await client.GetFromJsonAsync<JsonObject>(cursor is null ? firstPage : $"{firstPage}&cursor={Uri.EscapeDataString(cursor)}"))!;
            items.AddRange(PipelineClient.Items(json));
            cursor = json["nextCursor"]?.GetValue<string>();
            if (cursor is null) break;
        }
        return items;
    }
}
