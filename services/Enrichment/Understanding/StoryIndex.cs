using System.Numerics;

namespace ContentPipeline.Enrichment.Understanding;

/// <summary>
/// Groups articles into stories by a 64-bit SimHash of their word shingles: rewrites of one wire story and updates of
/// one report differ in a few words, so their fingerprints differ in a few bits, while unrelated articles differ in
/// about half. Fingerprints are split into four 16-bit bands: two fingerprints within <see cref="MaxDistance"/> bits
/// share at least one band exactly, so a look-up touches only the few articles in the same buckets.
/// </summary>
public sealed class StoryIndex
{
    /// <summary>Bits two fingerprints of one story may differ in (four bands guarantee every such pair is found).</summary>
    public const int MaxDistance = 3;

    /// <summary>Too little text (a headline) to tell a rewrite from a neighbour: such articles are a story of their own.</summary>
    public const int MinimumShingles = 12;

    private const int Bands = 4;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, (ulong Fingerprint, string Story)> _articles = new(StringComparer.Ordinal);
    private readonly Dictionary<(int Band, ushort Key), List<string>> _buckets = [];

    public int Count
    {
        get { lock (_gate) return _articles.Count; }
    }

    /// <summary>SimHash over three-syllable shingles of the text; 0 when there is too little text to tell.</summary>
    public static ulong Fingerprint(IReadOnlyList<SyllableRun> runs)
    {
        Span<int> ones = stackalloc int[64];
        var shingles = 0;
        foreach (var run in runs)
        {
            for (var i = 0; i + 2 < run.Syllables.Length; i++)
            {
                var hash = Mix(Syllables.Extend(Syllables.Extend(run.Hashes[i], run.Syllables[i + 1]), run.Syllables[i + 2]));
                for (var b = 0; b < 64; b++) ones[b] += (int)((hash >> b) & 1);
                shingles++;
            }
        }
        if (shingles < MinimumShingles) return 0;
        ulong fingerprint = 0;
        for (var b = 0; b < 64; b++) if (ones[b] * 2 > shingles) fingerprint |= 1UL << b;
        return fingerprint;
    }

    /// <summary>
    /// The story of an article: the one it already has (a new version stays in its story), else the story of the
    /// nearest fingerprint within <see cref="MaxDistance"/>, else a story of its own named after it.
    /// </summary>
    public string Assign(string articleId, ulong fingerprint)
    {
        lock (_gate)
        {
            if (_articles.TryGetValue(articleId, out var known)) return known.Story;
            var story = fingerprint == 0 ? articleId : Nearest(fingerprint) ?? articleId;
            Remember(articleId, fingerprint, story);
            return story;
        }
    }

    /// <summary>An article already assigned (loaded at start).</summary>
    public void Add(string articleId, ulong fingerprint, string story)
    {
        lock (_gate)
            if (!_articles.ContainsKey(articleId)) Remember(articleId, fingerprint, story);
    }

    private string? Nearest(ulong fingerprint)
    {
        string? best = null;
        var bestDistance = MaxDistance + 1;
        for (var band = 0; band < Bands; band++)
        {
            if (!_buckets.TryGetValue((band, Band(fingerprint, band)), out var ids)) continue;
            foreach (var id in ids)
            {
                var (other, story) = _articles[id];
                var distance = BitOperations.PopCount(other ^ fingerprint);
                // Ties go to the smaller story id, so the outcome does not depend on bucket order.
                if (distance < bestDistance || (distance == bestDistance && best is not null && string.CompareOrdinal(story, best) < 0))
                {
                    best = story;
                    bestDistance = distance;
                }
            }
        }
        return best;
    }

    private void Remember(string articleId, ulong fingerprint, string story)
    {
        _articles[articleId] = (fingerprint, story);
        if (fingerprint == 0) return;
        for (var band = 0; band < Bands; band++)
        {
            var key = (band, Band(fingerprint, band));
            if (!_buckets.TryGetValue(key, out var ids)) _buckets[key] = ids = [];
            ids.Add(articleId);
        }
    }

    private static ushort Band(ulong fingerprint, int band) => (ushort)(fingerprint >> (band * 16));

    /// <summary>FNV hashes of similar strings share high bits; a finaliser spreads every input bit over all 64.</summary>
    private static ulong Mix(ulong x)
    {
        x ^= x >> 33;
        x *= 0xff51afd7ed558ccdUL;
        x ^= x >> 33;
        x *= 0xc4ceb9fe1a85ec53UL;
        x ^= x >> 33;
        return x;
    }
}
