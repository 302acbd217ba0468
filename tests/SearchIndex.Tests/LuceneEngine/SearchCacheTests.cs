using ContentPipeline.Search;
using ContentPipeline.Search.LuceneEngine;
using static ContentPipeline.SearchIndex.Tests.LuceneEngine.LuceneIndex;

namespace ContentPipeline.SearchIndex.Tests.LuceneEngine;

public sealed class SearchCacheTests : IDisposable
{
    private readonly LuceneIndex _lucene = new();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_repeated_first_page_is_answered_from_the_cache_until_the_index_changes()
    {
        var index = _lucene.Index;
        await index.UpsertAsync("a", 1, Article("Giá vàng hôm nay tăng mạnh"), Ct);
        var query = new SearchQuery { Text = "gia vang", Size = 1 };

        var first = await index.SearchAsync(query, Ct);
        var again = await index.SearchAsync(query, Ct);
        Assert.Equal(1, index.CachedAnswers);
        Assert.Same(first, again);
        // Another page size, section or sort is another search.
        await index.SearchAsync(query with { Size = 5 }, Ct);
        await index.SearchAsync(query with { Sort = SearchSort.Newest }, Ct);
        Assert.Equal(1, index.CachedAnswers);

        // A write is seen at once: the page read before it is not served again.
        await index.UpsertAsync("b", 1, Article("Giá vàng thế giới giảm"), Ct);
        var page = await index.SearchAsync(query, Ct);
        Assert.Equal(2, page.Total);
        Assert.Equal(1, index.CachedAnswers);

        // Later pages are read from the first page's snapshot, never from the cache.
        var second = await index.SearchAsync(query with { Cursor = page.NextCursor }, Ct);
        var secondAgain = await index.SearchAsync(query with { Cursor = page.NextCursor }, Ct);
        Assert.Equal(second.Items.Single().Article.Id, secondAgain.Items.Single().Article.Id);
        Assert.NotEqual(page.Items.Single().Article.Id, second.Items.Single().Article.Id);
        Assert.Equal(1, index.CachedAnswers);

        await index.WithdrawAsync("a", 2, Ct);
        Assert.Equal("b", (await index.SearchAsync(query, Ct)).Items.Single().Article.Id);
        Assert.Equal(1, index.CachedAnswers);
    }

    [Fact]
    public void A_full_cache_starts_again_and_keeps_what_comes_after()
    {
        var cache = new SearchCache(capacity: 2);
        var searches = 0;
        SearchResults Search(string text) =>
            cache.GetOrSearch(1, new SearchQuery { Text = text }, () => { searches++; return SearchResults.None; });

        Search("gia");
        Search("vang");
        Search("tang"); // the third of two: the first two go
        Search("ba");
        Search("tang");

        Assert.Equal(4, searches);
        Assert.Equal(1, cache.Hits);
    }

    public void Dispose() => _lucene.Dispose();
}
