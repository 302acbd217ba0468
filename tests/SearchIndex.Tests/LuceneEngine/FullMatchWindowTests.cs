using ContentPipeline.Search;
using ContentPipeline.Search.LuceneEngine;
using static ContentPipeline.SearchIndex.Tests.LuceneEngine.LuceneIndex;

namespace ContentPipeline.SearchIndex.Tests.LuceneEngine;

/// <summary>
/// The Lucene engine asks only the first <see cref="FullMatchWindow.Size"/> matches whether they hold every word near
/// one another. Here 160 articles hold "giá vàng tăng": 30 together in the body, 70 spread over the title (which the
/// rest of the query rates higher), 60 spread over the body.
/// </summary>
public sealed class FullMatchWindowTests : IDisposable
{
    private const string Query = "gia vang tang";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly LuceneIndex _lucene = new();

    private async Task IndexAsync()
    {
        for (var i = 0; i < 30; i++)
            await _lucene.Index.UpsertAsync($"together{i:00}", 1, Article($"Thị trường sáng nay {i}", "Sáng nay giá vàng tăng nhẹ so với hôm qua."), Ct);
        for (var i = 0; i < 70; i++)
            await _lucene.Index.UpsertAsync($"title{i:00}", 1, Article($"Giá cả thị trường hôm nay: vàng miếng, bạc, nông sản và xăng đều tăng {i}"), Ct);
        for (var i = 0; i < 60; i++)
            await _lucene.Index.UpsertAsync($"body{i:00}", 1, Article($"Bản tin chiều {i}", "Giá cả thị trường hôm nay: vàng miếng, bạc, nông sản và xăng đều tăng."), Ct);
    }

    [Fact]
    public async Task Articles_holding_the_words_together_come_first_though_others_hold_them_in_the_title()
    {
        await IndexAsync();

        var page = await _lucene.Index.SearchAsync(new SearchQuery { Text = Query, Size = 40 }, Ct);

        Assert.Equal(160, page.Total);
        Assert.All(page.Items.Take(30), hit => Assert.StartsWith("together", hit.Article.Id));
        Assert.All(page.Items.Skip(30), hit => Assert.StartsWith("title", hit.Article.Id));
    }

    [Fact]
    public async Task Pages_across_the_window_visit_every_match_once_in_the_order_of_one_page()
    {
        await IndexAsync();
        var onePage = await _lucene.Index.SearchAsync(new SearchQuery { Text = Query, Size = 100 }, Ct);

        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var page = await _lucene.Index.SearchAsync(new SearchQuery { Text = Query, Size = 7, Cursor = cursor }, Ct);
            seen.AddRange(page.Items.Select(hit => hit.Article.Id));
            cursor = page.NextCursor;
        } while (cursor is not null && seen.Count < 200);

        Assert.Equal(160, seen.Distinct().Count());
        Assert.Equal(160, seen.Count);
        Assert.Equal(onePage.Items.Select(hit => hit.Article.Id), seen.Take(100));
        Assert.All(seen.Skip(100), id => Assert.StartsWith("body", id));
    }

    [Fact]
    public async Task Full_matches_in_long_articles_keep_the_order_of_their_small_scores()
    {
        // Scores of a few ten-thousandths: a lift of 10,000 in float rounded them into ties, ordered by id.
        var filler = string.Join(' ', Enumerable.Repeat("một hai ba bốn năm sáu bảy tám chín mười", 200));
        await _lucene.Index.UpsertAsync("a-longer", 1, Article("Bản tin", $"{filler} {filler} Giá vàng tăng nhẹ."), Ct);
        await _lucene.Index.UpsertAsync("b-shorter", 1, Article("Bản tin", $"{filler} Giá vàng tăng nhẹ."), Ct);

        var page = await _lucene.Index.SearchAsync(new SearchQuery { Text = Query }, Ct);

        Assert.Equal(["b-shorter", "a-longer"], page.Items.Select(hit => hit.Article.Id));
        Assert.True(page.Items[0].Score > page.Items[1].Score);
    }

    public void Dispose() => _lucene.Dispose();
}
