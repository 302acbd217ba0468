using MassTransit;

namespace ContentPipeline.Contracts;

/// <summary>Ingest stored a new version of an article.</summary>
[MessageUrn("contentpipeline:article-submitted:v1")]
[EntityName("contentpipeline.article-submitted")]
public sealed record ArticleSubmitted
{
    /// <summary>Client-given id, or derived from the canonical URL.</summary>
    public required string ArticleId { get; init; }

    /// <summary>Monotonic per article, starting at 1.</summary>
    public required long Version { get; init; }

    /// <summary>The article as stored.</summary>
    public required ArticleContent Content { get; init; }

    /// <summary>When ingest accepted this version.</summary>
    public required DateTimeOffset SubmittedAt { get; init; }
}
