using System.Text.RegularExpressions;
using ContentPipeline.Contracts;

namespace ContentPipeline.Ingest.Articles;

/// <summary>
/// An article as a client posts it (one JSON object, or one NDJSON line). <c>isTeaser</c> marks a title and summary
/// seen on another page: it is stored only while nothing else is known of that article. <c>linkedArticles</c> are the
/// URLs (or ids) of articles linked from inside this one. <c>imageUrl</c> is the lead image (absolute http or https),
/// <c>imageAlt</c> what it shows.
/// </summary>
public sealed record ArticleInput(
    string? Id = null,
    string? Url = null,
    string? Title = null,
    string? Lead = null,
    string? Body = null,
    string? Category = null,
    string? Author = null,
    DateTimeOffset? PublishedAt = null,
    string? Language = null,
    IReadOnlyList<string>? Tags = null,
    IReadOnlyList<string>? Captions = null,
    bool IsTeaser = false,
    IReadOnlyList<string>? LinkedArticles = null,
    string? ImageUrl = null,
    string? ImageAlt = null);

/// <summary>A valid article ready to store.</summary>
public sealed record ValidArticle(string Id, ArticleContent Content);

/// <summary>Why an article was refused: the field and a message a person can act on.</summary>
public sealed record ArticleError(string Field, string Message)
{
    public override string ToString() => $"{Field}: {Message}";
}

public static partial class ArticleValidation
{
    public const int MaxBodyChars = ArticleRules.MaxBodyChars;
    public const int MaxTitleChars = ArticleRules.MaxTitleChars;
    public const int MaxLeadChars = ArticleRules.MaxLeadChars;

    public static (ValidArticle? Article, IReadOnlyList<ArticleError> Errors) Validate(ArticleInput input)
    {
        var errors = new List<ArticleError>();
        var url = string.IsNullOrWhiteSpace(input.Url) ? null : ArticleIdentity.CanonicalUrl(input.Url);
        if (input.Url is not null && url is null) errors.Add(new("url", $"'{Truncate(input.Url)}' is not an absolute http or https URL."));

        var imageUrl = string.IsNullOrWhiteSpace(input.ImageUrl) ? null : input.ImageUrl.Trim();
        if (imageUrl is not null && (!ArticleRules.IsHttpUrl(imageUrl) || imageUrl.Any(char.IsWhiteSpace))) errors.Add(new("imageUrl", $"'{Truncate(imageUrl)}' is not an absolute http or https URL."));

        var id = string.IsNullOrWhiteSpace(input.Id) ? null : input.Id.Trim();
        if (id is not null && ArticleIdentity.Problem(id) is { } idProblem) errors.Add(new("id", idProblem));
        if (id is null && url is not null) id = ArticleIdentity.FromUrl(url);
        if (id is null && input.Url is null) errors.Add(new("id", "give an id, or a url to derive it from."));

        var title = OneLine(input.Title);
        var body = Paragraphs(input.Body);
        if (title is null && body is null) errors.Add(new("title", "an article needs a title or a body; both are empty."));
        if (title is not null && !ArticleRules.HasVisibleText(title))
            errors.Add(new("title", "title has nothing a reader can see (only spaces, invisible or control characters)."));
        if (title?.Length > MaxTitleChars) errors.Add(new("title", $"title is {title.Length} characters long; at most {MaxTitleChars} are allowed."));
        if (body?.Length > MaxBodyChars) errors.Add(new("body", $"body is {body.Length} characters long; at most {MaxBodyChars} are allowed."));
        var linked = new List<string>();
        foreach (var link in input.LinkedArticles ?? [])
        {
            var linkedId = ArticleIdentity.CanonicalUrl(link) is { } linkUrl ? ArticleIdentity.FromUrl(linkUrl) : link?.Trim();
            if (string.IsNullOrEmpty(linkedId) || ArticleIdentity.Problem(linkedId) is not null)
                errors.Add(new("linkedArticles", $"'{Truncate(link ?? "")}' is neither an absolute http(s) URL nor a valid article id."));
            else if (linkedId != id && !linked.Contains(linkedId)) linked.Add(linkedId);
        }
        if (input.Lead?.Length > MaxLeadChars) errors.Add(new("lead", $"lead is {input.Lead.Length} characters long; at most {MaxLeadChars} are allowed."));
        if (errors.Count > 0) return (null, errors);
        var content = new ArticleContent
        {
            Url = url,
            Title = title ?? DerivedTitle.From(Paragraphs(input.Lead), body!),
            TitleDerived = title is null,
            Lead = Paragraphs(input.Lead),
            Body = body ?? "",
            Category = OneLine(input.Category),
            Author = OneLine(input.Author),
            PublishedAt = input.PublishedAt,
            Language = OneLine(input.Language),
            Tags = input.Tags?.Select(OneLine).OfType<string>().Distinct().ToList() ?? [],
            ImageUrl = imageUrl,
            // A description of no image describes nothing.
            ImageAlt = imageUrl is null ? null : OneLine(input.ImageAlt),
            Captions = input.Captions?.Select(Paragraphs).OfType<string>().ToList() ?? [],
            IsTeaser = input.IsTeaser,
            LinkedArticleIds = linked,
        };
        // The rules every consumer applies to what the queue brings: what is stored here must pass them there.
        var broken = ArticleRules.Problems(id, 1, content);
        if (broken.Count > 0) return (null, [.. broken.Select(p => new ArticleError(p.Split(' ', 2)[0], p))]);
        return (new ValidArticle(id!, content), []);
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>A one-line field: line breaks and tabs a CMS may leave in become spaces; other control characters stay, to be refused.</summary>
    private static string? OneLine(string? text) => Clean(text is null ? null : LineBreaks().Replace(text, " "));

    /// <summary>Paragraph text without the stray control characters scraped text carries.</summary>
    private static string? Paragraphs(string? text) => Clean(text is null ? null : ArticleRules.StripInvisibleControls(text));

    [GeneratedRegex(@"[\r\n\t]+")]
    private static partial Regex LineBreaks();

    private static string Truncate(string text) => text.Length <= 80 ? text : text[..77] + "...";
}
