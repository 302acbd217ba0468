using MassTransit;

namespace ContentPipeline.Contracts;

/// <summary>Search-index made one version of an article searchable.</summary>
[MessageUrn("contentpipeline:article-indexed:v1")]
[EntityName("contentpipeline.article-indexed")]
public sealed record ArticleIndexed
{
    /// <summary>The article's id.</summary>
    public required string ArticleId { get; init; }

    /// <summary>The version now in the index.</summary>
    public required long Version { get; init; }

    /// <summary>The document that was indexed, so later stages need no look-up.</summary>
    public required EnrichedArticle Article { get; init; }
}
