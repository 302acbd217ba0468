using System.Text.RegularExpressions;
using ContentPipeline.Text;

namespace ContentPipeline.Enrichment.Understanding;

/// <summary>
/// Vietnamese is written a syllable at a time and its words are several syllables ("hội đồng nhân dân"). Text is
/// read as runs of lower-case syllables that punctuation breaks, so a pair is only counted where it can be a word.
/// </summary>
public static partial class Syllables
{
    [GeneratedRegex(@"[\p{L}\p{M}\p{Nd}]+(?:[.&-][\p{L}\p{M}\p{Nd}]+)*")]
    public static partial Regex Word();

    /// <summary>The syllables' texts, for showing and joining.</summary>
    public static string Join(ReadOnlySpan<Syllable> syllables)
    {
        var texts = new string[syllables.Length];
        for (var i = 0; i < texts.Length; i++) texts[i] = syllables[i].Text;
        return string.Join(' ', texts);
    }

    /// <summary>A syllable as read: its lower-case text, its hash, and whether it can carry meaning.</summary>
    public sealed record Syllable(string Text, ulong Hash, bool Content);

    // Vietnamese has some seven thousand syllables in use: each is lowered, hashed and classified once per thread,
    // then found again by its characters without allocating. Bounded, so a stream of odd tokens cannot grow it forever.
    private const int CacheLimit = 100_000;
    [ThreadStatic] private static Dictionary<string, Syllable>? t_cache;

    /// <summary>
    /// Runs of lower-case syllables of normalised text, broken wherever anything but spaces separates two. A syllable
    /// is what <see cref="Word"/> matches (letters, marks, digits, joined by '.', '&amp;' or '-': "TP.HCM", "covid-19");
    /// read by hand rather than by the regex, as every article passes through here.
    /// </summary>
    public static List<Syllable[]> Read(string text)
    {
        var runs = new List<Syllable[]>();
        var current = new List<Syllable>();
        Span<char> lower = stackalloc char[64];
        var i = 0;
        while (i < text.Length)
        {
            if (!IsWordChar(text[i]))
            {
                if (text[i] is not (' ' or '\t') && current.Count > 0)
                {
                    runs.Add([.. current]);
                    current.Clear();
                }
                i++;
                continue;
            }
            var start = i;
            while (i < text.Length && (IsWordChar(text[i]) || (text[i] is '.' or '&' or '-' && i + 1 < text.Length && IsWordChar(text[i + 1])))) i++;
            current.Add(Lookup(text.AsSpan(start, i - start), lower));
        }
        if (current.Count > 0) runs.Add([.. current]);
        return runs;
    }

    /// <summary>The syllable for a word as written (any case): looked up as written first, so lowering it (an ICU call
    /// for Vietnamese letters) happens once per spelling, not once per occurrence.</summary>
    private static Syllable Lookup(ReadOnlySpan<char> word, Span<char> buffer)
    {
        var cache = t_cache ??= new Dictionary<string, Syllable>(16_384, StringComparer.Ordinal);
        var bySpan = cache.GetAlternateLookup<ReadOnlySpan<char>>();
        if (bySpan.TryGetValue(word, out var known)) return known;
        var lower = word.Length <= buffer.Length ? buffer[..word.Length] : new char[word.Length];
        word.ToLowerInvariant(lower);
        if (!bySpan.TryGetValue(lower, out var syllable))
        {
            var text = lower.ToString();
            syllable = new Syllable(text, Hash(text), IsContent(text));
        }
        if (cache.Count < CacheLimit) cache[word.ToString()] = syllable;
        return syllable;
    }

    private static bool IsWordChar(char c) =>
        char.IsLetterOrDigit(c) || (c >= '\u0300' && System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.NonSpacingMark or System.Globalization.UnicodeCategory.SpacingCombiningMark);

    /// <summary>A syllable that can carry meaning: not a function word, not a bare number.</summary>
    public static bool IsContent(string syllable) =>
        syllable.Length > 1 && !VietnameseLexicon.StopWords.Contains(syllable) && !syllable.All(char.IsDigit);

    /// <summary>A stable 64-bit hash of a term: the same in every process and run.</summary>
    public static ulong Hash(string term) => StableHash.Of(term);

    /// <summary>The hash of a run extended by one more syllable: Hash("hội đồng") = Extend(Hash("hội"), "đồng").</summary>
    public static ulong Extend(ulong hash, string next) => StableHash.Extend(StableHash.Extend(hash, " "), next);
}
