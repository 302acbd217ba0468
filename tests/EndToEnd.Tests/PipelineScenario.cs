using ContentPipeline.Testing;

namespace ContentPipeline.EndToEnd.Tests;

/// <summary>
/// The walking skeleton's promise, the same in both modes: an article goes in, becomes searchable without accents,
/// shows up next to a similar article, takes a new version, and disappears everywhere when withdrawn.
/// </summary>
public static class PipelineScenario
{
    public static async Task RunAsync(PipelineClient pipeline)
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var neighbour = $"thoat-nuoc-{run}";
        var article = $"tram-bom-{run}";

        await pipeline.SubmitAsync(new
        {
            id = neighbour,
            title = "Hà Nội mở rộng hệ thống thoát nước chống ngập nội đô",
            // As scraped sapos come: the dateline glued to the first word.
            lead = "HÀ NỘIỦy ban nhân dân thành phố phê duyệt đề án mở rộng hệ thống thoát nước, chống ngập cho các quận nội đô.",
            body = "Đề án gồm các trạm bơm mới và tuyến cống ngầm tại quận Hoàng Mai và quận Thanh Xuân.\nCác trạm bơm sẽ chống ngập cho hàng trăm nghìn hộ dân khi mưa lớn.",
            category = "Thời sự",
            publishedAt = "2025-07-01T08:00:00+07:00",
        });
        var (id, version) = await pipeline.SubmitAsync(new
        {
            id = article,
            title = "Hà Nội khởi công trạm bơm chống ngập cho quận Hoàng Mai",
            lead = "Sáng nay, UBND TP Hà Nội khởi công trạm bơm chống ngập công suất lớn tại quận Hoàng Mai.",
            body = "Trạm bơm mới cùng hệ thống thoát nước sẽ giảm ngập cho quận Hoàng Mai và quận Thanh Xuân khi mưa lớn.",
            category = "Thời sự",
            publishedAt = "2025-07-02T08:00:00+07:00",
            imageUrl = $"https://img.example.vn/{article}.jpg",
            imageAlt = "Công nhân lắp máy bơm",
        });
        Assert.Equal((article, 1L), (id, version));

        // Searchable as people type on phones: no accents.
        await Eventually.Until(() => pipeline.SearchAsync("ha noi khoi cong tram bom"), hits => hits.Any(h => h.Id == article),
            "the article is found by 'ha noi khoi cong tram bom'");
        // The sapo's first word is a word, not part of the dateline.
        await Eventually.Until(() => pipeline.SearchAsync("uy ban nhan dan phe duyet de an"), hits => hits.Any(h => h.Id == neighbour),
            "the neighbour is found by the words after its dateline");
        // In the related list of the similar article.
        await Eventually.Until(() => pipeline.RelatedAsync(neighbour), items => items.Any(i => i.Id == article),
            "the article is related to its neighbour");
        // Its photo goes wherever it is shown.
        var photo = (await pipeline.SearchJsonAsync("ha noi khoi cong tram bom"))["items"]!.AsArray().Single(i => i!["id"]!.GetValue<string>() == article)!;
        Assert.Equal(($"https://img.example.vn/{article}.jpg", "Công nhân lắp máy bơm"), (photo["imageUrl"]!.GetValue<string>(), photo["imageAlt"]!.GetValue<string>()));
        var blocks = await Eventually.Until(() => pipeline.BlocksAsync(neighbour), b => b is not null, "the neighbour's blocks are served");
        Assert.Equal($"https://img.example.vn/{article}.jpg",
            blocks!["related"]!.AsArray().Single(i => i!["id"]!.GetValue<string>() == article)!["imageUrl"]!.GetValue<string>());
        // And anyone can see how far it got.
        var status = await Eventually.Until(() => pipeline.ArticleAsync(article), a => a?["status"]?.GetValue<string>() == "recommended",
            "the article reaches status 'recommended'");
        var enrichment = status!["enrichment"]!;
        Assert.Equal("vi", enrichment["language"]!.GetValue<string>());
        Assert.Equal("ha-noi-khoi-cong-tram-bom-chong-ngap-cho-quan-hoang-mai", enrichment["slug"]!.GetValue<string>());
        Assert.Equal(("Thời sự", false), (enrichment["category"]!.GetValue<string>(), enrichment["categoryInferred"]!.GetValue<bool>()));
        Assert.Contains(enrichment["keywords"]!.AsArray(), k => k!["term"]!.GetValue<string>().Contains("trạm bơm"));
        Assert.Contains(enrichment["entities"]!.AsArray(), e => e!["text"]!.GetValue<string>() == "quận Hoàng Mai" && e["type"]!.GetValue<string>() == "place");
        Assert.Contains(enrichment["entities"]!.AsArray(), e => e!["text"]!.GetValue<string>() == "UBND TP Hà Nội" && e["type"]!.GetValue<string>() == "organisation");
        Assert.Contains(enrichment["acronyms"]!.AsArray(), a => a!["acronym"]!.GetValue<string>() == "UBND");
        Assert.Equal(article, enrichment["storyId"]!.GetValue<string>());

        // A new version replaces the old one in the index.
        var (_, version2) = await pipeline.SubmitAsync(new
        {
            id = article,
            title = "Hà Nội khánh thành trạm bơm chống ngập quận Hoàng Mai",
            lead = "Trạm bơm chống ngập tại quận Hoàng Mai đã hoàn thành và đi vào hoạt động.",
            body = "Trạm bơm cùng hệ thống thoát nước giảm ngập cho quận Hoàng Mai và quận Thanh Xuân khi mưa lớn.",
            category = "Thời sự",
            publishedAt = "2025-07-02T08:00:00+07:00",
        });
        Assert.Equal(2, version2);
        var hits = await Eventually.Until(() => pipeline.SearchAsync("tram bom hoang mai"),
            h => h.Any(x => x.Id == article && x.Title == "Hà Nội khánh thành trạm bơm chống ngập quận Hoàng Mai"),
            "search shows the new title");
        Assert.Single(hits, h => h.Id == article);
        // Three words, each required: the old title's "khởi công" is gone with it.
        Assert.DoesNotContain(await pipeline.SearchAsync("khoi cong tram"), h => h.Id == article);

        // Withdrawn: gone from search and from every related list.
        Assert.Equal(3, await pipeline.WithdrawAsync(article));
        await Eventually.Until(() => pipeline.SearchAsync("tram bom hoang mai"), h => h.All(x => x.Id != article), "the article is gone from search");
        await Eventually.Until(() => pipeline.RelatedAsync(neighbour), items => items.All(i => i.Id != article), "the article is gone from related lists");
        Assert.Null(await pipeline.ArticleAsync(article));
    }
}
