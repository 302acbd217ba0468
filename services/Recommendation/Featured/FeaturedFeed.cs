using ContentPipeline.Recommendation.Consumers;
using ContentPipeline.Recommendation.Related;
using ContentPipeline.Search;

namespace ContentPipeline.Recommendation.Featured;

/// <summary>
/// "Nên xem": what editors pinned, then what readers are reading now, topped up with the newest articles when there is
/// too little traffic.
/// </summary>
public sealed class FeaturedFeed([FromKeyedServices(typeof(RememberArticleConsumer))] IArticleIndex index, TrendingTracker trending, FeaturedPins pins)
{
    /// <summary>The first <paramref name="size"/>, leaving out what the page already shows.</summary>
    public async Task<IReadOnlyList<RecommendedItem>> TopAsync(int size, IReadOnlySet<string> exclude, CancellationToken ct)
    {
        var items = new List<RecommendedItem>();
        var seen = new HashSet<string>(exclude, StringComparer.Ordinal);
        foreach (var pin in pins.Active())
        {
            if (items.Count == size) break;
            if (await index.GetAsync(pin.ArticleId, ct) is not { } article || !seen.Add(pin.ArticleId)) continue;
            items.Add(new RecommendedItem(article.Id, article.Title, article.Lead, article.Url, article.PublishedAt, 0, "Ban biên tập chọn"));
        }
        foreach (var (id, score) in trending.Top(size * 2 + exclude.Count))
        {
            if (items.Count == size) break;
            if (await index.GetAsync(id, ct) is not { } article || !seen.Add(id)) continue;
            items.Add(new RecommendedItem(article.Id, article.Title, article.Lead, article.Url, article.PublishedAt, Math.Round(score, 4), "Đang được đọc nhiều"));
        }
        if (items.Count < size)
        {
            var newest = await index.NewestAsync(null, null, size - items.Count, seen, ct);
            items.AddRange(newest.Items
                .Select(a => new RecommendedItem(a.Id, a.Title, a.Lead, a.Url, a.PublishedAt, 0, "Tin mới")));
        }
        return items;
    }
}
