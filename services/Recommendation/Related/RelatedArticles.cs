using ContentPipeline.Recommendation.Consumers;
using ContentPipeline.Search;

namespace ContentPipeline.Recommendation.Related;

public sealed record RecommendedItem(string Id, string Title, string? Lead, string? Url, DateTimeOffset? PublishedAt, double Score, string Reason);

/// <summary>
/// "Có thể bạn quan tâm": the articles whose text is most like this one's, one per story, never the article itself
/// or what the caller excludes.
/// </summary>
public sealed class RelatedArticles([FromKeyedServices(typeof(RememberArticleConsumer))] IArticleIndex index)
{
    public async Task<IReadOnlyList<RecommendedItem>?> ForAsync(string articleId, int size, IReadOnlySet<string> exclude, CancellationToken ct)
    {
        var article = await index.GetAsync(articleId, ct);
        if (article is null) return null;
        // Ask for more than needed: some candidates fall out as second articles of a story.
        var candidates = await index.MoreLikeThisAsync(articleId, size * 3, exclude, ct);
        var stories = new HashSet<string> { article.StoryId };
        return candidates
            .Where(c => stories.Add(c.Article.StoryId))
            .Take(size)
            .Select(c => new RecommendedItem(c.Article.Id, c.Article.Title, c.Article.Lead, c.Article.Url, c.Article.PublishedAt,
                Math.Round(c.Score, 4), Reason(article, c.Article)))
            .ToList();
    }

    private static string Reason(IndexedArticle reading, IndexedArticle candidate) =>
        reading.Category is not null && reading.Category == candidate.Category
            ? $"Cùng chuyên mục {candidate.Category}, nội dung gần nhau"
            : "Nội dung gần với bài đang đọc";
}
