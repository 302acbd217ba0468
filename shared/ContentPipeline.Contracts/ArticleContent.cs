namespace ContentPipeline.Contracts;

/// <summary>An article as its source gave it, after ingest validated it. Shown to readers as is.</summary>
public sealed record ArticleContent
{
    /// <summary>Canonical URL of the article, when known.</summary>
    public string? Url { get; init; }

    /// <summary>Headline. Derived from the first sentence of the body when the source had none.</summary>
    public required string Title { get; init; }

    /// <summary>True when <see cref="Title"/> was derived from the body, not given.</summary>
    public bool TitleDerived { get; init; }

    /// <summary>The lead (sapo).</summary>
    public string? Lead { get; init; }

    /// <summary>Body text, paragraphs separated by newlines. Empty for teasers.</summary>
    public string Body { get; init; } = "";

    /// <summary>Section as the site shows it, e.g. "Sức khỏe": ingest's section map gives one name for the codes and spellings sources use.</summary>
    public string? Category { get; init; }

    /// <summary>Section as the source named it ("health"), when that differs from <see cref="Category"/>.</summary>
    public string? SourceCategory { get; init; }

    /// <summary>Author line.</summary>
    public string? Author { get; init; }

    /// <summary>Publish time, when known.</summary>
    public DateTimeOffset? PublishedAt { get; init; }

    /// <summary>Language code the source declared (e.g. "vi"), if any.</summary>
    public string? Language { get; init; }

    /// <summary>Tags the source attached.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>The article's lead image (absolute http or https URL), shown as its thumbnail; null when it has none.</summary>
    public string? ImageUrl { get; init; }

    /// <summary>What the lead image shows, for readers who cannot see it (its alt text or caption).</summary>
    public string? ImageAlt { get; init; }

    /// <summary>Image captions with their photo credits, in page order; not part of <see cref="Body"/>.</summary>
    public IReadOnlyList<string> Captions { get; init; } = [];

    /// <summary>
    /// Ids of the articles the page links to from inside the article (inline related links): readers have seen them
    /// already, so recommendations leave them out.
    /// </summary>
    public IReadOnlyList<string> LinkedArticleIds { get; init; } = [];

    /// <summary>Only a title and summary, taken from a teaser on another page; the full article replaces it when it arrives.</summary>
    public bool IsTeaser { get; init; }
}
