using ContentPipeline.Search;

namespace ContentPipeline.Recommendation.Related;

/// <summary>
/// Keywords a reason may name: of an article's heaviest few, those with no digit ("55.000 tỷ đồng", "đạt 369.000"
/// are figures of one report, not what two articles are about), and of one word only a name ("Messi", "DNA") or
/// one longer than any Vietnamese syllable ("smartphone"): "bay", "nữ" say nothing.
/// </summary>
public static class ReasonKeywords
{
    /// <summary>How many of the article's heaviest keywords are considered.</summary>
    public const int Kept = 6;

    /// <summary>Letters in the longest Vietnamese syllable ("nghiêng").</summary>
    private const int LongestSyllable = 7;

    public static string[] Of(ArticleWords words) => words.Keywords.Take(Kept)
        .Where(k => !string.IsNullOrWhiteSpace(k) && !k.Any(char.IsDigit))
        .Select(k => AsWritten(k, words))
        .OfType<string>()
        .Where(k => k.Contains(' ') || k.Any(char.IsUpper) || k.Length > LongestSyllable)
        .ToArray();

    /// <summary>
    /// A keyword (lower-cased by enrichment) as the article writes it most often, so a name reads as one ("Nestlé",
    /// "Thu Phương"). First in a sentence, a capital tells nothing unless a later syllable has one too; a keyword
    /// never found so stays lower-case. Null for one the article writes in a dateline's capitals ("TRUNG QUỐCZhang"
    /// gave the keyword "quốc zhang").
    /// </summary>
    private static string? AsWritten(string keyword, ArticleWords words)
    {
        var forms = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var text in new[] { words.Title, words.Lead, words.Body })
            for (var at = text.IndexOf(keyword, StringComparison.OrdinalIgnoreCase); at >= 0; at = text.IndexOf(keyword, at + keyword.Length, StringComparison.OrdinalIgnoreCase))
            {
                var end = at + keyword.Length;
                if (at > 0 && char.IsLetterOrDigit(text[at - 1]) || end < text.Length && char.IsLetterOrDigit(text[end])) continue;
                var form = text.Substring(at, keyword.Length);
                var syllables = form.Split(' ');
                if (syllables.Any(IsDatelineWord)) return null;
                var before = text.AsSpan(0, at).TrimEnd();
                var sentenceStart = before.IsEmpty || before[^1] is '.' or '!' or '?' or ':' or '"' or '“' or '-' or '–';
                if (sentenceStart && !syllables.Skip(1).Any(s => s.Length > 0 && char.IsUpper(s[0]))) continue;
                forms[form] = forms.GetValueOrDefault(form) + 1;
            }
        return forms.Count == 0 ? keyword : forms.MaxBy(f => (f.Value, f.Key == keyword)).Key;
    }

    /// <summary>A word in capitals with a tone or vowel mark ("QUỐC", "NỘI"): a dateline's, where an acronym has none ("HĐND", "HLV").</summary>
    private static bool IsDatelineWord(string word) =>
        word.Length > 1 && word.All(c => !char.IsLetter(c) || char.IsUpper(c)) && word.Any(c => c > 127 && c != 'Đ');
}
