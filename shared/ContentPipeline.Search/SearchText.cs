using ContentPipeline.Contracts;

namespace ContentPipeline.Search;

/// <summary>Text both engines index besides the article's own words.</summary>
public static class SearchText
{
    /// <summary>
    /// Each acronym the article uses with its expansion ("HĐND Hội đồng nhân dân"), whichever form the text has, so
    /// a search for one form finds the other.
    /// </summary>
    public static string Acronyms(EnrichedArticle article) => string.Join(' ', article.Acronyms.Select(a => $"{a.Acronym} {a.Expansion}"));
}
