using System.Text.Json.Serialization;
using ContentPipeline.Recommendation.Consumers;
using ContentPipeline.Search;

namespace ContentPipeline.Recommendation.Related;

public sealed record RecommendedItem(string Id, string Title, string? Lead, string? Url, DateTimeOffset? PublishedAt, double Score, string Reason)
{
    /// <summary>Which story the item belongs to: a page shows one item per story.</summary>
    [JsonIgnore] public string? StoryId { get; init; }

    public static RecommendedItem Of(IndexedArticle article, double score, string reason) =>
        new(article.Id, article.Title, article.Lead, article.Url, article.PublishedAt, Math.Round(score, 4), reason) { StoryId = article.StoryId };
}

/// <summary>
/// "Có thể bạn quan tâm": the articles whose text is most like this one's, one per story, never the article itself,
/// its own story, the articles its page already links to, or what the caller excludes.
/// </summary>
public sealed class RelatedArticles([FromKeyedServices(typeof(RememberArticleConsumer))] IArticleIndex index)
{
    /// <summary>
    /// Candidates best first, never the article itself or another of its story; several of one story may follow each
    /// other, so that one left out by the caller leaves its story's next in line.
    /// </summary>
    public async Task<IReadOnlyList<RecommendedItem>?> RankedAsync(string articleId, int depth, CancellationToken ct)
    {
        var article = await index.GetAsync(articleId, ct);
        if (article is null) return null;
        var candidates = await index.MoreLikeThisAsync(articleId, depth, new HashSet<string>(StringComparer.Ordinal), ct);
        return candidates
            .Where(c => c.Article.StoryId != article.StoryId && !article.LinkedArticleIds.Contains(c.Article.Id))
            .Select(c => RecommendedItem.Of(c.Article, c.Score, Reason(article, c.Article)))
            .ToList();
    }

    /// <summary>The first <paramref name="size"/> items not excluded, one per story.</summary>
    public static IReadOnlyList<RecommendedItem> Page(IEnumerable<RecommendedItem> ranked, int size, IReadOnlySet<string> exclude)
    {
        var stories = new HashSet<string>(StringComparer.Ordinal);
        return ranked.Where(i => !exclude.Contains(i.Id) && (i.StoryId is null || stories.Add(i.StoryId))).Take(size).ToList();
    }

    /// <summary>
    /// Why a reader of <paramref name="reading"/> may want <paramref name="candidate"/>, in Vietnamese: the people,
    /// places and bodies both name (at most two, the reading article's most named first), else their shared section.
    /// </summary>
    private static string Reason(IndexedArticle reading, IndexedArticle candidate)
    {
        var shared = reading.Entities.Where(e => candidate.Entities.Contains(e, StringComparer.OrdinalIgnoreCase)).Take(2).ToList();
        if (shared.Count > 0) return $"Cùng nhắc đến {string.Join(", ", shared)}";
        return reading.Category is not null && reading.Category == candidate.Category
            ? $"Cùng chuyên mục {candidate.Category}, nội dung gần nhau"
            : "Nội dung gần với bài đang đọc";
    }
}
