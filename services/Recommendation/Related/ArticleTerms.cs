using ContentPipeline.Search;
using ContentPipeline.Text;

namespace ContentPipeline.Recommendation.Related;

/// <summary>
/// The terms related compares articles by, counted: accent-free syllables and adjacent syllable pairs of the title
/// (counted twice), lead and body, enrichment's keywords and the entities the article names most. A pair
/// ("hoi dong") is nearer a Vietnamese word than its syllables are, and far rarer, so it tells topics apart.
/// </summary>
public static class ArticleTerms
{
    private const string KeywordPrefix = "kw:", EntityPrefix = "en:";

    public static Dictionary<string, int> Count(StoredArticle stored)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var words = stored.Words;
        AddText(counts, words.Title, times: 2);
        AddText(counts, words.Lead, times: 1);
        AddText(counts, words.Body, times: 1);
        foreach (var keyword in words.Keywords) AddPhrase(counts, KeywordPrefix, keyword);
        foreach (var entity in stored.Article.Entities) AddPhrase(counts, EntityPrefix, entity);
        return counts;
    }

    private static void AddText(Dictionary<string, int> counts, string text, int times)
    {
        string? previous = null;
        foreach (var syllable in Syllables(text))
        {
            Add(counts, syllable, times);
            if (previous is not null) Add(counts, $"{previous} {syllable}", times);
            previous = syllable;
        }
    }

    /// <summary>A keyword or entity as one term, apart from the same syllables in the text.</summary>
    private static void AddPhrase(Dictionary<string, int> counts, string prefix, string phrase)
    {
        var folded = string.Join(' ', Syllables(phrase));
        if (folded.Length > 0) Add(counts, prefix + folded, 1);
    }

    private static void Add(Dictionary<string, int> counts, string term, int times) =>
        System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(counts, term, out _) += times;

    /// <summary>Runs of letters and digits, folded and lower-cased: "Hà Nội," gives "ha", "noi".</summary>
    private static IEnumerable<string> Syllables(string text)
    {
        var folded = VietnameseText.Fold(text).ToLowerInvariant();
        var start = -1;
        for (var i = 0; i <= folded.Length; i++)
        {
            var inWord = i < folded.Length && char.IsLetterOrDigit(folded[i]);
            if (inWord && start < 0) start = i;
            else if (!inWord && start >= 0)
            {
                yield return folded[start..i];
                start = -1;
            }
        }
    }
}
