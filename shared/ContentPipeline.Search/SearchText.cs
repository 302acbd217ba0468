using ContentPipeline.Contracts;

namespace ContentPipeline.Search;

/// <summary>Text both engines keep besides the article's own words.</summary>
public static class SearchText
{
    /// <summary>
    /// Each acronym the article uses with its expansion ("HĐND Hội đồng nhân dân"), whichever form the text has, so
    /// a search for one form finds the other.
    /// </summary>
    public static string Acronyms(EnrichedArticle article) => string.Join(' ', article.Acronyms.Select(a => $"{a.Acronym} {a.Expansion}"));

    /// <summary>How many named entities an article keeps for related items' reasons.</summary>
    public const int EntitiesKept = 8;

    /// <summary>The entities the article names most often, most first, each once, in NFC as written.</summary>
    public static IReadOnlyList<string> MainEntities(EnrichedArticle article) => article.Entities
        .OrderByDescending(e => e.Mentions)
        .Select(e => e.Text.Normalize(System.Text.NormalizationForm.FormC))
        .Distinct(StringComparer.OrdinalIgnoreCase)
        .Take(EntitiesKept)
        .ToList();
}
