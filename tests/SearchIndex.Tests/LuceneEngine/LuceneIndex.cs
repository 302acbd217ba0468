using ContentPipeline.Contracts;
using ContentPipeline.Search.LuceneEngine;
using ContentPipeline.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace ContentPipeline.SearchIndex.Tests.LuceneEngine;

/// <summary>A Lucene index in a temp folder, and a shorthand for documents as enrichment would send them.</summary>
public sealed class LuceneIndex : IDisposable
{
    private readonly TempDirectory _folder = new();

    public LuceneIndex() => Index = new LuceneArticleIndex(_folder.Path, NullLogger<LuceneArticleIndex>.Instance);

    public LuceneArticleIndex Index { get; }

    public static EnrichedArticle Article(string title, string body = "", string? category = null, DateTimeOffset? published = null) =>
        TestArticles.Enriched(title, body, category, published);

    public void Dispose()
    {
        Index.Dispose();
        _folder.Dispose();
    }
}
