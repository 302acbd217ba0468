using ContentPipeline.Contracts;
using ContentPipeline.Search;
using ContentPipeline.Search.LuceneEngine;
using ContentPipeline.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace ContentPipeline.SearchIndex.Tests.LuceneEngine;

/// <summary>
/// Recommendation's own index analyses no text (<see cref="IndexPurpose.Lookup"/>): everything it is read for must
/// still work, across a reopen, and a search by words must be refused rather than find nothing.
/// </summary>
public sealed class LookupIndexTests : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly TempDirectory _folder = new();

    private LuceneArticleIndex Open() => new(_folder.Path, NullLogger<LuceneArticleIndex>.Instance, IndexPurpose.Lookup);

    [Fact]
    public async Task Articles_are_read_by_id_section_date_and_whole_but_not_searched_by_words()
    {
        var older = DateTimeOffset.Parse("2026-11-01T08:00:00+07:00");
        var kept = TestArticles.Enriched("Hà Nội chống ngập", "Trạm bơm chống ngập nội đô.", "thoi-su", older) with
        {
            NormalizedLead = "Mùa mưa đến sớm.",
            Keywords = [new WeightedKeyword("chống ngập", 1), new WeightedKeyword("trạm bơm", 0.5)],
        };
        using (var index = Open())
        {
            Assert.Equal(WriteOutcome.Applied, await index.UpsertAsync("a", 2, kept, Ct));
            await index.UpsertAsync("b", 1, TestArticles.Enriched("Hải Phòng mở đường mới", "", "thoi-su", older.AddHours(1)), Ct);
            await index.UpsertAsync("c", 1, TestArticles.Enriched("Giá vàng tăng", "", "kinh-doanh", older.AddHours(2)), Ct);
            await index.WithdrawAsync("b", 2, Ct);
            Assert.Equal(WriteOutcome.Stale, await index.UpsertAsync("a", 1, kept, Ct));
        }

        using var reopened = Open();
        Assert.Equal(("Hà Nội chống ngập", "thoi-su"), ((await reopened.GetAsync("a", Ct))!.Title, (await reopened.GetAsync("a", Ct))!.Category));
        Assert.Null(await reopened.GetAsync("b", Ct));
        Assert.Equal(["a"], (await reopened.NewestAsync("thoi-su", null, 10, new HashSet<string>(), Ct)).Items.Select(i => i.Id));
        Assert.Equal(["c", "a"], (await reopened.NewestAsync(null, null, 10, new HashSet<string>(), Ct)).Items.Select(i => i.Id));

        var all = new List<StoredArticle>();
        await foreach (var stored in reopened.ReadAllAsync(Ct)) all.Add(stored);
        var a = Assert.Single(all, s => s.Article.Id == "a");
        Assert.Equal(ArticleWords.Of(kept) with { Keywords = [] }, a.Words with { Keywords = [] });
        Assert.Equal(["chống ngập", "trạm bơm"], a.Words.Keywords);
        Assert.Equal(["a", "c"], all.Select(s => s.Article.Id).Order());

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => reopened.SearchAsync(new SearchQuery { Text = "chống ngập" }, Ct));
        Assert.Contains("cannot be searched by words", refused.Message);
        await Assert.ThrowsAsync<InvalidOperationException>(() => reopened.SuggestAsync("chống", 5, Ct));
    }

    public void Dispose() => _folder.Dispose();
}
