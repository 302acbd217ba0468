using System.Globalization;

namespace ContentPipeline.Contracts;

/// <summary>
/// What every article meets: ingest checks it at the door, and every consumer checks what the queue brings against
/// the same rules (a message put on a queue by hand, or by a broken service, is parked with the reason, never applied).
/// Anything that passes can be stored, enriched, indexed and shown.
/// </summary>
public static class ArticleRules
{
    /// <summary>Longest article id.</summary>
    public const int MaxIdLength = 128;
    /// <summary>Longest canonical URL.</summary>
    public const int MaxUrlLength = 2_048;
    /// <summary>Longest headline.</summary>
    public const int MaxTitleChars = 1_000;
    /// <summary>Longest lead (sapo).</summary>
    public const int MaxLeadChars = 10_000;
    /// <summary>Longest body.</summary>
    public const int MaxBodyChars = 1_000_000;
    /// <summary>Longest section name.</summary>
    public const int MaxCategoryChars = 100;
    /// <summary>Longest author line.</summary>
    public const int MaxAuthorChars = 200;
    /// <summary>Longest language code (e.g. "vi", "en-GB").</summary>
    public const int MaxLanguageChars = 16;
    /// <summary>Most tags on one article.</summary>
    public const int MaxTags = 50;
    /// <summary>Longest tag.</summary>
    public const int MaxTagChars = 100;
    /// <summary>Longest lead image description.</summary>
    public const int MaxImageAltChars = 500;
    /// <summary>Most image captions on one article.</summary>
    public const int MaxCaptions = 200;
    /// <summary>Longest caption.</summary>
    public const int MaxCaptionChars = 2_000;
    /// <summary>Most inline related links on one article.</summary>
    public const int MaxLinkedArticles = 500;

    /// <summary>Null when the id is acceptable, else what is wrong with it. Ids are case-sensitive.</summary>
    public static string? IdProblem(string? id)
    {
        if (string.IsNullOrEmpty(id)) return "id is empty.";
        if (id.Length > MaxIdLength) return $"id is {id.Length} characters long; at most {MaxIdLength} are allowed.";
        if (!id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~'))
            return "id may contain only letters A-Z and a-z, digits and the characters '-', '_', '.', '~'.";
        // "." and ".." are path segments, not names: a URL with them is rewritten before it reaches the service.
        if (id is "." or "..") return $"id '{id}' cannot be addressed in a URL path; choose another.";
        return null;
    }

    /// <summary>A one-line field: no control characters at all, no bidirectional overrides, at most <paramref name="max"/> characters.</summary>
    public static string? LineProblem(string field, string? text, int max) =>
        text is null ? null
        : text.Length > max ? $"{field} is {text.Length} characters long; at most {max} are allowed."
        : FirstForbidden(text, allowLineBreaks: false) is { } at ? $"{field} contains {Describe(text[at])} at position {at + 1}; remove it."
        : null;

    /// <summary>A field of paragraphs: line breaks and tabs allowed; no other control character, no bidirectional overrides.</summary>
    public static string? TextProblem(string field, string? text, int max) =>
        text is null ? null
        : text.Length > max ? $"{field} is {text.Length} characters long; at most {max} are allowed."
        : FirstForbidden(text, allowLineBreaks: true) is { } at ? $"{field} contains {Describe(text[at])} at position {at + 1}; remove it."
        : null;

    /// <summary>True when the text has something a reader can see: a letter, a digit, a symbol or punctuation.</summary>
    public static bool HasVisibleText(string? text) =>
        text is not null && text.Any(c => !char.IsWhiteSpace(c) && CharUnicodeInfo.GetUnicodeCategory(c) is not
            (UnicodeCategory.Format or UnicodeCategory.Control or UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark));

    /// <summary>
    /// Paragraph text as real sources send it, minus what no reader sees and no field may hold: scraped bodies carry
    /// stray backspaces and C1 characters of a wrong decoding; they are dropped rather than the article refused.
    /// </summary>
    public static string StripInvisibleControls(string text) =>
        FirstForbidden(text, allowLineBreaks: true) is null ? text
        : string.Concat(text.Where(c => !IsForbidden(c, allowLineBreaks: true)));

    /// <summary>What is wrong with how a message names its article (a withdrawal, a progress event): its id and version.</summary>
    public static IReadOnlyList<string> IdentityProblems(string? articleId, long version) =>
        [.. new[] { IdProblem(articleId), version < 1 ? $"version is {version}; versions start at 1." : null }.OfType<string>()];

    /// <summary>Every rule the article breaks; empty when it may be applied.</summary>
    public static IReadOnlyList<string> Problems(string? articleId, long version, ArticleContent? content)
    {
        var problems = IdentityProblems(articleId, version).ToList();
        if (content is null)
        {
            problems.Add("the article's content is missing.");
            return problems;
        }
        if (!HasVisibleText(content.Title)) problems.Add("title is empty or has nothing a reader can see.");
        problems.AddRange(new[]
        {
            LineProblem("title", content.Title, MaxTitleChars),
            content.Url is { Length: > MaxUrlLength } ? $"url is {content.Url.Length} characters long; at most {MaxUrlLength} are allowed." : null,
            content.Url is not null && !IsHttpUrl(content.Url) ? "url is not an absolute http or https URL." : null,
            content.ImageUrl is { Length: > MaxUrlLength } ? $"imageUrl is {content.ImageUrl.Length} characters long; at most {MaxUrlLength} are allowed." : null,
            content.ImageUrl is not null && !IsHttpUrl(content.ImageUrl) ? "imageUrl is not an absolute http or https URL." : null,
            LineProblem("imageAlt", content.ImageAlt, MaxImageAltChars),
            TextProblem("lead", content.Lead, MaxLeadChars),
            TextProblem("body", content.Body, MaxBodyChars),
            LineProblem("category", content.Category, MaxCategoryChars),
            LineProblem("author", content.Author, MaxAuthorChars),
            LineProblem("language", content.Language, MaxLanguageChars),
            (content.Tags?.Count ?? 0) > MaxTags ? $"{content.Tags!.Count} tags; at most {MaxTags} are allowed." : null,
            (content.Captions?.Count ?? 0) > MaxCaptions ? $"{content.Captions!.Count} captions; at most {MaxCaptions} are allowed." : null,
            (content.LinkedArticleIds?.Count ?? 0) > MaxLinkedArticles ? $"{content.LinkedArticleIds!.Count} linked articles; at most {MaxLinkedArticles} are allowed." : null,
        }.OfType<string>());
        problems.AddRange((content.Tags ?? []).Select(t => t is null ? "a tag is null." : LineProblem("tag", t, MaxTagChars)).OfType<string>().Take(3));
        problems.AddRange((content.Captions ?? []).Select(c => c is null ? "a caption is null." : TextProblem("caption", c, MaxCaptionChars)).OfType<string>().Take(3));
        problems.AddRange((content.LinkedArticleIds ?? []).Select(l => IdProblem(l) is { } p ? $"linked article: {p}" : null).OfType<string>().Take(3));
        return problems;
    }

    /// <summary>Every rule an enriched article breaks: its content's, and what enrichment adds must fit where it is shown and indexed.</summary>
    public static IReadOnlyList<string> Problems(string? articleId, long version, EnrichedArticle? article)
    {
        if (article is null) return [.. Problems(articleId, version, (ArticleContent?)null).Where(p => !p.StartsWith("the article's content")), "the enriched article is missing."];
        var problems = Problems(articleId, version, article.Content).ToList();
        problems.AddRange(new[]
        {
            LineProblem("inferred category", article.Category, MaxCategoryChars),
            string.IsNullOrEmpty(article.StoryId) ? "storyId is empty." : LineProblem("storyId", article.StoryId, MaxIdLength * 2),
            string.IsNullOrEmpty(article.Language) ? "language is empty." : LineProblem("language", article.Language, MaxLanguageChars),
            article.Slug is null ? "slug is missing." : LineProblem("slug", article.Slug, MaxTitleChars),
        }.OfType<string>());
        return problems;
    }

    /// <summary>An absolute http or https URL.</summary>
    public static bool IsHttpUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";

    private static int? FirstForbidden(string text, bool allowLineBreaks)
    {
        for (var i = 0; i < text.Length; i++)
            if (IsForbidden(text[i], allowLineBreaks)) return i;
        return null;
    }

    /// <summary>Control characters (C0, DEL, C1) and the bidirectional embeddings, overrides and isolates that can make text read backwards.</summary>
    private static bool IsForbidden(char c, bool allowLineBreaks) =>
        (char.IsControl(c) && !(allowLineBreaks && c is '\n' or '\r' or '\t'))
        || c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069';

    private static string Describe(char c) => char.IsControl(c) ? $"the control character U+{(int)c:X4}" : $"the bidirectional control U+{(int)c:X4}";
}
