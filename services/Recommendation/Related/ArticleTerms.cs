using ContentPipeline.Search;
using ContentPipeline.Text;

namespace ContentPipeline.Recommendation.Related;

/// <summary>
/// The terms related compares articles by, counted: accent-free syllables and adjacent syllable pairs of the title
/// (counted twice), lead and body, enrichment's keywords and the entities the article names most. A pair
/// ("hoi dong") is nearer a Vietnamese word than its syllables are, and far rarer, so it tells topics apart.
/// </summary>
/// <remarks>
/// A term is a 64-bit hash of its folded text, not the text: among the few million terms of a large site a collision
/// is a chance in millions, and hashing spares building every pair's string and holding the vocabulary's strings in
/// memory.
/// </remarks>
public static class ArticleTerms
{
    private static readonly ulong Pair = Mix(1), Keyword = Mix(2), Entity = Mix(3);

    public static Dictionary<ulong, int> Count(StoredArticle stored)
    {
        var counts = new Dictionary<ulong, int>();
        var words = stored.Words;
        AddText(counts, words.Title, times: 2);
        AddText(counts, words.Lead, times: 1);
        AddText(counts, words.Body, times: 1);
        foreach (var keyword in words.Keywords) AddPhrase(counts, Keyword, keyword);
        foreach (var entity in stored.Article.Entities) AddPhrase(counts, Entity, entity);
        return counts;
    }

    private static void AddText(Dictionary<ulong, int> counts, string text, int times)
    {
        ulong? previous = null;
        foreach (var syllable in Syllables(text))
        {
            Add(counts, syllable, times);
            if (previous is { } before) Add(counts, Combine(Combine(Pair, before), syllable), times);
            previous = syllable;
        }
    }

    /// <summary>A keyword or entity as one term, apart from the same syllables in the text.</summary>
    private static void AddPhrase(Dictionary<ulong, int> counts, ulong kind, string phrase)
    {
        if (PhraseTerm(kind, phrase) is { } term) Add(counts, term, 1);
    }

    /// <summary>The term an entity the article names is counted as; null for one without letters or digits.</summary>
    public static ulong? EntityTerm(string entity) => PhraseTerm(Entity, entity);

    /// <summary>The term one of the article's keywords is counted as; null for one without letters or digits.</summary>
    public static ulong? KeywordTerm(string keyword) => PhraseTerm(Keyword, keyword);

    private static ulong? PhraseTerm(ulong kind, string phrase)
    {
        var syllables = Syllables(phrase);
        return syllables.Count > 0 ? syllables.Aggregate(kind, Combine) : null;
    }

    private static void Add(Dictionary<ulong, int> counts, ulong term, int times) =>
        System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(counts, term, out _) += times;

    /// <summary>Runs of letters and digits, folded and lower-cased ("Hà Nội," gives "ha", "noi"), each hashed (FNV-1a, then mixed).</summary>
    private static List<ulong> Syllables(string text)
    {
        const ulong offset = 14695981039346656037, prime = 1099511628211;
        var folded = VietnameseText.Fold(text);
        var syllables = new List<ulong>(folded.Length / 4);
        var hash = offset;
        var inWord = false;
        foreach (var c in folded)
        {
            if (char.IsLetterOrDigit(c))
            {
                hash = (hash ^ char.ToLowerInvariant(c)) * prime;
                inWord = true;
            }
            else if (inWord)
            {
                syllables.Add(Mix(hash));
                hash = offset;
                inWord = false;
            }
        }
        if (inWord) syllables.Add(Mix(hash));
        return syllables;
    }

    private static ulong Combine(ulong seed, ulong value) => Mix(seed ^ (value + 0x9e3779b97f4a7c15 + (seed << 6) + (seed >> 2)));

    /// <summary>SplitMix64's finaliser: every bit of the input moves every bit of the output.</summary>
    private static ulong Mix(ulong x)
    {
        x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9;
        x = (x ^ (x >> 27)) * 0x94d049bb133111eb;
        return x ^ (x >> 31);
    }
}
