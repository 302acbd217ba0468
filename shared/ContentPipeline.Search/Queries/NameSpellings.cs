using System.Text.Json;
using ContentPipeline.Search.LuceneEngine;

namespace ContentPipeline.Search.Queries;

/// <summary>
/// Names Vietnamese news writes several ways ("TP.HCM", "TPHCM", "thành phố Hồ Chí Minh"), from the table shipped
/// beside this class (name-spellings.json): a query naming one in any spelling is looked for in every spelling.
/// </summary>
public sealed class NameSpellings
{
    /// <summary>The table shipped with the product.</summary>
    public static NameSpellings Shipped { get; } = Load();

    // Spellings by their first syllable, longest first, so a query takes the longest name it holds.
    private readonly Dictionary<string, List<(string[] Syllables, int Name)>> _byFirstSyllable = new(StringComparer.Ordinal);
    private readonly List<IReadOnlyList<IReadOnlyList<string>>> _forms = [];

    /// <param name="names">Each name's spellings, as written.</param>
    public NameSpellings(IEnumerable<IReadOnlyList<string>> names)
    {
        foreach (var spellings in names)
        {
            var forms = new List<IReadOnlyList<string>>();
            foreach (var spelling in spellings)
            {
                var syllables = QueryPlan.FoldedSyllables(spelling);
                if (syllables.Length == 0) continue;
                forms.Add(syllables);
                // Indexes written before dotted words were split keep "tp.hcm" as one word.
                var unsplit = QueryPlan.UnsplitSyllables(spelling);
                if (!unsplit.SequenceEqual(syllables)) forms.Add(unsplit);
                var sameStart = _byFirstSyllable.TryGetValue(syllables[0], out var list) ? list : _byFirstSyllable[syllables[0]] = [];
                sameStart.Add((syllables, _forms.Count));
                sameStart.Sort((a, b) => b.Syllables.Length.CompareTo(a.Syllables.Length));
            }
            _forms.Add(WithoutRedundantForms(forms));
        }
    }

    /// <summary>
    /// The longest spelling of a name that the query's <paramref name="syllables"/> hold at <paramref name="at"/>: every
    /// form of that name to look for, and how many syllables the spelling took; null when none starts there.
    /// </summary>
    public (IReadOnlyList<IReadOnlyList<string>> Forms, int Length)? Match(IReadOnlyList<string> syllables, int at)
    {
        if (!_byFirstSyllable.TryGetValue(syllables[at], out var candidates)) return null;
        foreach (var (spelling, name) in candidates)
            if (syllables.Skip(at).Take(spelling.Length).SequenceEqual(spelling)) return (_forms[name], spelling.Length);
        return null;
    }

    /// <summary>
    /// A form holding another form of the same name finds nothing more ("tp ha noi" beside "ha noi"), and each costs a
    /// phrase lookup per search.
    /// </summary>
    private static List<IReadOnlyList<string>> WithoutRedundantForms(List<IReadOnlyList<string>> forms) =>
        forms.DistinctBy(f => string.Join(' ', f))
            .Where(form => !forms.Any(other => other.Count < form.Count && Holds(form, other)))
            .ToList();

    private static bool Holds(IReadOnlyList<string> form, IReadOnlyList<string> part) =>
        Enumerable.Range(0, form.Count - part.Count + 1).Any(start => form.Skip(start).Take(part.Count).SequenceEqual(part));

    private static NameSpellings Load()
    {
        const string resource = "ContentPipeline.Search.Queries.name-spellings.json";
        using var stream = typeof(NameSpellings).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The name spellings ({resource}) are missing from the assembly.");
        var table = JsonDocument.Parse(stream).RootElement.GetProperty("names");
        return new NameSpellings(table.EnumerateArray().Select(name => (IReadOnlyList<string>)name.EnumerateArray().Select(s => s.GetString()!).ToList()));
    }
}
