namespace ContentPipeline.Enrichment.Understanding;

/// <summary>
/// Groups articles into stories by MinHash over their three-syllable shingles: rewrites of one wire story and updates
/// of one report share most shingles (Jaccard similarity well above <see cref="SameStory"/>), different articles on one
/// topic share almost none. The signature has <see cref="Bins"/> minima (one-permutation hashing: each shingle falls in
/// one bin, so a signature costs one pass); it is cut into bands, and only articles sharing a whole band are compared.
/// </summary>
public sealed class StoryIndex
{
    public const int Bins = 64;

    /// <summary>Estimated Jaccard similarity of shingles from which two articles are one story.</summary>
    public const double SameStory = 0.5;

    /// <summary>Too little text (a headline, a short teaser) to tell a rewrite from a neighbour: a story of its own.</summary>
    public const int MinimumShingles = 24;

    private const int RowsPerBand = 4;
    private const int Bands = Bins / RowsPerBand;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, (uint[] Signature, string Story)> _articles = new(StringComparer.Ordinal);
    private readonly Dictionary<(int Band, ulong Key), List<string>> _buckets = [];

    public int Count
    {
        get { lock (_gate) return _articles.Count; }
    }

    /// <summary>The MinHash signature of the article's text, or null when there is too little text to tell.</summary>
    public static uint[]? Signature(IReadOnlyList<SyllableRun> runs)
    {
        var signature = new uint[Bins];
        Array.Fill(signature, uint.MaxValue);
        var shingles = 0;
        foreach (var run in runs)
        {
            var (syllables, _, pairs) = run;
            for (var i = 0; i + 2 < syllables.Length; i++)
            {
                var hash = Mix(Syllables.Extend(pairs[i], syllables[i + 2].Text));
                var bin = (int)(hash % Bins);
                var value = (uint)(hash >> 32);
                if (value < signature[bin]) signature[bin] = value;
                shingles++;
            }
        }
        return shingles < MinimumShingles ? null : signature;
    }

    /// <summary>Share of bins two signatures agree on: an estimate of the Jaccard similarity of their shingles.</summary>
    public static double Similarity(uint[] a, uint[] b)
    {
        var same = 0;
        for (var i = 0; i < Bins; i++) if (a[i] == b[i] && a[i] != uint.MaxValue) same++;
        return same / (double)Bins;
    }

    /// <summary>
    /// The story of an article: the one it already has (a new version stays in its story), else the story of the
    /// most similar stored article at <see cref="SameStory"/> or above, else a story of its own named after it.
    /// </summary>
    public string Assign(string articleId, uint[]? signature)
    {
        lock (_gate)
        {
            if (_articles.TryGetValue(articleId, out var known)) return known.Story;
            var story = signature is null ? articleId : MostSimilar(signature) ?? articleId;
            Remember(articleId, signature, story);
            return story;
        }
    }

    /// <summary>An article already assigned (loaded at start).</summary>
    public void Add(string articleId, uint[]? signature, string story)
    {
        lock (_gate)
            if (!_articles.ContainsKey(articleId)) Remember(articleId, signature, story);
    }

    private string? MostSimilar(uint[] signature)
    {
        string? best = null;
        var bestSimilarity = SameStory;
        for (var band = 0; band < Bands; band++)
        {
            if (!_buckets.TryGetValue((band, BandKey(signature, band)), out var ids)) continue;
            foreach (var id in ids)
            {
                var (other, story) = _articles[id];
                var similarity = Similarity(signature, other);
                // Ties go to the smaller story id, so the outcome does not depend on bucket order.
                if (similarity > bestSimilarity || (similarity == bestSimilarity && (best is null || string.CompareOrdinal(story, best) < 0)))
                {
                    best = story;
                    bestSimilarity = similarity;
                }
            }
        }
        return best;
    }

    private void Remember(string articleId, uint[]? signature, string story)
    {
        _articles[articleId] = (signature ?? [], story);
        if (signature is null) return;
        for (var band = 0; band < Bands; band++)
        {
            var key = (band, BandKey(signature, band));
            if (!_buckets.TryGetValue(key, out var ids)) _buckets[key] = ids = [];
            ids.Add(articleId);
        }
    }

    private static ulong BandKey(uint[] signature, int band)
    {
        var key = 14695981039346656037UL;
        for (var i = band * RowsPerBand; i < (band + 1) * RowsPerBand; i++) key = (key ^ signature[i]) * 1099511628211UL;
        return key;
    }

    /// <summary>FNV hashes of similar strings share bits; a finaliser spreads every input bit over all 64.</summary>
    private static ulong Mix(ulong x)
    {
        x ^= x >> 33;
        x *= 0xff51afd7ed558ccdUL;
        x ^= x >> 33;
        x *= 0xc4ceb9fe1a85ec53UL;
        x ^= x >> 33;
        return x;
    }

    /// <summary>The signature as stored and shown: its minima, base64.</summary>
    public static string Encode(uint[]? signature) =>
        signature is null ? "" : Convert.ToBase64String(System.Runtime.InteropServices.MemoryMarshal.AsBytes(signature.AsSpan()));

    public static uint[]? Decode(string? encoded) =>
        string.IsNullOrEmpty(encoded) ? null : System.Runtime.InteropServices.MemoryMarshal.Cast<byte, uint>(Convert.FromBase64String(encoded)).ToArray();
}
