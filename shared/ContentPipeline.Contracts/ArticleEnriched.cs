using MassTransit;

namespace ContentPipeline.Contracts;

/// <summary>Enrichment understood one version of an article.</summary>
[MessageUrn("contentpipeline:article-enriched:v1")]
[EntityName("contentpipeline.article-enriched")]
public sealed record ArticleEnriched
{
    /// <summary>The article's id.</summary>
    public required string ArticleId { get; init; }

    /// <summary>The version that was enriched.</summary>
    public required long Version { get; init; }

    /// <summary>The article and its enrichment.</summary>
    public required EnrichedArticle Article { get; init; }
}
