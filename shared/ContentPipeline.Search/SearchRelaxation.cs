namespace ContentPipeline.Search;

/// <summary>
/// When a query of several words finds less than a page of articles holding every word, articles holding all but one
/// follow them, below every full match: one word a person typed that the article does not have (a slug word, a number
/// written another way) no longer empties the page. Queries of up to three words keep every word required, so "ha noi"
/// never finds "cha nói" alone. Both engines apply it the same way.
/// </summary>
public static class SearchRelaxation
{
    /// <summary>The fewest words a query has before one of them may be missing.</summary>
    public const int RelaxFrom = 4;

    /// <summary>
    /// What a full match scores above the rest: more than any partial match's own score (tens at most), so every
    /// article holding every word ranks first.
    /// </summary>
    public const float FullMatchBoost = 1_000f;

    /// <summary>True when the query is long enough and the strict search found less than a page.</summary>
    public static bool Applies(int words, long strictHits, int pageSize) => words >= RelaxFrom && strictHits < pageSize;

    /// <summary>How many of the query's words an article must hold when relaxed.</summary>
    public static int WordsRequired(int words) => words - 1;
}
