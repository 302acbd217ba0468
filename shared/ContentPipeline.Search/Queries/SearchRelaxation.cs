namespace ContentPipeline.Search.Queries;

/// <summary>
/// When a query finds less than a page of articles holding every word, a relaxed search follows, below every full
/// match: with four words or more, articles holding all but one (a slug word, a word the article does not use no longer
/// empties the page); and any word of <see cref="QueryWord.TypoFrom"/> letters or more may have one letter wrong. Queries
/// of up to three words keep every word required, so "ha noi" never finds "cha nói" alone. Both engines apply it the
/// same way.
/// </summary>
public static class SearchRelaxation
{
    /// <summary>The fewest words a query has before one of them may be missing.</summary>
    public const int RelaxFrom = 4;

    /// <summary>
    /// What a full match scores above the rest: more than any partial match's own score (words' scores are tens at
    /// most, <see cref="ExactAccentBoost"/> a hundred for each accented syllable), so every article holding every word
    /// ranks first.
    /// </summary>
    public const float FullMatchBoost = 10_000f;

    /// <summary>
    /// What each accented syllable of the query found with exactly those accents in the title or lead adds: more than
    /// words' scores, so for a query typed with accents the articles holding more of them exactly rank first ("bán đường"
    /// finds sugar before pianos, "dương cầm").
    /// </summary>
    public const float ExactAccentBoost = 100f;

    /// <summary>What a word found with one letter changed weighs, against 1 for the word as typed.</summary>
    public const float TypoWeight = 0.3f;

    /// <summary>True when the strict search found less than a page and relaxing the query could find more.</summary>
    public static bool Applies(QueryPlan plan, long strictHits, int pageSize) =>
        strictHits < pageSize && (plan.Words.Count >= RelaxFrom || plan.Words.Any(w => w.MaybeMistyped is not null));

    /// <summary>How many of the query's words an article must hold when relaxed.</summary>
    public static int WordsRequired(int words) => words >= RelaxFrom ? words - 1 : words;
}
