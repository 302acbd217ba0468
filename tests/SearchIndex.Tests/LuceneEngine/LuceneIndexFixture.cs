using ContentPipeline.Contracts;
using ContentPipeline.Search;
using ContentPipeline.Search.LuceneEngine;
using ContentPipeline.Testing;
using ContentPipeline.Text;
using Microsoft.Extensions.Logging.Abstractions;

namespace ContentPipeline.SearchIndex.Tests.LuceneEngine;

/// <summary>A Lucene index in a temp folder, and a shorthand for documents as enrichment would send them.</summary>
public sealed class LuceneIndex : IDisposable
{
    private readonly TempDirectory _folder = new();

    public LuceneIndex() => Index = new LuceneArticleIndex(_folder.Path, NullLogger<LuceneArticleIndex>.Instance);

    public LuceneArticleIndex Index { get; }

    public static EnrichedArticle Article(string title, string body = "", string? category = null, DateTimeOffset? published = null, string? story = null, string? id = null) => new()
    {
        Content = new ArticleContent { Title = title, Body = body, Category = category, PublishedAt = published },
        NormalizedTitle = VietnameseText.Normalize(title),
        NormalizedBody = VietnameseText.Normalize(body),
        FoldedTitle = VietnameseText.Fold(title).ToLowerInvariant(),
        Slug = VietnameseText.Slug(title),
        Language = "vi",
        Category = category,
        StoryId = story ?? id ?? Guid.NewGuid().ToString("N"),
    };

    public void Dispose()
    {
        Index.Dispose();
        _folder.Dispose();
    }
}
