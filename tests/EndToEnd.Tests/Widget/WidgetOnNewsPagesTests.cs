using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ContentPipeline.EndToEnd.Tests.Doors;
using ContentPipeline.Recommendation.Featured;
using ContentPipeline.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ContentPipeline.EndToEnd.Tests.Widget;

/// <summary>
/// The embedded host with a small site's articles (each with its photo on the site's own image server, one without),
/// a news site of another origin embedding the widget, and Chromium: shared by the tests of one class.
/// </summary>
public sealed class NewsSiteWorld : IAsyncLifetime
{
    public const string Section = "Giao thông";
    private readonly TempDirectory _data = new();

    public IPlaywright Playwright { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    public StaticSite Site { get; private set; } = null!;
    public StaticSite Images { get; private set; } = null!;
    public RunningApp Host { get; private set; } = null!;
    public string Service => Host.Address.ToString().TrimEnd('/');

    /// <summary>The page's own article, its neighbours, the rest of its section, and one without a photo.</summary>
    public static readonly string[] Ids =
    [
        "main", "near-1", "near-2", "near-3", "near-4", "near-5",
        .. Enumerable.Range(1, 12).Select(i => $"street-{i}"), "no-photo",
    ];

    /// <summary>Six reports on the city's bus rapid transit, each in its own words.</summary>
    public static readonly (string Title, string Body)[] BusReports =
    [
        ("Hà Nội mở thêm làn xe buýt nhanh BRT trên trục Kim Mã", "Hà Nội mở thêm làn đường dành riêng cho xe buýt nhanh BRT trên trục Kim Mã, Giảng Võ, Láng Hạ để giảm ùn tắc giờ cao điểm."),
        ("Xe buýt nhanh BRT đón thêm khách nhờ làn đường riêng", "Lượng khách đi xe buýt nhanh BRT tăng một phần năm sau khi làn đường riêng được sơn lại và có dải phân cách cứng."),
        ("Hà Nội khảo sát tuyến xe buýt nhanh BRT thứ hai", "Thành phố khảo sát tuyến xe buýt nhanh BRT thứ hai qua Nguyễn Trãi, Hà Đông, dự kiến khởi công trong năm tới."),
        ("Xe máy lấn làn xe buýt nhanh BRT bị phạt nguội", "Camera trên trục Lê Văn Lương ghi hình hàng trăm xe máy đi vào làn xe buýt nhanh BRT, chủ xe nhận thông báo phạt nguội."),
        ("Nhà chờ xe buýt nhanh BRT được lắp điều hòa", "Mười nhà chờ xe buýt nhanh BRT trên trục Giảng Võ được lắp điều hòa và bảng điện tử báo giờ xe đến."),
        ("Giá vé xe buýt nhanh BRT giữ nguyên năm sau", "Sở Giao thông cho biết giá vé xe buýt nhanh BRT và vé tháng giữ nguyên năm sau để khuyến khích người dân đi xe công cộng."),
    ];

    public async ValueTask InitializeAsync()
    {
        // Without a browser there is no world to build; each test skips itself (WidgetOnNewsPagesTests).
        if (!Chromium.Installed) return;
        (Playwright, Browser) = await Chromium.LaunchAsync();
        Site = await StaticSite.StartAsync();
        Images = await StaticSite.StartAsync();
        Host = await RunningApp.StartAsync(ContentPipeline.Host.Program.Build, _data.Path, new Dictionary<string, string?>
        {
            ["ContentPipeline:SeedSampleData"] = "false",
            ["Widget:AllowedOrigins:0"] = Site.Origin,
            ["Recommendation:ReadersPerAddress"] = "100",
        }, withTestKey: false);
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < Ids.Length; i++)
        {
            var id = Ids[i];
            // The page's article and its neighbours: six reports on the city's bus rapid transit, each in its own words
            // (copies of one text would be one article, shown once).
            var near = i < BusReports.Length;
            await PostAsync(new
            {
                id, url = $"{Site.Origin}/{id}", category = Section, publishedAt = now.AddMinutes(-7 * i - 3),
                title = near ? BusReports[i].Title : $"Phố số {i} cấm ô tô vào giờ cao điểm buổi sáng",
                lead = near ? "Làn đường riêng cho xe buýt nhanh BRT giúp giảm ùn tắc giờ cao điểm." : $"Quận điều chỉnh phân luồng trên tuyến phố số {i}.",
                body = near
                    ? BusReports[i].Body
                    : $"Từ tuần sau, ô tô không được đi vào tuyến phố số {i} từ 6 đến 9 giờ sáng; xe máy và xe đạp đi lại bình thường.",
                imageUrl = id == "no-photo" ? null : $"{Images.Origin}/{id}.svg",
                imageAlt = id == "no-photo" ? null : $"Ảnh minh họa {id}",
            });
        }
        foreach (var id in Ids) await RecommendedAsync(id);
    }

    public async Task PostAsync(object article)
    {
        var response = await Host.Client.PostAsJsonAsync("/api/articles", article);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
    }

    public Task RecommendedAsync(string id) =>
        Eventually.Until(() => Host.Client.GetFromJsonAsync<JsonObject>($"/api/articles/{id}"), a => a?["status"]?.GetValue<string>() == "recommended", $"{id} is recommended");

    /// <summary>An article page of the site embedding the widget; <paramref name="head"/> goes into its head.</summary>
    public string ArticlePage(string path, string articleId, string head = "", string attributes = "", string before = "") =>
        Site.Serve(path, $"""
            <!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Bài báo</title>{head}</head>
            <body><h1>Bài báo</h1>{before}<script src="{Service}/widget.js" data-article-id="{articleId}" data-size="3" {attributes} async></script></body></html>
            """);

    public async ValueTask DisposeAsync()
    {
        if (Chromium.Installed) await DisposeWorldAsync();
        _data.Dispose();
    }

    private async Task DisposeWorldAsync()
    {
        await Host.DisposeAsync();
        await Site.DisposeAsync();
        await Images.DisposeAsync();
        await Browser.DisposeAsync();
        Playwright.Dispose();
    }
}

/// <summary>The widget as a reader meets it on a news site of another origin, in Chromium.</summary>
public sealed class WidgetOnNewsPagesTests : IClassFixture<NewsSiteWorld>
{
    private readonly NewsSiteWorld world;

    public WidgetOnNewsPagesTests(NewsSiteWorld world)
    {
        Chromium.SkipUnlessInstalled();
        this.world = world;
    }

    /// <summary>What a reader sees of each item: the widget's links, in page order.</summary>
    private static Task<string[]> ShownUrls(IPage page) =>
        page.Locator("[data-contentpipeline] li a").EvaluateAllAsync<string[]>("links => links.map(a => a.href)");

    [Fact]
    public async Task Every_block_renders_with_thumbnails_no_article_twice_and_read_more_appends_in_place()
    {
        await using var context = await world.Browser.NewContextAsync();
        await context.AddInitScriptAsync("window.__before = Object.keys(window)");
        var page = await context.NewPageAsync();
        await page.GotoAsync(world.ArticlePage("/main", "main"));
        var more = page.Locator("section[data-block=more] li");
        await more.First.WaitForAsync();
        Assert.Empty(await page.EvaluateAsync<string[]>("Object.keys(window).filter(k => k !== '__before' && !window.__before.includes(k))"));

        Assert.Equal(3, await page.Locator("section[data-block=related] li").CountAsync());
        Assert.Equal(3, await page.Locator("section[data-block=featured] li").CountAsync());
        Assert.Equal(3, await more.CountAsync());
        Assert.Equal(["Có thể bạn quan tâm", "Nên xem", "Tin khác"], await page.Locator("[data-contentpipeline] h2").AllTextContentsAsync());
        Assert.All((await page.Locator("section[data-block=related] a").EvaluateAllAsync<string[]>("links => links.map(a => a.href)")),
            href => Assert.Matches("/near-\\d$", href));
        // Each item: its photo with its alt text, title, lead and a relative time a reader understands.
        var first = page.Locator("section[data-block=related] li").First;
        var id = (await first.Locator("a").GetAttributeAsync("href"))!.Split('/')[^1];
        Assert.Equal($"{world.Images.Origin}/{id}.svg", await first.Locator("img").GetAttributeAsync("src"));
        Assert.Equal($"Ảnh minh họa {id}", await first.Locator("img").GetAttributeAsync("alt"));
        Assert.Equal("lazy", await first.Locator("img").GetAttributeAsync("loading"));
        Assert.Matches("^\\d+ phút trước$", await first.Locator("time").TextContentAsync());
        await Eventually.Until(() => first.Locator("img").EvaluateAsync<int>("img => img.complete ? img.naturalWidth : 0"), w => w > 0, "the photo loaded from the site's image server");
        Assert.Equal("vi", await page.Locator("[data-contentpipeline] div[lang]").GetAttributeAsync("lang"));

        // A keyboard reader reaches the items, and sees where the focus is.
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("solid", await page.Locator("[data-contentpipeline]").EvaluateAsync<string>(
            "host => getComputedStyle(host.shadowRoot.activeElement).outlineStyle"));
        Assert.Equal(await first.Locator("a").EvaluateAsync<string>("a => a.href"), await page.Locator("[data-contentpipeline]").EvaluateAsync<string>(
            "host => host.shadowRoot.activeElement.href"));

        // Xem thêm appends the next page until the section is exhausted, never an article twice.
        var button = page.Locator("section[data-block=more] button");
        for (var clicks = 0; clicks < 10 && await button.IsVisibleAsync(); clicks++)
        {
            var before = await more.CountAsync();
            await button.ClickAsync();
            await Eventually.Until(async () => (await more.CountAsync(), await button.IsVisibleAsync()), s => s.Item1 > before || !s.Item2, "Xem thêm appended items");
        }
        Assert.False(await button.IsVisibleAsync(), "the button goes once the section has no more");
        var shown = await ShownUrls(page);
        Assert.Equal(shown.Length, shown.Distinct().Count());
        Assert.Subset(shown.ToHashSet(), NewsSiteWorld.Ids.Where(id => id != "main").Select(id => $"{world.Site.Origin}/{id}").ToHashSet());
        Assert.DoesNotContain($"{world.Site.Origin}/main", shown);
        // The article without a photo keeps its place with a placeholder of the same size.
        var placeholder = page.Locator("[data-contentpipeline] li", new() { Has = page.Locator($"a[href='{world.Site.Origin}/no-photo']") }).Locator(".th");
        Assert.Equal(0, await placeholder.Locator("img").CountAsync());
        var box = (await placeholder.BoundingBoxAsync())!;
        Assert.InRange(box.Width / box.Height, 1.7, 1.85);
        await page.ScreenshotAsync(new() { Path = Chromium.ScreenshotPath("widget-list"), FullPage = true });
    }

    [Fact]
    public async Task Impressions_count_only_items_a_reader_has_seen()
    {
        var trending = world.Host.Services.GetRequiredService<TrendingTracker>();
        await using var context = await world.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1000, Height = 700 } });
        var page = await context.NewPageAsync();
        var sent = new System.Collections.Concurrent.ConcurrentQueue<string>();
        page.Request += (_, request) => { if (request.Url.EndsWith("/api/events", StringComparison.Ordinal)) sent.Enqueue(request.PostData ?? ""); };
        // The widget starts loading 400 px before it scrolls into view: loaded, not yet seen.
        await page.GotoAsync(world.ArticlePage("/below-the-fold", "near-5", before: "<div style=\"height:3000px\"></div>"));
        await page.EvaluateAsync("window.scrollTo(0, 3000 - 700 - 200)");
        var related = page.Locator("section[data-block=related] li");
        await related.First.WaitForAsync(new() { State = WaitForSelectorState.Attached });
        var ids = (await page.Locator("section[data-block=related] a").EvaluateAllAsync<string[]>("links => links.map(a => a.href.split('/').pop())")).ToList();
        double Exposure() => ids.Sum(id => trending.Snapshot().Articles.GetValueOrDefault(id)?.Exposure ?? 0);
        var before = Exposure();
        await page.WaitForTimeoutAsync(6_000);  // the widget sends what it has every five seconds
        Assert.DoesNotContain(sent, body => body.Contains("\"impression\""));
        Assert.Contains(sent, body => body.Contains("\"view\"") && body.Contains("near-5"));

        await related.First.ScrollIntoViewIfNeededAsync();
        await Eventually.Until(() => Task.FromResult(sent.ToList()), bodies => bodies.Any(b => b.Contains("\"impression\"")), "the seen items' impressions were sent", TimeSpan.FromSeconds(15));
        var impressions = JsonNode.Parse(sent.First(b => b.Contains("\"impression\"")))!["events"]!.AsArray();
        Assert.Contains(impressions, e => e!["block"]!.GetValue<string>() == "related" && e["position"]!.GetValue<int>() == 1);
        await Eventually.Until(() => Task.FromResult(Exposure()), e => e > before, "the service counted them", TimeSpan.FromSeconds(15));
    }

    [Fact]
    public async Task Hostile_page_css_leaves_the_widget_as_it_was_and_layout_and_theme_are_the_sites_choice()
    {
        const string Probe = """
            host => {
              const root = host.shadowRoot, pick = (s, p) => getComputedStyle(root.querySelector(s))[p];
              // Columns, not their widths: how wide the widget is remains the page's layout.
              return [getComputedStyle(host).display, pick('h2', 'fontSize'), pick('h2', 'color'), pick('li', 'display'), pick('a', 'display'),
                pick('.t', 'color'), pick('.t', 'fontSize'), pick('.th', 'width'), pick('ul', 'gridTemplateColumns').split(' ').length].join(' | ');
            }
            """;
        async Task<string> StylesOn(string path, string head, string attributes = "")
        {
            await using var context = await world.Browser.NewContextAsync();
            var page = await context.NewPageAsync();
            await page.GotoAsync(world.ArticlePage(path, "main", head, attributes));
            await page.Locator("section[data-block=more] li").First.WaitForAsync();
            await page.ScreenshotAsync(new() { Path = Chromium.ScreenshotPath("widget" + path.Replace('/', '-')), FullPage = true });
            return await page.Locator("[data-contentpipeline]").EvaluateAsync<string>(Probe);
        }

        var plain = await StylesOn("/plain", "");
        var hostile = await StylesOn("/hostile", "<style>* { display:inline !important; color:red !important; font-size: 30px } h2 { font-size: 80px } li { display: inline }</style>");
        Assert.Equal(plain, hostile);
        Assert.Contains("rgb(11, 61, 145)", plain);  // the widget's own link colour, not the page's red

        var grid = await StylesOn("/grid", "", "data-layout=\"grid\" data-theme=\"dark\"");
        Assert.True(int.Parse(grid.Split(" | ")[^1]) > 1, $"the grid lays items out in columns: {grid}");
        await using var context = await world.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(world.ArticlePage("/themed", "main", "<style>[data-contentpipeline] { --cp-link: rgb(0, 128, 0) }</style>", "data-theme=\"dark\""));
        await page.Locator("section[data-block=related] li").First.WaitForAsync();
        Assert.Equal("rgb(22, 22, 22)", await page.Locator("[data-contentpipeline]").EvaluateAsync<string>("host => getComputedStyle(host).backgroundColor"));
        Assert.Equal("rgb(0, 128, 0)", await page.Locator("section[data-block=related] .t").First.EvaluateAsync<string>("t => getComputedStyle(t).color"));
    }

    [Fact]
    public async Task A_section_with_nothing_more_to_show_shows_no_empty_block()
    {
        // Alone in its section: "Tin khác" has nothing newer or older to list, and no page after.
        await world.PostAsync(new
        {
            id = "alone", url = $"{world.Site.Origin}/alone", category = "Làng nghề", publishedAt = DateTimeOffset.UtcNow,
            title = "Hội thi thả diều sáo ở làng Bá Dương", body = "Làng Bá Dương tổ chức hội thi thả diều sáo vào rằm tháng bảy, mỗi đội mang một con diều dài ba mét.",
        });
        await world.RecommendedAsync("alone");

        await using var context = await world.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var answered = page.WaitForResponseAsync(response => response.Url.Contains("/api/blocks/alone"));
        await page.GotoAsync(world.ArticlePage("/alone", "alone"));
        await answered;
        var more = page.Locator("section[data-block=more]");
        await more.WaitForAsync(new() { State = Microsoft.Playwright.WaitForSelectorState.Attached });
        Assert.Equal(0, await more.Locator("li").CountAsync());
        Assert.False(await more.IsVisibleAsync());
    }

    [Fact]
    public async Task Articles_whose_every_field_is_a_payload_execute_nothing()
    {
        await using var beacon = await StaticSite.StartAsync();
        string Payload(string name) => $"\"><img src=x onerror=\"fetch('{beacon.Origin}/{name}')\"><script>fetch('{beacon.Origin}/{name}-script')</script>";
        // URLs hold no spaces, so their payloads do without.
        string UrlPayload(string name) => $"\"><svg/onload=fetch('{beacon.Origin}/{name}')>";
        // Three articles of their own (copies of one text would be shown once), each field a payload; on a subject of
        // their own, so that the other tests' pages list the same neighbours whichever runs first.
        (string Title, string Body)[] reports =
        [
            ("Phố đi bộ hồ Hoàn Kiếm mở thêm khu ẩm thực đêm", "Quận Hoàn Kiếm mở thêm khu ẩm thực trên phố đi bộ quanh hồ vào tối thứ sáu, thứ bảy và chủ nhật."),
            ("Phố đi bộ Trịnh Công Sơn kéo dài giờ mở cửa mùa hè", "Phố đi bộ Trịnh Công Sơn ven hồ Tây mở đến nửa đêm trong ba tháng hè, quận bố trí thêm bãi gửi xe."),
            ("Phố đi bộ Tạ Hiện thí điểm phân loại rác", "Các quán trên phố đi bộ Tạ Hiện phải phân loại rác tại nguồn từ tháng sau, xe thu gom đến lúc hai giờ sáng."),
        ];
        for (var i = 0; i < 3; i++)
            await world.PostAsync(new
            {
                id = $"payload-{i}", category = "Pháp luật <script>alert(1)</script>", publishedAt = DateTimeOffset.UtcNow,
                url = $"{world.Site.Origin}/payload-{i}?x={UrlPayload("url")}",
                title = $"{reports[i].Title} " + Payload("title"), lead = Payload("lead"),
                body = reports[i].Body + " " + Payload("body"),
                author = Payload("author"), imageUrl = $"{world.Images.Origin}/p.svg?x={UrlPayload("image")}",
                imageAlt = Payload("alt"),
            });
        for (var i = 0; i < 3; i++) await world.RecommendedAsync($"payload-{i}");

        await using var context = await world.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var dialogs = 0;
        page.Dialog += (_, dialog) => { dialogs++; _ = dialog.DismissAsync(); };
        await page.GotoAsync(world.ArticlePage("/payloads", "payload-0", attributes: "data-size=\"10\""));
        var related = page.Locator("section[data-block=related] li");
        await related.First.WaitForAsync();
        Assert.Contains(await page.Locator("[data-contentpipeline] .t").AllTextContentsAsync(), t => t.Contains("<script>fetch("));
        await page.WaitForTimeoutAsync(1_000);

        Assert.Equal(0, dialogs);
        Assert.Empty(beacon.Requested);
        Assert.Equal(0, await page.Locator("[data-contentpipeline]").EvaluateAsync<int>(
            "host => host.shadowRoot.querySelectorAll('script, svg, [onerror], [onload], img[src=x]').length"));
        // Every img the widget made is a photo of the image server, its address intact.
        Assert.All(await page.Locator("[data-contentpipeline] img").EvaluateAllAsync<string[]>("imgs => imgs.map(i => i.src)"),
            src => Assert.StartsWith($"{world.Images.Origin}/", src));
    }

    [Fact]
    public async Task A_page_with_a_strict_csp_still_renders_it_and_the_fragment_renders_without_javascript()
    {
        await using var context = await world.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var violations = new List<string>();
        page.Console += (_, message) => { if (message.Text.Contains("Content Security Policy")) violations.Add(message.Text); };
        var csp = $"default-src 'none'; script-src {world.Service}; connect-src {world.Service}; img-src {world.Images.Origin}; style-src 'self'";
        await page.GotoAsync(world.ArticlePage("/strict", "main", $"<meta http-equiv=\"Content-Security-Policy\" content=\"{csp}\">"));
        await page.Locator("section[data-block=more] li").First.WaitForAsync();
        Assert.Equal("solid", await page.Locator("[data-contentpipeline] h2").First.EvaluateAsync<string>("h => getComputedStyle(h).borderBottomStyle"));
        Assert.Empty(violations);

        // A site that allows no script at all frames the fragment instead.
        await using var scriptless = await world.Browser.NewContextAsync(new() { JavaScriptEnabled = false });
        var noScript = await scriptless.NewPageAsync();
        await noScript.GotoAsync(world.Site.Serve("/amp", $"""
            <!doctype html><html lang="vi"><head><meta charset="utf-8"><title>AMP</title></head>
            <body><h1>Bài báo</h1><iframe src="{world.Service}/embed/blocks/main?size=3" width="700" height="1400" title="Tin liên quan"></iframe>
            <iframe id="unknown" src="{world.Service}/embed/blocks/not-published-yet" width="700" height="200" title="Tin liên quan"></iframe></body></html>
            """));
        var frame = noScript.FrameLocator("iframe:not(#unknown)");
        await frame.Locator("section[data-block=more] li").First.WaitForAsync();
        Assert.Equal(3, await frame.Locator("section[data-block=related] li").CountAsync());
        Assert.All(await frame.Locator("section[data-block=related] a").EvaluateAllAsync<string[]>("links => links.map(a => a.href)"),
            href => Assert.Matches("/near-\\d$", href));
        Assert.Equal("solid", await frame.Locator("h2").First.EvaluateAsync<string>("h => getComputedStyle(h).borderBottomStyle"));
        Assert.StartsWith($"{world.Images.Origin}/", await frame.Locator("section[data-block=related] img").First.GetAttributeAsync("src"));
        // The frame of an article recommendation does not know shows nothing to the page's readers, not an error.
        Assert.Equal("", await noScript.FrameLocator("#unknown").Locator("body").InnerTextAsync());
        await noScript.ScreenshotAsync(new() { Path = Chromium.ScreenshotPath("fragment-in-iframe"), FullPage = true });
    }
}
