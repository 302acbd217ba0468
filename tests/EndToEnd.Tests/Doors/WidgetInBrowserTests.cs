using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ContentPipeline.Recommendation.Featured;
using ContentPipeline.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ContentPipeline.EndToEnd.Tests.Doors;

/// <summary>
/// In a real Chromium: the widget embedded on a news site of another origin gets its readers' events through to the
/// service, and a page of a third origin cannot write to the keyless embedded host however it tries.
/// </summary>
public sealed class WidgetInBrowserTests
{
    private static readonly string[] Ids = ["main", "near-1", "near-2", "near-3", "near-4", "near-5"];

    [Fact]
    public async Task The_widget_on_another_origin_reports_views_impressions_and_clicks_and_a_third_origin_cannot_write()
    {
        var (playwright, browser) = await Chromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        await using var site = await StaticSite.StartAsync();
        await using var attacker = await StaticSite.StartAsync();
        using var data = new TempDirectory();
        await using var host = await RunningApp.StartAsync(Host.Program.Build, data.Path, new Dictionary<string, string?>
        {
            ["ContentPipeline:SeedSampleData"] = "false",
            ["Widget:AllowedOrigins:0"] = site.Origin,
        }, withTestKey: false);
        var service = host.Address.ToString().TrimEnd('/');

        // The site's articles, written from this machine without a key (the embedded mode's default).
        // Six reports of one subject, each in its own words: copies of one text would be one article, shown once.
        foreach (var (id, report) in Ids.Zip(Widget.NewsSiteWorld.BusReports))
        {
            var response = await host.Client.PostAsJsonAsync("/api/articles", new
            {
                id, url = $"{site.Origin}/{id}", category = "Giao thông", title = report.Title, body = report.Body,
            });
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }
        foreach (var id in Ids)
            await Eventually.Until(() => host.Client.GetFromJsonAsync<JsonObject>($"/api/articles/{id}"), a => a?["status"]?.GetValue<string>() == "recommended", $"{id} is recommended");

        var trending = host.Services.GetRequiredService<TrendingTracker>();
        var page = await browser.NewPageAsync();
        var articlePage = site.Serve("/main", $"""
            <!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Bài chính</title></head>
            <body><h1>Bài chính</h1><script src="{service}/widget.js" data-article-id="main" async></script></body></html>
            """);
        await page.GotoAsync(articlePage);
        var related = page.Locator("section[data-block=related] a");
        await related.First.WaitForAsync();
        Assert.True(await related.CountAsync() >= 3, "the related block shows the neighbours");
        await Eventually.Until(() => Task.FromResult(trending.Snapshot().Articles.GetValueOrDefault("main")?.Views ?? 0), v => v > 0.9, "the view arrived (decayed a little since)");

        var clicked = Regex.Match(await related.First.GetAttributeAsync("href") ?? "", "/(near-\\d)$").Groups[1].Value;
        Assert.NotEmpty(clicked);
        await related.First.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync($"{site.Origin}/{clicked}");
        await Eventually.Until(() => Task.FromResult(trending.Snapshot().Articles.GetValueOrDefault(clicked)), a => a is { Clicks: > 0.9, Exposure: > 0 },
            "the click and the impressions arrived");

        // A page on a third origin tries every write a page can send without asking first.
        var forged = attacker.Serve("/forge", $$"""
            <!doctype html><html><head><meta charset="utf-8"><title>waiting</title></head><body><script>
            const post = (path, body, type) => fetch("{{service}}" + path, { mode: "no-cors", method: "POST", body: body,
              headers: type ? { "Content-Type": type } : {} }).catch(() => null);
            Promise.all([
              post("/api/articles", JSON.stringify({ id: "forged-1", title: "Bài giả", body: "Nội dung giả mạo." })),
              post("/api/articles", JSON.stringify({ id: "forged-2", title: "Bài giả", body: "Nội dung giả mạo." }), "text/plain"),
              post("/api/articles/bulk", JSON.stringify({ id: "forged-3", title: "Bài giả", body: "Nội dung giả mạo." }), "text/plain"),
              post("/api/pages?url=" + encodeURIComponent("https://example.vn/forged-4"), "Bài giả mạo\n\nNội dung giả mạo đủ dài để thành một bài báo có thân bài.", "text/plain"),
            ]).then(() => { document.title = "sent"; });
            </script></body></html>
            """);
        var attack = await browser.NewPageAsync();
        await attack.GotoAsync(forged);
        await attack.WaitForFunctionAsync("document.title === 'sent'");
        var metrics = await host.Client.GetStringAsync("/metrics");
        var refusedPosts = Regex.Matches(metrics, "^http_requests_received_total\\{code=\"(403|415)\",method=\"POST\"[^}]*\\} (\\d+)", RegexOptions.Multiline)
            .Sum(m => int.Parse(m.Groups[2].Value));
        Assert.True(refusedPosts >= 4, $"the four forged writes reached the host and were refused ({refusedPosts} refused POSTs)");
        foreach (var id in new[] { "forged-1", "forged-2", "forged-3" })
            Assert.Equal(HttpStatusCode.NotFound, (await host.Client.GetAsync($"/api/articles/{id}")).StatusCode);
        Assert.Empty((await host.Client.GetFromJsonAsync<JsonObject>("/api/search?q=gia+mao"))!["items"]!.AsArray());
    }
}
