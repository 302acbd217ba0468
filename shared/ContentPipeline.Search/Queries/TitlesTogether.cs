using ContentPipeline.Text;

namespace ContentPipeline.Search.Queries;

/// <summary>
/// Search-as-you-type puts first the titles holding the words as typed, together and in order, the last as the start of
/// a word; on the second try (<see cref="SearchRelaxation.SuggestTyposWorthTrying"/>) one word may have a letter wrong
/// there too. The Lucene engine asks it of the titles of its first <see cref="Window"/> matches every time;
/// Elasticsearch asks titles holding the words as typed of the whole index (a phrase prefix), but that takes no typos,
/// so on the second try it too reads the titles of its first matches.
/// </summary>
internal static class TitlesTogether
{
    /// <summary>How many of the first matches' titles are read: as many as a search asks of its first matches.</summary>
    public const int Window = LuceneEngine.FullMatchWindow.Size;

    /// <summary>The first <paramref name="size"/> of <paramref name="window"/>, those holding the words together first, each part in its order.</summary>
    public static List<Suggestion> First(IEnumerable<Suggestion> window, IReadOnlyList<string> terms, SuggestTypos? typos, int size) =>
        window.OrderBy(suggestion => !Holds(suggestion.Title, terms, typos)).Take(size).ToList();

    /// <summary>
    /// Whether the title's folded words hold <paramref name="terms"/> standing together in order, the last as the start of
    /// a word; with <paramref name="typos"/>, one word may have one letter wrong where they allow it. Words are cut nearly as
    /// the analyzer cuts them (runs of letters and digits, a number's dots and commas inside), without it: a hundred
    /// titles a keystroke.
    /// </summary>
    public static bool Holds(string title, IReadOnlyList<string> terms, SuggestTypos? typos)
    {
        var folded = VietnameseText.Fold(title).AsSpan();
        var words = new List<Range>();
        for (var at = 0; at < folded.Length;)
        {
            if (!char.IsLetterOrDigit(folded[at])) { at++; continue; }
            var start = at;
            while (at < folded.Length && (char.IsLetterOrDigit(folded[at])
                || (folded[at] is '.' or ',' && at + 1 < folded.Length && char.IsDigit(folded[at + 1]) && char.IsDigit(folded[at - 1]))))
                at++;
            words.Add(start..at);
        }
        for (var first = 0; first + terms.Count <= words.Count; first++)
        {
            // One word with a letter wrong, not several.
            var slips = 0;
            var at = 0;
            for (; at < terms.Count - 1; at++)
            {
                var word = folded[words[first + at]];
                if (word.Equals(terms[at], StringComparison.OrdinalIgnoreCase)) continue;
                if (typos is { InWordTypedWhole: true } && slips++ == 0 && SearchRelaxation.MayBeMistyped(terms[at]) && OneLetterApart(word, terms[at])) continue;
                break;
            }
            if (at < terms.Count - 1) continue;
            var last = folded[words[first + at]];
            if (last.StartsWith(terms[^1], StringComparison.OrdinalIgnoreCase)
                || (typos is { InWordBeingTyped: true } && slips == 0 && BeginsOneLetterApart(last, terms[^1])))
                return true;
        }
        return false;
    }

    /// <summary>Whether <paramref name="word"/> begins with <paramref name="prefix"/> with one letter changed, added or dropped, the first kept.</summary>
    private static bool BeginsOneLetterApart(ReadOnlySpan<char> word, string prefix)
    {
        for (var length = prefix.Length - 1; length <= Math.Min(word.Length, prefix.Length + 1); length++)
            if (OneLetterApart(word[..length], prefix)) return true;
        return false;
    }

    /// <summary>One letter changed, added or dropped, the first letter kept: what the typo pass's fuzzy query forgives.</summary>
    private static bool OneLetterApart(ReadOnlySpan<char> word, string term)
    {
        if (Math.Abs(word.Length - term.Length) > 1 || word.Length == 0 || char.ToLowerInvariant(word[0]) != term[0]) return false;
        var (i, j, edits) = (0, 0, 0);
        while (i < word.Length && j < term.Length)
        {
            if (char.ToLowerInvariant(word[i]) == term[j]) { i++; j++; continue; }
            if (++edits > 1) return false;
            if (word.Length > term.Length) i++;
            else if (word.Length < term.Length) j++;
            else { i++; j++; }
        }
        return edits + (word.Length - i) + (term.Length - j) <= 1;
    }
}
