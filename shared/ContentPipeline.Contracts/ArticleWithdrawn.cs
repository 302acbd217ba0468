using MassTransit;

namespace ContentPipeline.Contracts;

/// <summary>The article was withdrawn and must disappear everywhere.</summary>
[MessageUrn("contentpipeline:article-withdrawn:v1")]
[EntityName("contentpipeline.article-withdrawn")]
public sealed record ArticleWithdrawn
{
    /// <summary>The article's id.</summary>
    public required string ArticleId { get; init; }

    /// <summary>The withdrawal's own version: one above the last published version, so that
    /// an older submission arriving late cannot bring the article back.</summary>
    public required long Version { get; init; }

    /// <summary>When it was withdrawn.</summary>
    public required DateTimeOffset WithdrawnAt { get; init; }
}
