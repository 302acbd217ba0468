using ContentPipeline.Recommendation.Consumers;
using ContentPipeline.Recommendation.Related;
using ContentPipeline.Search;

namespace ContentPipeline.Recommendation.Featured;

/// <summary>
/// "Nên xem": what editors pinned, then what readers are reading now, topped up with the newest articles when there is
/// too little traffic.
/// </summary>
public sealed class FeaturedFeed(
    [FromKeyedServices(typeof(RememberArticleConsumer))] IArticleIndex index, ArticleNeighbours articles, TrendingTracker trending, FeaturedPins pins)
{
    /// <summary>
    /// The first <paramref name="size"/>, leaving out what the page already shows and copies of it; they join what it
    /// shows. With a <paramref name="section"/>,
    /// what readers read and the newest of that section only (editors' pins stand in every section).
    /// </summary>
    public async Task<IReadOnlyList<RecommendedItem>> TopAsync(int size, ShownOnPage shown, CancellationToken ct, string? section = null)
    {
        var items = new List<RecommendedItem>();
        var alreadyShown = shown.Ids.Count;
        foreach (var pin in pins.Active())
        {
            if (items.Count == size) break;
            if (await FindAsync(pin.ArticleId, ct) is not { } article || !shown.TryAdd(pin.ArticleId, article.StoryId)) continue;
            items.Add(RecommendedItem.Of(article, 0, "Ban biên tập chọn"));
        }
        // A section holds some of the trending articles: look further down for it.
        foreach (var (id, score) in trending.Top((section is null ? 2 : 10) * size + alreadyShown))
        {
            if (items.Count == size) break;
            if (await FindAsync(id, ct) is not { } article || (section is not null && article.Category != section) || !shown.TryAdd(id, article.StoryId)) continue;
            items.Add(RecommendedItem.Of(article, score, "Đang được đọc nhiều"));
        }
        if (items.Count < size)
        {
            var newest = await shown.NewestAsync(index, section, null, size - items.Count, ct);
            items.AddRange(newest.Items.Select(a => RecommendedItem.Of(a, 0, "Tin mới")));
        }
        return items;
    }

    /// <summary>From memory, where related keeps every article; from the index only while those are still being read in at start.</summary>
    private async ValueTask<IndexedArticle?> FindAsync(string articleId, CancellationToken ct) =>
        articles.Get(articleId) ?? (articles.Loaded.IsCompleted ? null : await index.GetAsync(articleId, ct));
}
