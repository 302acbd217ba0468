using ContentPipeline.Text;

namespace ContentPipeline.Enrichment.Understanding;

/// <summary>
/// Groups articles into stories by MinHash over their three-syllable shingles: rewrites of one wire story and updates
/// of one report share most shingles (Jaccard similarity well above <see cref="SameStory"/>), different articles on one
/// topic share almost none. The signature has <see cref="Bins"/> minima (one-permutation hashing: each shingle falls in
/// one bin, so a signature costs one pass); it is cut into bands, and only articles sharing a whole band are compared.
/// An exact copy (the same syllables in the same order, <see cref="CopyKey"/>) joins the story of its original whatever
/// its length.
/// </summary>
/// <remarks>
/// A bin no shingle fell in takes the value of the next filled one (densification by rotation, Shrivastava and Li
/// 2014): before, a short text (a headline and a sapo: thirty shingles fill about 24 of 64 bins, 64·(1 − e^(−30/64)))
/// counted its empty bins as disagreements, so two exact copies agreed on some 0.37 of the bins, below
/// <see cref="SameStory"/>, and became stories of their own (issue 19; test in StoriesAndCategoriesTests).
/// </remarks>
public sealed class StoryIndex
{
    public const int Bins = 64;

    /// <summary>Estimated Jaccard similarity of shingles from which two articles are one story.</summary>
    public const double SameStory = 0.5;

    /// <summary>
    /// Too little text (a headline alone) to tell a rewrite from a neighbour: a story of its own, unless an exact copy.
    /// A headline and a sapo have thirty or more.
    /// </summary>
    public const int MinimumShingles = 8;

    private const int RowsPerBand = 4;
    private const int Bands = Bins / RowsPerBand;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, (uint[] Signature, string Story)> _articles = new(StringComparer.Ordinal);
    private readonly Dictionary<(int Band, ulong Key), List<string>> _buckets = [];
    private readonly Dictionary<ulong, string> _storyOfCopy = [];

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
        return shingles < MinimumShingles ? null : Densified(signature);
    }

    /// <summary>
    /// The signature with every empty bin filled from the next filled one (circularly), shifted by how far it had to
    /// look, so two texts agree on an empty bin as often as on a filled one. Idempotent: a signature stored before this
    /// existed reads the same as one made now.
    /// </summary>
    private static uint[] Densified(uint[] signature)
    {
        var filled = Array.FindIndex(signature, v => v != uint.MaxValue);
        if (filled < 0) return signature;
        var dense = (uint[])signature.Clone();
        for (var i = 0; i < Bins; i++)
        {
            if (dense[i] != uint.MaxValue) continue;
            var distance = 1;
            while (signature[(i + distance) % Bins] == uint.MaxValue) distance++;
            dense[i] = unchecked(signature[(i + distance) % Bins] + (uint)distance * 0x9E3779B9u);
            if (dense[i] == uint.MaxValue) dense[i]--;
        }
        return dense;
    }

    /// <summary>
    /// What two exact copies share: a hash of the text's syllables in order (lower case, accents kept, punctuation and
    /// spacing ignored). Every consumer computes the same key for the same text, which is how copies enriched at the
    /// same moment on two replicas still meet (enrichment's store settles the story, <c>CorpusStore</c>).
    /// </summary>
    public static ulong CopyKey(IReadOnlyList<SyllableRun> runs)
    {
        var key = StableHash.Of("copy");
        foreach (var run in runs)
            foreach (var syllable in run.Syllables)
                key = Syllables.Extend(key, syllable.Text);
        return key;
    }

    /// <summary>Share of bins two signatures agree on: an estimate of the Jaccard similarity of their shingles.</summary>
    public static double Similarity(uint[] a, uint[] b)
    {
        var same = 0;
        for (var i = 0; i < Bins; i++) if (a[i] == b[i] && a[i] != uint.MaxValue) same++;
        return same / (double)Bins;
    }

    /// <summary>
    /// The story of an article: the one it already has (a new version stays in its story), else its exact copy's, else
    /// the story of the most similar stored article at <see cref="SameStory"/> or above, else a story of its own named
    /// after it.
    /// </summary>
    public string Assign(string articleId, uint[]? signature, ulong copyKey)
    {
        lock (_gate)
        {
            if (_articles.TryGetValue(articleId, out var known))
            {
                _storyOfCopy.TryAdd(copyKey, known.Story);
                return known.Story;
            }
            var story = _storyOfCopy.GetValueOrDefault(copyKey) ?? (signature is null ? null : MostSimilar(signature)) ?? articleId;
            Remember(articleId, signature, story);
            _storyOfCopy.TryAdd(copyKey, story);
            return story;
        }
    }

    /// <summary>An article already assigned (loaded at start).</summary>
    public void Add(string articleId, uint[]? signature, string story)
    {
        lock (_gate)
            if (!_articles.ContainsKey(articleId)) Remember(articleId, signature, story);
    }

    /// <summary>A copy key written down before (loaded at start): copies of that text join its story.</summary>
    public void AddCopy(ulong copyKey, string story)
    {
        lock (_gate) _storyOfCopy.TryAdd(copyKey, story);
    }

    /// <summary>
    /// The story the store settled for an article and its exact copies (another replica may have named it first); the
    /// article and the copies to come join it.
    /// </summary>
    public void Settle(string articleId, ulong copyKey, string story)
    {
        lock (_gate)
        {
            _storyOfCopy[copyKey] = story;
            if (_articles.TryGetValue(articleId, out var known) && known.Story != story) _articles[articleId] = (known.Signature, story);
        }
    }

    /// <summary>
    /// The story of the article most like <paramref name="articleId"/> but itself, at <see cref="SameStory"/> or above:
    /// for an article that started a story of its own before this index learnt of another replica's articles.
    /// </summary>
    public string? MostSimilarOther(string articleId, uint[] signature)
    {
        lock (_gate) return MostSimilar(signature, except: articleId);
    }

    private string? MostSimilar(uint[] signature, string? except = null)
    {
        string? best = null;
        var bestSimilarity = SameStory;
        for (var band = 0; band < Bands; band++)
        {
            if (!_buckets.TryGetValue((band, BandKey(signature, band)), out var ids)) continue;
            foreach (var id in ids)
            {
                if (id == except) continue;
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
        string.IsNullOrEmpty(encoded) ? null : Densified(System.Runtime.InteropServices.MemoryMarshal.Cast<byte, uint>(Convert.FromBase64String(encoded)).ToArray());
}
