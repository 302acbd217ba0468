using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using ContentPipeline.Testing;

namespace ContentPipeline.EndToEnd.Tests.Widget;

/// <summary>The embedded mode's demo site with its sample data: search results as a page, article pages with the widget.</summary>
public sealed class DemoSiteTests
{
    private const string Sample = "hdnd-ha-noi-khai-mac-ky-hop-thu-tu";

    [Fact]
    public async Task Search_results_are_a_page_and_every_result_opens_an_article_page_with_the_widget()
    {
        var (playwright, browser) = await Chromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        using var data = new TempDirectory();
        await using var host = await RunningApp.StartAsync(Host.Program.Build, data.Path, new Dictionary<string, string?> { ["ContentPipeline:SeedSampleData"] = "true" });
        await Eventually.Until(() => host.Client.GetAsync($"/api/blocks/{Sample}"), r => r.StatusCode == HttpStatusCode.OK, "the sample data is recommended");

        var page = await browser.NewPageAsync();
        await page.GotoAsync(host.Address.ToString());
        Assert.Equal("vi", await page.Locator("html").GetAttributeAsync("lang"));
        await page.Locator("input[name=q]").FillAsync("hdnd ha noi");
        await page.Locator("form button").ClickAsync();
        // The address, then an element only the results page has: waiting for the page's load event instead timed out once
        // on CI with the results page already there.
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/tim-kiem\?q=hdnd\+ha\+noi$"));
        await page.Locator(".results mark").First.WaitForAsync();
        var results = page.Locator(".results li");
        Assert.True(await results.CountAsync() >= 2, "the sample data has several articles about Hà Nội's council");
        Assert.True(await page.Locator(".results mark").CountAsync() > 0, "the words found are marked");
        Assert.True(await page.Locator(".facets a").CountAsync() > 0, "sections to narrow by");
        await page.ScreenshotAsync(new() { Path = Chromium.ScreenshotPath("demo-search"), FullPage = true });

        await results.First.Locator("a").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/bai-viet/[^/]+$"));
        var related = page.Locator("section[data-block=related] a");
        await related.First.WaitForAsync();
        // The widget's links stay on the demo site (the sample data's own addresses are made up).
        Assert.All(await related.EvaluateAllAsync<string[]>("links => links.map(a => a.href)"), href => Assert.StartsWith($"{host.Address}bai-viet/", href));
        await page.ScreenshotAsync(new() { Path = Chromium.ScreenshotPath("demo-article"), FullPage = true });

        Assert.Equal(HttpStatusCode.NotFound, (await host.Client.GetAsync("/bai-viet/no-such-article")).StatusCode);
        var hostile = await host.Client.GetStringAsync("/tim-kiem?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E&cursor=nonsense");
        Assert.DoesNotContain("<script>alert(1)", hostile);
    }
}
