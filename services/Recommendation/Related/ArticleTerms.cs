using ContentPipeline.Search;
using ContentPipeline.Text;

namespace ContentPipeline.Recommendation.Related;

/// <summary>
/// The terms related compares articles by, counted: accent-free syllables and adjacent syllable pairs (with their
/// accents) of the title (counted twice), lead and body, enrichment's keywords and the entities the article names most.
/// A pair ("hội đồng") is nearer a Vietnamese word than its syllables are, and far rarer, so it tells topics apart; its
/// accents tell apart words that folding makes one ("bán hàng", selling, and "bạn hàng", a trading partner, are both
/// "ban hang"), which lifted P@5 on VnExpress's headlines and sapos and left unc_dantri's long bodies as they were
/// (bench/Recommendation.Bench -- quality; docs/benchmarks.md, "Related V"). A syllable stays folded: accented
/// syllables as well as pairs lowered unc_dantri's P@5 from 0.856 to 0.852 (a throw-away build).
/// </summary>
/// <remarks>
/// A term is a 64-bit hash of its text, not the text: among the few million terms of a large site a collision
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
        var (folded, accented) = Syllables(text);
        for (var i = 0; i < folded.Count; i++)
        {
            Add(counts, folded[i], times);
            if (i > 0) Add(counts, Combine(Combine(Pair, accented[i - 1]), accented[i]), times);
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
        var syllables = Syllables(phrase).Folded;
        return syllables.Count > 0 ? syllables.Aggregate(kind, Combine) : null;
    }

    private static void Add(Dictionary<ulong, int> counts, ulong term, int times) =>
        System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(counts, term, out _) += times;

    /// <summary>
    /// Runs of letters and digits, lower-cased, each hashed (FNV-1a, then mixed) twice, one for one: folded ("Hà Nội,"
    /// gives "ha", "noi") and as written ("hà", "nội"), a combining mark kept with its letter.
    /// </summary>
    /// <remarks>
    /// Enrichment sends its words in NFC, but the queue is not trusted to: text with its marks written apart is
    /// composed first, or "hà" written two ways would be two terms.
    /// </remarks>
    private static (List<ulong> Folded, List<ulong> Accented) Syllables(string text)
    {
        const ulong offset = 14695981039346656037, prime = 1099511628211;
        if (!text.IsNormalized(System.Text.NormalizationForm.FormC)) text = text.Normalize(System.Text.NormalizationForm.FormC);
        var (folded, accented) = (new List<ulong>(text.Length / 4), new List<ulong>(text.Length / 4));
        var (foldedHash, accentedHash) = (offset, offset);
        var inWord = false;
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                foldedHash = (foldedHash ^ char.ToLowerInvariant(VietnameseText.FoldChar(c))) * prime;
                accentedHash = (accentedHash ^ char.ToLowerInvariant(c)) * prime;
                inWord = true;
            }
            else if (inWord && VietnameseText.IsCombiningMark(c)) accentedHash = (accentedHash ^ c) * prime;
            else if (inWord)
            {
                folded.Add(Mix(foldedHash));
                accented.Add(Mix(accentedHash));
                (foldedHash, accentedHash) = (offset, offset);
                inWord = false;
            }
        }
        if (inWord)
        {
            folded.Add(Mix(foldedHash));
            accented.Add(Mix(accentedHash));
        }
        return (folded, accented);
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
