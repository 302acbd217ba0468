using System.Buffers.Text;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using ContentPipeline.Testing;

namespace ContentPipeline.EndToEnd.Tests;

/// <summary>Cursors are opaque and untrusted: one that does not decode, or does not fit the listing, is a 400 that says so.</summary>
public sealed class BadCursorTests
{
    private static string Encode(string json) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json));

    [Fact]
    public async Task A_cursor_that_does_not_decode_or_fit_the_listing_is_refused_with_a_reason()
    {
        using var data = new TempDirectory();
        await using var host = await RunningApp.StartAsync(Host.Program.Build, data.Path, new Dictionary<string, string?> { ["ContentPipeline:SeedSampleData"] = "true" });
        var first = await Eventually.Until(() => host.Client.GetFromJsonAsync<JsonObject>("/api/search?q=ha+noi&size=2"), r => r!["nextCursor"] is not null, "search has a second page");
        var relevanceCursor = first!["nextCursor"]!.GetValue<string>();
        var newest = await Eventually.Until(() => host.Client.GetFromJsonAsync<JsonObject>("/api/feeds/more?size=2"), r => r!["nextCursor"] is not null, "the feed has a second page");
        var newestCursor = newest!["nextCursor"]!.GetValue<string>();

        string[] broken = ["e30", Encode("""{"Id":null,"Score":1}"""), Encode("""{"Id":"x"}"""), "not base64 at all!", Encode("[1,2]"), Encode("""{"Id":"x","Score":"NaN"}""")];
        foreach (var (path, cursor) in broken.Select(c => ("/api/feeds/more?size=2", c)).Concat(broken.Select(c => ("/api/search?q=ha+noi&size=2", c)))
            .Append(("/api/feeds/more?size=2", relevanceCursor)).Append(("/api/search?q=ha+noi&size=2", newestCursor)))
        {
            var response = await host.Client.GetAsync($"{path}&cursor={Uri.EscapeDataString(cursor)}");
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{path} with cursor {cursor}: {(int)response.StatusCode}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("start again without it", (await response.Content.ReadFromJsonAsync<JsonObject>())!["detail"]!.GetValue<string>());
        }
        // The cursors it gave still page on.
        Assert.Equal(HttpStatusCode.OK, (await host.Client.GetAsync($"/api/search?q=ha+noi&size=2&cursor={Uri.EscapeDataString(relevanceCursor)}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.Client.GetAsync($"/api/feeds/more?size=2&cursor={Uri.EscapeDataString(newestCursor)}")).StatusCode);
        Assert.Equal("Healthy", await host.Client.GetStringAsync("/health/ready"));
    }
}
