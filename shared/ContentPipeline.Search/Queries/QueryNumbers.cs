using System.Text;
using System.Text.RegularExpressions;

namespace ContentPipeline.Search.Queries;

/// <summary>
/// One number under every way it is typed: Vietnamese papers group thousands with dots ("12.000 tỷ đồng"), people type
/// "12 000" or "12000". The text indexed stays as written (both engines keep "12.000" as one token); a query's number is
/// looked for in both the dotted and the plain form.
/// </summary>
public static partial class QueryNumbers
{
    // "12 000", "1 250 000": groups of three digits after a space (or a no-break space) belong to the number before.
    [GeneratedRegex(@"(?<![\d.,])\d{1,3}(?:[ \u00A0]\d{3})+(?![\d.,])")]
    private static partial Regex SpacedGroups();

    [GeneratedRegex(@"^\d{1,3}(?:\.\d{3})+$")]
    private static partial Regex Dotted();

    [GeneratedRegex(@"^\d{4,}$")]
    private static partial Regex Plain();

    /// <summary>The query with space-separated digit groups joined into one number ("12 000" → "12000").</summary>
    public static string JoinGroups(string query) =>
        SpacedGroups().Replace(query, m => m.Value.Replace(" ", "").Replace("\u00A0", ""));

    /// <summary>
    /// The forms a query term is looked for in: a number of four or more digits as typed, then the other way ("12.000"
    /// and "12000", "2024" and "2.024"); a number with a leading zero (a phone number) and any other term alone.
    /// </summary>
    public static IReadOnlyList<string> Forms(string term)
    {
        if (Dotted().IsMatch(term)) return [term, term.Replace(".", "")];
        if (!Plain().IsMatch(term) || term.StartsWith('0')) return [term];
        var dotted = new StringBuilder(term.Length + term.Length / 3);
        for (var i = 0; i < term.Length; i++)
        {
            if (i > 0 && (term.Length - i) % 3 == 0) dotted.Append('.');
            dotted.Append(term[i]);
        }
        return [term, dotted.ToString()];
    }
}
