namespace ContentPipeline.Search.Queries;

/// <summary>
/// Queries as people type them: an article holding every word near one another (within <see cref="NearSlop"/> other
/// words) ranks above any that holds them far apart — in a long body, common syllables ("nguyen", "phu", "trong") stand
/// somewhere in hundreds of articles. With four words or more, articles holding all but one are found too (a slug word,
/// a word the article does not use no longer empties the page), below every such full match. Queries
/// of up to three words keep every word required, so "ha noi" never finds "cha nói" alone; when one finds less than a
/// page, a second search forgives one wrong letter in one of its words of <see cref="QueryWord.TypoFrom"/> letters or
/// more, the other words as typed, and reads a word as the syllables it may join ("duan": "dự án") or spell in
/// Telex ("hocj": "học"; <see cref="QueryWord.WhenLittleFound"/>), below every article holding every word as typed.
/// Search-as-you-type forgives a wrong letter the same way (<see cref="SuggestTyposWorthTrying"/>). (A longer query needs no second
/// search: a mistyped word is a missing word.) Vietnamese syllables lie one letter apart so often ("khoi", "khi";
/// "cong", "cung", "chong") that forgiving every word would find nonsense. Both engines apply it the same way, but for
/// one thing: the Lucene engine asks only its first matches by the rest of the query whether they hold the words near
/// one another (<see cref="LuceneEngine.FullMatchWindow"/>); Elasticsearch asks every match, as it refuses a rescore
/// in a request sorted by more than the score, and paging sorts by score and id.
/// </summary>
public static class SearchRelaxation
{
    /// <summary>The fewest words a query has before one of them may be missing.</summary>
    public const int RelaxFrom = 4;

    /// <summary>
    /// What a full match scores above the rest: more than any partial match's own score (words' scores are tens at
    /// most, <see cref="ExactAccentBoost"/> a hundred for each accented syllable), so every article holding every word
    /// ranks first. (Elasticsearch's; the Lucene engine lifts its full matches above the rest of a window instead:
    /// <see cref="LuceneEngine.FullMatchWindow"/>.)
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

    /// <summary>How many other words may stand among a query's words for them to count as near one another.</summary>
    public static int NearSlop(int words) => words;

    /// <summary>True when a query of this many words finds articles missing one of them.</summary>
    public static bool MissingOneAllowed(int words) => words >= RelaxFrom;

    /// <summary>How many of the query's words an article must hold.</summary>
    public static int WordsRequired(int words) => MissingOneAllowed(words) ? words - 1 : words;

    /// <summary>
    /// What search-as-you-type's second try forgives, or null when it could find no more: when it found too few, one
    /// wrong letter in one word typed whole (all but the last, which may be half typed) of <see cref="QueryWord.TypoFrom"/>
    /// letters or more; when it found nothing, also in the word being typed (<see cref="LastMayBeMistyped"/>) — a prefix
    /// that begins some words as typed is likelier right than wrong, and guessing at it costs a search of many words.
    /// </summary>
    public static SuggestTypos? SuggestTyposWorthTrying(IReadOnlyList<string> foldedWords, int found, int size)
    {
        var typedWhole = found < size && foldedWords.SkipLast(1).Any(MayBeMistyped);
        var beingTyped = found == 0 && LastMayBeMistyped(foldedWords);
        return typedWhole || beingTyped ? new SuggestTypos(typedWhole, beingTyped) : null;
    }

    /// <summary>
    /// Whether the word being typed, the last, may have a letter wrong: of letters only, and of three letters or more
    /// after other words (they narrow what it may be: <c>bo giao duv</c>), of <see cref="QueryWord.TypoFrom"/> alone; at
    /// most <see cref="LongestGuessedPrefix"/>.
    /// </summary>
    public static bool LastMayBeMistyped(IReadOnlyList<string> foldedWords) =>
        foldedWords.Count > 0 && foldedWords[^1].All(char.IsAsciiLetterLower)
        && foldedWords[^1].Length >= (foldedWords.Count > 1 ? 3 : QueryWord.TypoFrom) && foldedWords[^1].Length <= LongestGuessedPrefix;

    /// <summary>
    /// The longest word being typed that is guessed at. <see cref="PrefixWithOneLetterWrong"/> grows with the square of
    /// its length and Elasticsearch refuses an expression of over 1,000 characters (index.max_regex_length); a Vietnamese
    /// syllable has seven letters at most.
    /// </summary>
    public const int LongestGuessedPrefix = 12;

    /// <summary>
    /// A regular expression (Lucene's syntax, the same on Elasticsearch) for the words that begin with
    /// <paramref name="prefix"/> with one letter changed, added or dropped, the first kept (as the fuzzy queries keep
    /// it): <c>duv</c> finds "duc", "dung", "dva". The prefix is of lower-case ASCII letters only (<see cref="LastMayBeMistyped"/>).
    /// </summary>
    public static string PrefixWithOneLetterWrong(string prefix)
    {
        var ways = new SortedSet<string>(StringComparer.Ordinal);
        for (var at = 1; at < prefix.Length; at++)
        {
            ways.Add(prefix[..at] + prefix[(at + 1)..]);
            ways.Add(prefix[..at] + "." + prefix[(at + 1)..]);
            ways.Add(prefix[..at] + "." + prefix[at..]);
        }
        return $"({string.Join('|', ways)}).*";
    }

    /// <summary>Whether a folded word is long enough, and of letters only, for a wrong letter in it to be forgiven.</summary>
    public static bool MayBeMistyped(string folded) => folded.Length >= QueryWord.TypoFrom && folded.All(char.IsAsciiLetterLower);

    /// <summary>True when the search found less than a page and forgiving typos could find more.</summary>
    public static bool TyposWorthTrying(QueryPlan plan, long hits, int pageSize) =>
        hits < pageSize && !MissingOneAllowed(plan.Words.Count) && plan.Words.Any(w => w.MaybeMistyped is not null || w.WhenLittleFound.Count > 0);
}

/// <summary>Where search-as-you-type's second try forgives a wrong letter, in one word at most (<see cref="SearchRelaxation.SuggestTyposWorthTrying"/>).</summary>
/// <param name="InWordTypedWhole">In a word typed whole of <see cref="QueryWord.TypoFrom"/> letters or more.</param>
/// <param name="InWordBeingTyped">In the last word, still being typed (<see cref="SearchRelaxation.LastMayBeMistyped"/>).</param>
public sealed record SuggestTypos(bool InWordTypedWhole, bool InWordBeingTyped);
