using ContentPipeline.Contracts;

namespace ContentPipeline.Ingest.Articles;

/// <summary>What enrichment understood of an article, as GET /api/articles/{id} shows it.</summary>
public sealed record ArticleEnrichmentView(
    string Language,
    string Slug,
    string? Category,
    bool CategoryInferred,
    double? CategoryConfidence,
    IReadOnlyList<WeightedKeyword> Keywords,
    IReadOnlyList<NamedEntity> Entities,
    IReadOnlyList<AcronymDefinition> Acronyms,
    string StoryId,
    string StoryFingerprint,
    string Summary,
    int ReadingTimeSeconds)
{
    public static ArticleEnrichmentView From(EnrichedArticle article) => new(
        article.Language, article.Slug, article.Category, article.CategoryInferred, article.CategoryConfidence, article.Keywords,
        article.Entities, article.Acronyms, article.StoryId, article.StoryFingerprint, article.Summary, article.ReadingTimeSeconds);
}
