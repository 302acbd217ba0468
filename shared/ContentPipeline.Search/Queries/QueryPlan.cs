using System.Text.RegularExpressions;
using ContentPipeline.Search.LuceneEngine;
using ContentPipeline.Text;

namespace ContentPipeline.Search.Queries;

/// <summary>
/// One thing a query asks for, with every form it is looked for in (each a run of folded syllables that must stand
/// together, in order): a word alone, a number dotted and plain, a name under each of its spellings, a quoted phrase,
/// words typed joined ("hanoi") as their parts, a syllable typed in Telex ("vieejt") as the one it spells.
/// </summary>
/// <param name="Typed">The one syllable typed, when the word is one (not a name, a dotted word or a phrase).</param>
public sealed record QueryWord(IReadOnlyList<IReadOnlyList<string>> Forms, string? Typed = null)
{
    /// <summary>The shortest word a wrong letter is forgiven in: shorter syllables are other words ("ma", "mà", "mai").</summary>
    public const int TypoFrom = 4;

    /// <summary>
    /// The word, when a letter of it may be mistyped: a plain word of <see cref="TypoFrom"/> letters or more, whether or
    /// not it may also be words typed joined ("nguoo" is a slip, not "ngu o o").
    /// </summary>
    public string? MaybeMistyped => Typed is { } typed && SearchRelaxation.MayBeMistyped(typed) ? typed : null;

    /// <summary>
    /// What the word may also be, looked for when the query finds little: the syllables it may join, typed joined
    /// (<see cref="WrittenTogether.SyllablesJoined"/>), and the syllable it spells in Telex when it may be another
    /// language's word ("bus": "bú"; <see cref="TelexReading.Sure"/>).
    /// </summary>
    public IReadOnlyList<IReadOnlyList<string>> WhenLittleFound => Typed is not { } typed ? []
        : TelexReading.Of(typed) is { Sure: false } telex ? [.. WrittenTogether.SyllablesJoined(typed), [telex.Folded]]
        : WrittenTogether.SyllablesJoined(typed);

    /// <summary>
    /// Its forms; in the search that forgives typos, also what it may be when little is found, which counts wherever it
    /// does, each once (in a query typed in Telex the reading is a form already).
    /// </summary>
    public IEnumerable<IReadOnlyList<string>> FormsWhen(bool typos) =>
        typos ? Forms.Concat(WhenLittleFound).DistinctBy(form => string.Join(' ', form)) : Forms;
}

/// <summary>
/// A search query read once, the same way for both engines: its syllables folded as the index folds them, grouped
/// into the <see cref="QueryWord"/>s an article must hold.
/// </summary>
public sealed partial class QueryPlan
{
    private static readonly VietnameseAnalyzer FoldedSplit = new(fold: true);
    private static readonly VietnameseAnalyzer FoldedUnsplit = new(fold: true, splitDotted: false);
    private static readonly VietnameseAnalyzer AccentedSplit = new(fold: false);

    /// <summary>What an article must hold: every word, or all but one of four or more (<see cref="SearchRelaxation"/>).</summary>
    public required IReadOnlyList<QueryWord> Words { get; init; }

    /// <summary>The query's syllables, folded, in order, quotes ignored: what the phrase and pair bonuses look for.</summary>
    public required IReadOnlyList<string> Syllables { get; init; }

    /// <summary>In a query typed in Telex, its syllables as they spell (<see cref="TelexReading"/>), folded; else null.</summary>
    public IReadOnlyList<string>? TelexSyllables { get; init; }

    /// <summary>The syllables in order each way the query may be read: as typed, and as Telex spells them.</summary>
    public IEnumerable<IReadOnlyList<string>> Readings => TelexSyllables is { } telex ? [Syllables, telex] : [Syllables];

    /// <summary>The query's syllables typed with accents (or đ), each once: empty for a query typed accent-free.</summary>
    public required IReadOnlyList<string> AccentedSyllables { get; init; }

    /// <summary>
    /// Every form of every word, each once: what highlights mark; when a search also forgave typos
    /// (<see cref="SearchRelaxation.TyposWorthTrying"/>), the syllables a word may join too ("duan": "dự án").
    /// </summary>
    public IReadOnlyList<IReadOnlyList<string>> HighlightForms(bool typos) => Words
        .SelectMany(w => w.FormsWhen(typos))
        .DistinctBy(f => string.Join(' ', f)).ToList();

    /// <summary>No words: an empty query, which lists the newest articles, or one typed without a word (<see cref="FindsNothing"/>).</summary>
    public bool IsEmpty => Words.Count == 0;

    /// <summary>
    /// Something was typed, but no word an article could hold ("!!!", a word longer than any the index keeps): nothing
    /// matches it, rather than every article as for an empty query.
    /// </summary>
    public bool FindsNothing { get; private init; }

    // Straight and curly double quotes; what lies between a pair (or after an unpaired one) is a phrase.
    [GeneratedRegex("[\"“”„]")]
    private static partial Regex Quote();

    [GeneratedRegex(VietnameseAnalyzer.DottedWords)]
    private static partial Regex DotBetweenLetters();

    public static QueryPlan Read(string text, NameSpellings? names = null)
    {
        names ??= NameSpellings.Shipped;
        var normalized = WrittenTogether.JoinCodes(VietnameseText.Normalize(QueryNumbers.JoinGroups(text)));
        var words = new List<QueryWord>();
        var folded = FoldedSyllables(normalized);
        var telex = folded.Select(TelexReading.Of).ToArray();
        // One syllable surely typed in Telex says the keyboard's Vietnamese input was off for the whole query: its other
        // syllables marked by w or a tone key are Telex too ("benhj vieenj bachj mai").
        var inTelex = telex.Any(reading => reading is { Sure: true });
        var parts = Quote().Split(normalized);
        for (var i = 0; i < parts.Length; i++)
        {
            var quoted = i % 2 == 1;
            var syllables = FoldedSyllables(parts[i]);
            if (quoted && syllables.Length > 1) words.Add(new QueryWord([syllables]));
            else words.AddRange(Unquoted(parts[i], names, inTelex));
        }
        // A syllable typed without marks ("ban" in "ban đường") says nothing of its tone: people leave marks out.
        var accented = AccentedSplit.Terms("q", normalized).Where(s => VietnameseText.Fold(s) != s).Distinct().ToList();
        return new QueryPlan
        {
            Words = words, Syllables = folded, AccentedSyllables = accented, FindsNothing = words.Count == 0 && !string.IsNullOrWhiteSpace(text),
            TelexSyllables = inTelex ? [.. folded.Select((syllable, i) => telex[i]?.Folded ?? syllable)] : null,
        };
    }

    /// <summary>
    /// The forms a folded syllable typed whole is also looked for in, besides itself: a name's other spellings
    /// ("tphcm": "tp hcm"), the words it joins ("hanoi": "ha noi"), a number's other grouping. What search-as-you-type
    /// adds to the last word's prefix.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<string>> OtherForms(string syllable) =>
        Read(syllable).Words is [var only] ? only.Forms.Where(form => form is not [var alone] || alone != syllable).ToList() : [];

    /// <summary>
    /// The syllables typed with accents in what has been typed so far, but the last word, which may be half typed
    /// ("giá và" on its way to "giá vàng"): what lifts search-as-you-type's titles holding exactly those.
    /// </summary>
    public static IReadOnlyList<string> AccentedBeforeLastWord(string typed)
    {
        var complete = typed.Length > 0 && char.IsWhiteSpace(typed[^1]) ? typed : typed[..(typed.LastIndexOfAny([' ', '\t', '\u00A0']) + 1)];
        return Read(complete).AccentedSyllables;
    }

    /// <summary>A text's folded syllables, a dot between letters separating them as the index does.</summary>
    internal static string[] FoldedSyllables(string text) => [.. FoldedSplit.Terms("q", VietnameseText.Normalize(text))];

    /// <summary>A text's folded syllables as indexes written before dotted words were split hold them.</summary>
    internal static string[] UnsplitSyllables(string text) => [.. FoldedUnsplit.Terms("q", VietnameseText.Normalize(text))];

    /// <summary>
    /// Names matched longest first; any other dotted word ("PGS.TS") as its parts in order or, for older indexes, whole;
    /// any other syllable in its number forms, as the words it may join (<see cref="WrittenTogether"/>) and as the one it
    /// spells in Telex (<see cref="TelexReading"/>).
    /// </summary>
    private static IEnumerable<QueryWord> Unquoted(string text, NameSpellings names, bool inTelex)
    {
        // Each split syllable, and at the first syllable of a dotted word the word and its parts.
        var syllables = new List<string>();
        var dottedWords = new Dictionary<int, (string Whole, string[] Parts)>();
        foreach (var token in UnsplitSyllables(text))
        {
            var parts = DotBetweenLetters().Split(token);
            if (parts.Length > 1) dottedWords[syllables.Count] = (token, parts);
            syllables.AddRange(parts);
        }
        for (var at = 0; at < syllables.Count;)
        {
            if (names.Match(syllables, at) is { } name)
            {
                yield return new QueryWord(name.Forms);
                at += name.Length;
            }
            else if (dottedWords.TryGetValue(at, out var dotted))
            {
                yield return new QueryWord([dotted.Parts, [dotted.Whole]]);
                at += dotted.Parts.Length;
            }
            else
            {
                var forms = QueryNumbers.Forms(syllables[at]).Select(f => (IReadOnlyList<string>)[f]).ToList();
                // Typed joined, a name is still the name ("hanoi": "Hà Nội", "HN").
                foreach (var split in WrittenTogether.Splits(syllables[at]))
                    forms.AddRange(names.Match(split, 0) is { } joined && joined.Length == split.Count ? joined.Forms : [split]);
                // Typed in Telex with the keyboard's Vietnamese input off ("vieejt": "việt"). Only another form: "Moon" and
                // "Noo" are names too, and as typed, being rarer than "môn" and "nô", they still rank first.
                if (TelexReading.Of(syllables[at]) is { } telex && (telex.Sure || inTelex)) forms.Add([telex.Folded]);
                yield return new QueryWord(forms.DistinctBy(form => string.Join(' ', form)).ToList(), syllables[at]);
                at++;
            }
        }
    }
}
