using ContentPipeline.Contracts;
using ContentPipeline.Text;

namespace ContentPipeline.Testing;

/// <summary>Articles as enrichment hands them on, for tests of the stages after it.</summary>
public static class TestArticles
{
    public static EnrichedArticle Enriched(string title, string body = "", string? category = null, DateTimeOffset? published = null,
        string? story = null, string? url = null) => new()
    {
        Content = new ArticleContent { Title = title, Body = body, Category = category, PublishedAt = published, Url = url },
        NormalizedTitle = VietnameseText.Normalize(title),
        NormalizedBody = VietnameseText.Normalize(body),
        FoldedTitle = VietnameseText.Fold(title).ToLowerInvariant(),
        Slug = VietnameseText.Slug(title),
        Language = "vi",
        Category = category,
        StoryId = story ?? Guid.NewGuid().ToString("N"),
    };
}
