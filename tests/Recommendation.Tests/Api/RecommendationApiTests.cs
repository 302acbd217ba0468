using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ContentPipeline.Contracts;
using ContentPipeline.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace ContentPipeline.Recommendation.Tests.Api;

/// <summary>Recommendation on its own: fed ArticleIndexed events on its bus, asked over real HTTP.</summary>
public sealed class RecommendationApiTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2025, 7, 1, 8, 0, 0, TimeSpan.FromHours(7));
    private readonly TempDirectory _data = new();
    private RunningApp _app = null!;
    private HttpClient Http => _app.Client;

    public async ValueTask InitializeAsync() =>
        // Each test's events stand for several readers on one machine.
        _app = await RunningApp.StartAsync(Program.Build, _data.Path, new Dictionary<string, string?> { ["Recommendation:ReadersPerAddress"] = "100" });

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _data.Dispose();
    }

    private async Task IndexedAsync(string id, string title, string body, string category, int day, string? story = null, long version = 1,
        IReadOnlyList<string>? linked = null, IReadOnlyList<NamedEntity>? entities = null, string? url = null, IReadOnlyList<string>? keywords = null)
    {
        var article = TestArticles.Enriched(title, body, category, Start.AddDays(day), story ?? id, url ?? $"https://example.vn/{id}");
        article = article with { Content = article.Content with { ImageUrl = $"https://img.example.vn/{id}.jpg", ImageAlt = $"Ảnh {id}" } };
        if (linked is not null) article = article with { Content = article.Content with { LinkedArticleIds = linked } };
        if (entities is not null) article = article with { Entities = entities };
        if (keywords is not null) article = article with { Keywords = keywords.Select((k, i) => new WeightedKeyword(k, 1.0 / (i + 1))).ToList() };
        await _app.Services.GetRequiredService<IBus>().Publish(new ArticleIndexed { ArticleId = id, Version = version, Article = article });
    }

    private async Task<List<string>> RelatedIds(string id, string query = "") =>
        PipelineIds(await Http.GetFromJsonAsync<JsonObject>($"/api/recommendations/{id}/related?size=10{query}"));

    private static List<string> PipelineIds(JsonObject? json) => Ids(json!["items"]);

    private static List<string> Ids(JsonNode? items) => items!.AsArray().Select(i => i!["id"]!.GetValue<string>()).ToList();

    private Task WaitForAsync(string id) => Eventually.Until(() => Http.GetAsync($"/api/recommendations/{id}/related"),
        r => r.StatusCode == HttpStatusCode.OK, $"{id} is known to recommendation");

    private async Task FloodStoryAsync()
    {
        await IndexedAsync("flood-1", "Mưa lớn gây ngập sâu ở Quảng Nam", "Nước sông Vu Gia dâng cao, nhiều xã ở Quảng Nam ngập sâu.", "Thời sự", 1, story: "flood");
        await IndexedAsync("flood-2", "Quảng Nam: mưa lớn, nhiều xã ngập sâu", "Nhiều xã ở Quảng Nam ngập sâu khi nước sông Vu Gia dâng cao.", "Thời sự", 1, story: "flood");
        await IndexedAsync("flood-3", "Quảng Nam sơ tán dân vùng ngập", "Quảng Nam sơ tán hàng nghìn hộ dân khỏi vùng ngập sâu ven sông Vu Gia.", "Thời sự", 2);
        await IndexedAsync("school", "Học sinh Quảng Nam trở lại trường sau lũ", "Các trường ở Quảng Nam dọn bùn sau ngập sâu.", "Giáo dục", 3);
        await IndexedAsync("football", "Tuyển Việt Nam thắng Thái Lan", "Bàn thắng phút cuối đưa tuyển Việt Nam vào chung kết.", "Thể thao", 4);
        foreach (var id in new[] { "flood-1", "flood-2", "flood-3", "school", "football" }) await WaitForAsync(id);
    }

    [Fact]
    public async Task Related_never_lists_the_article_itself_nor_two_of_one_story()
    {
        await FloodStoryAsync();
        var related = await RelatedIds("flood-3");
        Assert.DoesNotContain("flood-3", related);
        Assert.Single(related, id => id.StartsWith("flood-"));
        Assert.Equal("school", related[1]);
        Assert.DoesNotContain(await RelatedIds("flood-1"), id => id is "flood-1" or "flood-2");
    }

    [Fact]
    public async Task Publish_times_are_given_in_utc_whatever_offset_the_source_used()
    {
        await FloodStoryAsync();
        var related = await Http.GetFromJsonAsync<JsonObject>("/api/recommendations/flood-3/related?size=10", TestContext.Current.CancellationToken);
        var school = related!["items"]!.AsArray().Single(i => i!["id"]!.GetValue<string>() == "school")!;
        // Published at 08:00 +07:00 on the start's third day.
        Assert.Equal("2025-07-04T01:00:00Z", school["publishedAt"]!.GetValue<string>());
    }

    [Fact]
    public async Task Related_leaves_out_what_the_caller_excludes_and_copies_of_it()
    {
        await FloodStoryAsync();
        var related = await RelatedIds("flood-3", "&exclude=school,flood-1");
        Assert.DoesNotContain("school", related);
        Assert.DoesNotContain("flood-1", related);
        // flood-2 retells flood-1 in its own words: its story's next in line.
        Assert.Contains("flood-2", related);
        // An exact copy: enrichment puts it in its original's story.
        await IndexedAsync("school-copy", "Học sinh Quảng Nam trở lại trường sau lũ", "Các trường ở Quảng Nam dọn bùn sau ngập sâu.", "Giáo dục", 3, story: "school");
        await Eventually.Until(() => RelatedIds("flood-3"), ids => ids.Contains("school-copy") || ids.Contains("school"), "school or its copy is listed");
        Assert.DoesNotContain(await RelatedIds("flood-3", "&exclude=school"), id => id is "school" or "school-copy");
    }

    [Fact]
    public async Task A_new_article_joins_the_kept_lists_of_the_articles_it_is_most_like()
    {
        await FloodStoryAsync();
        Assert.DoesNotContain("flood-4", await RelatedIds("school"));   // school's list is now kept
        await IndexedAsync("flood-4", "Quảng Nam dọn bùn sau ngập sâu", "Trường học và nhà dân ở Quảng Nam dọn bùn sau ngập sâu ven sông Vu Gia.", "Thời sự", 5);
        // Only the event can change a kept list: without the push into neighbours' lists this never holds.
        await Eventually.Until(() => RelatedIds("school"), ids => ids.Contains("flood-4"), "the new article is in its neighbour's list");
    }

    [Fact]
    public async Task Lists_that_held_an_older_version_are_computed_again()
    {
        await FloodStoryAsync();
        Assert.Contains("flood-3", await RelatedIds("school"));   // school's list is now kept
        // Not a word in common with school any more, so the new version's own list cannot reach school's.
        await IndexedAsync("flood-3", "Đội tuyển Brazil vô địch", "Bàn thắng phút cuối giúp Brazil vô địch.", "Thể thao", 2, version: 2);
        await Eventually.Until(() => RelatedIds("school"), ids => !ids.Contains("flood-3"), "the new text leaves school's list");
    }

    [Fact]
    public async Task After_a_restart_lists_are_built_from_the_articles_read_back_from_the_index()
    {
        await FloodStoryAsync();
        var before = await RelatedIds("flood-3");
        await _app.DisposeAsync();
        // Each test's events stand for several readers on one machine.
        _app = await RunningApp.StartAsync(Program.Build, _data.Path, new Dictionary<string, string?> { ["Recommendation:ReadersPerAddress"] = "100" });

        Assert.Equal(before, await RelatedIds("flood-3"));
        Assert.Contains("school", await RelatedIds("flood-1"));
    }

    [Fact]
    public async Task A_new_version_gets_its_list_again()
    {
        await FloodStoryAsync();
        await IndexedAsync("changing", "Tuyển Việt Nam chuẩn bị chung kết", "Tuyển Việt Nam tập luyện cho trận chung kết với Thái Lan.", "Thể thao", 5);
        await WaitForAsync("changing");
        Assert.Equal("football", (await RelatedIds("changing"))[0]);
        await IndexedAsync("changing", "Quảng Nam sơ tán dân vùng ngập sâu", "Nước sông Vu Gia dâng cao, Quảng Nam sơ tán dân khỏi vùng ngập sâu.", "Thời sự", 5, version: 2);
        await Eventually.Until(() => RelatedIds("changing"), ids => ids.FirstOrDefault()?.StartsWith("flood-") == true, "the list follows the new text");
    }

    [Fact]
    public async Task Related_leaves_out_what_the_page_already_links_to()
    {
        await FloodStoryAsync();
        Assert.Contains("school", await RelatedIds("flood-3"));
        await IndexedAsync("flood-3", "Quảng Nam sơ tán dân vùng ngập", "Quảng Nam sơ tán hàng nghìn hộ dân khỏi vùng ngập sâu ven sông Vu Gia.",
            "Thời sự", 2, version: 2, linked: ["school"]);
        await Eventually.Until(() => RelatedIds("flood-3"), ids => !ids.Contains("school"), "the linked article leaves related");
        Assert.Contains(await RelatedIds("flood-3"), id => id.StartsWith("flood-"));
    }

    [Fact]
    public async Task Related_items_say_why_in_Vietnamese()
    {
        await FloodStoryAsync();
        var item = (await Http.GetFromJsonAsync<JsonObject>("/api/recommendations/flood-3/related"))!["items"]![0]!;
        Assert.Contains("Thời sự", item["reason"]!.GetValue<string>());
        Assert.Equal($"https://example.vn/{item["id"]!.GetValue<string>()}", item["url"]!.GetValue<string>());
    }

    [Fact]
    public async Task Related_items_name_what_both_articles_name()
    {
        NamedEntity[] council = [new("Nguyễn Thị Bích Ngọc", EntityType.Person, 1), new("HĐND TP Hà Nội", EntityType.Organisation, 4), new("Quận Ba Đình", EntityType.Place, 1)];
        await IndexedAsync("session", "HĐND TP Hà Nội khai mạc kỳ họp", "Kỳ họp của HĐND TP Hà Nội bàn ngân sách; chủ tọa là bà Nguyễn Thị Bích Ngọc.", "Thời sự", 1, entities: council);
        await IndexedAsync("budget", "HĐND TP Hà Nội thông qua ngân sách", "HĐND TP Hà Nội thông qua ngân sách; bà Nguyễn Thị Bích Ngọc điều hành kỳ họp.", "Thời sự", 2,
            entities: [new("Nguyễn Thị Bích Ngọc", EntityType.Person, 2), new("HĐND TP Hà Nội", EntityType.Organisation, 3)]);
        await WaitForAsync("session");
        await WaitForAsync("budget");
        var item = (await Http.GetFromJsonAsync<JsonObject>("/api/recommendations/session/related"))!["items"]![0]!;
        Assert.Equal("budget", item["id"]!.GetValue<string>());
        Assert.Equal("Cùng nhắc đến HĐND TP Hà Nội, Nguyễn Thị Bích Ngọc", item["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_reason_names_what_both_articles_are_about_as_they_write_it()
    {
        NamedEntity haNoi = new("Hà Nội", EntityType.Place, 3);
        for (var i = 0; i < 12; i++)
            await IndexedAsync($"hn-{i}", $"Hà Nội phân luồng giao thông tuyến số {i}", $"Hà Nội phân luồng tuyến {i} từ tuần sau.", "Thời sự", i, entities: [haNoi]);
        // A figure and a word of one syllable come first among the keywords, and say nothing of what both are about.
        string[] loans = ["55.000 tỷ đồng", "vay", "bẫy tín dụng đen"];
        await IndexedAsync("loan-1", "Người Hà Nội mắc bẫy tín dụng đen", "Nhiều người ở Hà Nội vay 55.000 tỷ đồng, mắc bẫy tín dụng đen.", "Kinh doanh", 1, entities: [haNoi], keywords: loans);
        await IndexedAsync("loan-2", "Công an Hà Nội phá ổ bẫy tín dụng đen", "Người vay ở Hà Nội thoát bẫy tín dụng đen.", "Pháp luật", 2, entities: [haNoi], keywords: loans);
        // A name reads as the articles write it; a dateline's capitals are no name.
        string[] milk = ["quốc zhang", "sữa", "nestlé"];
        await IndexedAsync("milk-1", "Sữa bột bán chạy", "TRUNG QUỐC Zhang Wei cho biết sữa của Nestlé bán chạy.", "Kinh doanh", 3, keywords: milk);
        await IndexedAsync("milk-2", "Sữa bột tăng giá", "TRUNG QUỐC Zhang Wei nói sữa bột của Nestlé tăng giá.", "Kinh doanh", 4, keywords: milk);
        // One word longer than any Vietnamese syllable is a word of its own.
        await IndexedAsync("phone-1", "Điện thoại gập giảm giá", "Loạt smartphone màn hình gập giảm giá.", "Công nghệ", 5, keywords: ["smartphone"]);
        await IndexedAsync("phone-2", "Điện thoại gập mới ra mắt", "Hai smartphone màn hình gập ra mắt.", "Công nghệ", 6, keywords: ["smartphone"]);
        foreach (var id in new[] { "loan-1", "loan-2", "milk-1", "milk-2", "phone-1", "phone-2" }) await WaitForAsync(id);

        Assert.Equal("Cùng nói về bẫy tín dụng đen", await ReasonAsync("loan-1", "loan-2"));
        Assert.Equal("Cùng nói về Nestlé", await ReasonAsync("milk-1", "milk-2"));
        Assert.Equal("Cùng nói về smartphone", await ReasonAsync("phone-1", "phone-2"));

        async Task<string> ReasonAsync(string reading, string related) =>
            (await Http.GetFromJsonAsync<JsonObject>($"/api/recommendations/{reading}/related?size=20"))!["items"]!.AsArray()
                .Single(i => i!["id"]!.GetValue<string>() == related)!["reason"]!.GetValue<string>();
    }

    [Fact]
    public async Task A_reason_names_what_few_articles_share_rather_than_the_city_every_article_names()
    {
        NamedEntity haNoi = new("Hà Nội", EntityType.Place, 3), mobifone = new("MobiFone", EntityType.Organisation, 2);
        for (var i = 0; i < 12; i++)
            await IndexedAsync($"hn-{i}", $"Hà Nội phân luồng giao thông tuyến số {i}", $"Hà Nội phân luồng tuyến {i} từ tuần sau.", "Thời sự", i, entities: [haNoi]);
        await IndexedAsync("mobi-1", "MobiFone phủ sóng 5G ở Hà Nội", "MobiFone phủ sóng 5G khắp Hà Nội.", "Kinh doanh", 1, entities: [haNoi, mobifone]);
        await IndexedAsync("mobi-2", "MobiFone nâng cấp mạng 5G tại Hà Nội", "MobiFone nâng cấp mạng 5G tại Hà Nội.", "Kinh doanh", 2, entities: [haNoi, mobifone]);
        await WaitForAsync("mobi-1");
        await WaitForAsync("mobi-2");

        var item = (await Http.GetFromJsonAsync<JsonObject>("/api/recommendations/mobi-1/related"))!["items"]![0]!;
        Assert.Equal(("mobi-2", "Cùng nhắc đến MobiFone"), (item["id"]!.GetValue<string>(), item["reason"]!.GetValue<string>()));
        // Between two articles sharing only the city fourteen name, the section says as much.
        var traffic = (await Http.GetFromJsonAsync<JsonObject>("/api/recommendations/hn-0/related?size=20"))!["items"]!.AsArray();
        Assert.All(traffic.Where(i => i!["id"]!.GetValue<string>().StartsWith("hn-")),
            i => Assert.Equal("Cùng chuyên mục Thời sự, nội dung gần nhau", i!["reason"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Unknown_article_is_a_404_problem()
    {
        var response = await Http.GetAsync("/api/recommendations/nope/related");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task More_pages_through_the_section_newest_first_without_repeats_while_articles_arrive()
    {
        for (var day = 0; day < 7; day++) await IndexedAsync($"ts-{day}", $"Tin thời sự ngày {day}", "Nội dung", "Thời sự", day);
        await IndexedAsync("other", "Tin thể thao", "Nội dung", "Thể thao", 9);
        await WaitForAsync("ts-6");
        await WaitForAsync("other");

        var page1 = (await Http.GetFromJsonAsync<JsonObject>("/api/feeds/more?articleId=ts-3&size=3"))!;
        Assert.Equal(["ts-6", "ts-5", "ts-4"], PipelineIds(page1));
        await IndexedAsync("ts-new", "Tin thời sự mới nhất", "Nội dung", "Thời sự", 8);
        await WaitForAsync("ts-new");
        var page2 = (await Http.GetFromJsonAsync<JsonObject>($"/api/feeds/more?articleId=ts-3&size=3&cursor={page1["nextCursor"]}"))!;
        Assert.Equal(["ts-2", "ts-1", "ts-0"], PipelineIds(page2));
    }

    [Fact]
    public async Task Withdrawn_article_leaves_related_and_more_at_once()
    {
        await FloodStoryAsync();
        Assert.Contains("school", await RelatedIds("flood-3"));
        await _app.Services.GetRequiredService<IBus>().Publish(new ArticleWithdrawn { ArticleId = "school", Version = 2, WithdrawnAt = DateTimeOffset.UtcNow });
        await Eventually.Until(() => RelatedIds("flood-3"), ids => !ids.Contains("school"), "the withdrawn article leaves the related list");
        // A late copy of the old version does not bring it back.
        await IndexedAsync("school", "Học sinh Quảng Nam trở lại trường sau lũ", "Các trường ở Quảng Nam dọn bùn sau ngập sâu.", "Giáo dục", 3);
        await IndexedAsync("probe", "Bài dò", "Nội dung", "Giáo dục", 5);
        await WaitForAsync("probe");
        Assert.DoesNotContain("school", await RelatedIds("flood-3"));
        // The page of a withdrawn article may still be cached somewhere: its blocks say why they are gone.
        foreach (var path in new[] { "/api/recommendations/school/related", "/api/blocks/school" })
        {
            var response = await Http.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("The article 'school' was withdrawn (version 2): it has no blocks and is in none.",
                (await response.Content.ReadFromJsonAsync<JsonObject>())!["detail"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task A_withdrawal_older_than_the_version_indexed_changes_nothing()
    {
        await FloodStoryAsync();
        var bus = _app.Services.GetRequiredService<IBus>();
        var remembered = new ConsumedProbe<ArticleIndexed>("remember-article", m => m.ArticleId == "school" && m.Version == 3);
        var forgotten = new ConsumedProbe<ArticleWithdrawn>("forget-article", m => m.ArticleId == "school");
        using var a = bus.ConnectConsumeMessageObserver(remembered);
        using var b = bus.ConnectConsumeMessageObserver(forgotten);
        await IndexedAsync("school", "Học sinh Quảng Nam trở lại trường sau lũ", "Các trường ở Quảng Nam dọn bùn sau ngập sâu.", "Giáo dục", 3, version: 3);
        await remembered.Consumed;
        await Readers.SendAsync(Http, "click", "school", 3);
        Assert.Contains("school", await RelatedIds("flood-3"));

        await bus.Publish(new ArticleWithdrawn { ArticleId = "school", Version = 2, WithdrawnAt = DateTimeOffset.UtcNow });
        await forgotten.Consumed;

        Assert.Contains("school", await RelatedIds("flood-3"));
        Assert.Equal(HttpStatusCode.OK, (await Http.GetAsync("/api/recommendations/school/related")).StatusCode);
        Assert.Equal("school", PipelineIds(await Http.GetFromJsonAsync<JsonObject>("/api/feeds/featured?size=3"))[0]);
    }

    [Fact]
    public async Task Views_and_clicks_make_an_article_featured()
    {
        await FloodStoryAsync();
        await Readers.SendAsync(Http, "view", "football", 4);
        await Readers.SendAsync(Http, "click", "school", 1);
        var featured = PipelineIds(await Http.GetFromJsonAsync<JsonObject>("/api/feeds/featured?size=3"));
        Assert.Equal(["football", "school"], featured.Take(2));
        Assert.Equal(3, featured.Count);
    }

    [Fact]
    public async Task Blocks_give_all_three_for_one_page_view_with_no_article_twice()
    {
        await FloodStoryAsync();
        for (var day = 0; day < 8; day++) await IndexedAsync($"ts-{day}", $"Tin thời sự ngày {day}", "Nội dung", "Thời sự", 10 + day);
        await WaitForAsync("ts-7");
        var related = (await RelatedIds("flood-3")).Take(2).ToList();
        // Readers click what related shows first: on its own, featured would show it too.
        foreach (var id in related) await Readers.SendAsync(Http, "click", id, 5);
        Assert.Equal(related.Order(), PipelineIds(await Http.GetFromJsonAsync<JsonObject>("/api/feeds/featured?size=2")).Order());

        var blocks = (await Http.GetFromJsonAsync<JsonObject>("/api/blocks/flood-3?relatedSize=2&featuredSize=3&moreSize=5"))!;
        Assert.Equal(related, Ids(blocks["related"]));
        var featured = Ids(blocks["featured"]);
        var more = PipelineIds(blocks["more"]!.AsObject());
        Assert.Equal(3, featured.Count);
        Assert.Equal(5, more.Count);
        var shown = related.Concat(featured).Concat(more).ToList();
        Assert.Equal(shown.Distinct().Count(), shown.Count);
        Assert.DoesNotContain("flood-3", shown);
        Assert.All(more, id => Assert.True(id.StartsWith("ts-") || id.StartsWith("flood-"), $"{id} is not of the page's section"));
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetAsync("/api/blocks/nope")).StatusCode);
    }

    [Fact]
    public async Task No_block_shows_a_copy_of_the_page_nor_one_text_twice()
    {
        await FloodStoryAsync();
        // A copy of the page's own article under another id, two copies of another report, a near-exact copy of a third
        // (two words added to its headline; enrichment put each in its original's story); readers flock to all of them.
        await IndexedAsync("flood-1-copy", "Mưa lớn gây ngập sâu ở Quảng Nam", "Nước sông Vu Gia dâng cao, nhiều xã ở Quảng Nam ngập sâu.", "Thời sự", 1, story: "flood");
        foreach (var id in new[] { "roads-a", "roads-b" })
            await IndexedAsync(id, "Quảng Nam thông xe các tuyến đường sau lũ", "Các tuyến đường ở Quảng Nam thông xe sau ngập sâu, xe khách chạy lại từ sáng nay.", "Thời sự", 6, story: "roads");
        await IndexedAsync("bridge", "Cầu tạm ở Quảng Nam được dựng lại sau lũ", "Cầu tạm qua sông Vu Gia ở Quảng Nam được dựng lại sau lũ, người dân đi lại từ chiều nay.", "Thời sự", 7, story: "bridge");
        await IndexedAsync("bridge-near", "Cầu tạm ở Quảng Nam được dựng lại sau lũ quét", "Cầu tạm qua sông Vu Gia ở Quảng Nam được dựng lại sau lũ, người dân đi lại từ chiều nay.", "Thời sự", 7, story: "bridge");
        string[] copies = ["flood-1-copy", "roads-a", "roads-b", "bridge", "bridge-near"];
        foreach (var id in copies) await WaitForAsync(id);
        foreach (var id in copies) await Readers.SendAsync(Http, "click", id, 5);

        var blocks = (await Http.GetFromJsonAsync<JsonObject>("/api/blocks/flood-1?relatedSize=5&featuredSize=5&moreSize=10"))!;
        var shown = Ids(blocks["related"]).Concat(Ids(blocks["featured"])).Concat(PipelineIds(blocks["more"]!.AsObject())).ToList();
        Assert.DoesNotContain(shown, id => id is "flood-1" or "flood-1-copy");
        Assert.Single(shown, id => id.StartsWith("roads-"));
        Assert.Single(shown, id => id.StartsWith("bridge"));
        // Each feed on its own, too.
        Assert.Single(PipelineIds(await Http.GetFromJsonAsync<JsonObject>("/api/feeds/featured?size=10")), id => id.StartsWith("roads-"));
        var more = PipelineIds(await Http.GetFromJsonAsync<JsonObject>("/api/feeds/more?articleId=flood-1&size=20"));
        Assert.DoesNotContain("flood-1-copy", more);
        Assert.Single(more, id => id.StartsWith("roads-"));
        // Another article of the page's story, in its own words, is other news.
        Assert.Contains("flood-2", more);
    }

    [Fact]
    public async Task Every_block_gives_each_items_image()
    {
        await FloodStoryAsync();
        await Readers.SendAsync(Http, "click", "football", 5);
        var blocks = (await Http.GetFromJsonAsync<JsonObject>("/api/blocks/flood-3?relatedSize=2&featuredSize=2&moreSize=2"))!;
        var items = blocks["related"]!.AsArray().Concat(blocks["featured"]!.AsArray()).Concat(blocks["more"]!["items"]!.AsArray()).ToList();
        Assert.NotEmpty(blocks["featured"]!.AsArray());
        Assert.All(items, i => Assert.Equal(
            ($"https://img.example.vn/{i!["id"]}.jpg", $"Ảnh {i["id"]}"), (i["imageUrl"]!.GetValue<string>(), i["imageAlt"]!.GetValue<string>())));
        var related = (await Http.GetFromJsonAsync<JsonObject>("/api/recommendations/flood-3/related"))!["items"]![0]!;
        Assert.Equal($"https://img.example.vn/{related["id"]}.jpg", related["imageUrl"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_embed_fragment_is_the_blocks_as_html_without_script_with_text_as_text()
    {
        await FloodStoryAsync();
        await IndexedAsync("xss", "<script>alert(1)</script><img src=x onerror=alert(2)>", "Quảng Nam ngập sâu, nước sông Vu Gia dâng cao.", "Thời sự", 2,
            url: "https://example.vn/x?q=\"><script>alert(3)</script>");
        await WaitForAsync("xss");
        var response = await Http.GetAsync("/embed/blocks/flood-3?size=10&layout=grid");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script", html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;", html);
        Assert.Contains("href=\"https://example.vn/x?q=&quot;&gt;&lt;script&gt;", html);
        Assert.Contains("<body data-layout=\"grid\" data-theme=\"auto\">", html);
        Assert.Contains("<h2 id=\"cp-related\">Có thể bạn quan tâm</h2>", html);
        Assert.Contains("<a target=\"_top\" href=\"https://example.vn/school\">", html);
        Assert.Contains("src=\"https://img.example.vn/school.jpg\" alt=\"Ảnh school\"", html);
        Assert.DoesNotContain(":host", html);

        // Framed on the page of an article recommendation does not know: nothing shown, no error's JSON; the reason in the source.
        var unknown = await Http.GetAsync("/embed/blocks/%22%3E%3Cscript%3E");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("text/html", unknown.Content.Headers.ContentType!.MediaType);
        Assert.Contains("default-src 'none'", unknown.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Contains("<body data-reason=\"No published article has the id &#x27;&quot;&gt;&lt;script&gt;&#x27;: it has not reached recommendation yet",
            await unknown.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_widget_is_one_script_under_8_kb_gzipped_with_its_stylesheet_inside()
    {
        var response = await Http.GetAsync("/widget.js");
        var script = await response.Content.ReadAsByteArrayAsync();
        using var zipped = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(zipped, System.IO.Compression.CompressionLevel.SmallestSize, leaveOpen: true)) gzip.Write(script);
        Assert.True(zipped.Length <= 8 * 1024, $"widget.js is {zipped.Length} bytes gzipped");
        var text = System.Text.Encoding.UTF8.GetString(script);
        Assert.DoesNotContain("__WIDGET_CSS__", text);
        Assert.Contains("var css = \":host{", text);
        Assert.DoesNotContain("eval(", text);
        Assert.DoesNotContain("innerHTML", text);
    }

    [Theory]
    [InlineData(0.5, "Vừa xong")]
    [InlineData(5, "5 phút trước")]
    [InlineData(125, "2 giờ trước")]
    [InlineData(60 * 30, "Hôm qua")]
    [InlineData(60 * 24 * 3, "28/06/2025")]
    public void The_fragment_says_how_long_ago_as_the_widget_does(double minutesAgo, string expected)
    {
        // 08:00 in Vietnam on 1 July 2025; thirty hours before is 02:00 on 30 June, the day before.
        Assert.Equal(expected, ContentPipeline.Recommendation.Widget.BlocksFragment.Ago(Start.AddMinutes(-minutesAgo), Start));
    }

    [Fact]
    public async Task Featured_can_keep_to_one_section()
    {
        await FloodStoryAsync();
        await Readers.SendAsync(Http, "view", "flood-3", 6);
        await Readers.SendAsync(Http, "view", "school", 3);
        Assert.Equal("flood-3", PipelineIds(await Http.GetFromJsonAsync<JsonObject>("/api/feeds/featured?size=2"))[0]);
        var education = PipelineIds(await Http.GetFromJsonAsync<JsonObject>($"/api/feeds/featured?size=3&section={Uri.EscapeDataString("Giáo dục")}"));
        Assert.Equal(["school"], education);
    }

    [Fact]
    public async Task Bad_events_are_refused_with_a_reason()
    {
        var response = await Http.PostAsJsonAsync("/api/events", new { type = "like", articleId = "a" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("view, impression or click", (await response.Content.ReadFromJsonAsync<JsonObject>())!["detail"]!.GetValue<string>());
        var misplaced = await Http.PostAsJsonAsync("/api/events", new { type = "click", articleId = "a", block = "related", position = 0 });
        Assert.Equal(HttpStatusCode.BadRequest, misplaced.StatusCode);
        Assert.Contains("position counts from 1", (await misplaced.Content.ReadFromJsonAsync<JsonObject>())!["detail"]!.GetValue<string>());
    }
}
