using MassTransit;

namespace ContentPipeline.Contracts;

/// <summary>Recommendation took one version of an article into its blocks.</summary>
[MessageUrn("contentpipeline:article-recommended:v1")]
[EntityName("contentpipeline.article-recommended")]
public sealed record ArticleRecommended
{
    /// <summary>The article's id.</summary>
    public required string ArticleId { get; init; }

    /// <summary>The version now served in the blocks.</summary>
    public required long Version { get; init; }
}
