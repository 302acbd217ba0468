namespace ContentPipeline.Enrichment.Understanding;

/// <summary>What one article added to the corpus statistics: kept so it can be written down.</summary>
public sealed record CorpusContribution(string ArticleId, string? Category, int Tokens, ulong[] Terms, (ulong Term, int Count)[] CategoryTerms);

/// <summary>
/// What enrichment knows of the corpus, updated as articles arrive: in how many documents each syllable and syllable
/// pair occurs (so a word common everywhere weighs little), and how often each occurs under each given section (so a
/// section can be inferred for articles that come without one). Terms are kept as 64-bit hashes: a corpus of millions
/// of pairs fits in tens of megabytes. Each article counts once, at its first version.
/// </summary>
/// <remarks>
/// Readers take the read lock once per article (<see cref="Read{T}"/>), writers once per article: plain dictionaries
/// under a reader-writer lock cost a fraction of concurrent ones for the thousand look-ups an article makes.
/// </remarks>
public sealed class CorpusStatistics
{
    private readonly ReaderWriterLockSlim _lock = new();
    private readonly Dictionary<ulong, int> _documentFrequency = [];
    // Per term, its occurrences under each section (by section index): one look-up gives a term's whole row.
    private readonly Dictionary<ulong, int[]> _categoryTerms = [];
    private readonly HashSet<string> _counted = new(StringComparer.Ordinal);
    private readonly List<string> _categoryNames = [];
    private readonly Dictionary<string, int> _categoryIndex = new(StringComparer.Ordinal);
    private readonly List<(int Documents, long Tokens)> _categoryTotals = [];
    private int _documents;

    /// <summary>A consistent view of the statistics for one article's worth of look-ups.</summary>
    public readonly struct View(CorpusStatistics corpus)
    {
        public int Documents => corpus._documents;

        /// <summary>In how many documents the term occurs.</summary>
        public int DocumentFrequency(ulong term) => corpus._documentFrequency.GetValueOrDefault(term);

        /// <summary>Smoothed inverse document frequency: high for rare terms, about 1 for a term in every document.</summary>
        public double Idf(ulong term) => Math.Log((corpus._documents + 1.0) / (corpus._documentFrequency.GetValueOrDefault(term) + 1.0)) + 1.0;

        /// <summary>A term's occurrences under each section, by section index (shorter than the section list when it has none under the last ones).</summary>
        public ReadOnlySpan<int> CategoryTermCounts(ulong term) => corpus._categoryTerms.TryGetValue(term, out var row) ? row : [];

        /// <summary>The labelled sections so far, with their document and token totals.</summary>
        public IReadOnlyList<(int Index, string Name, int Documents, long Tokens)> Categories()
        {
            var categories = new (int, string, int, long)[corpus._categoryNames.Count];
            for (var i = 0; i < categories.Length; i++) categories[i] = (i, corpus._categoryNames[i], corpus._categoryTotals[i].Documents, corpus._categoryTotals[i].Tokens);
            return categories;
        }

        /// <summary>Distinct terms seen: the vocabulary size for smoothing.</summary>
        public int Vocabulary => corpus._documentFrequency.Count;
    }

    /// <summary>Runs <paramref name="read"/> against a consistent view of the statistics.</summary>
    public T Read<T>(Func<View, T> read)
    {
        _lock.EnterReadLock();
        try { return read(new View(this)); }
        finally { _lock.ExitReadLock(); }
    }

    public int Documents => Read(v => v.Documents);

    public int Vocabulary => Read(v => v.Vocabulary);

    /// <summary>Counts an article once; null when it was counted before (a later version or a redelivery).</summary>
    public CorpusContribution? Add(string articleId, ArticleTerms terms, string? category)
    {
        var keys = new ulong[terms.Counts.Count];
        var counts = category is null ? [] : new (ulong, int)[terms.Counts.Count];
        var at = 0;
        foreach (var (term, counted) in terms.Counts)
        {
            keys[at] = term;
            if (category is not null) counts[at] = (term, (int)Math.Round(counted.Weight));
            at++;
        }
        var contribution = new CorpusContribution(articleId, category, terms.Tokens, keys, counts);
        return Write(() => _counted.Add(articleId) ? Count(contribution) : null);
    }

    /// <summary>Adds totals as the store keeps them, without per-article detail.</summary>
    public void Load(int documents, IEnumerable<(ulong Term, int Frequency)> frequencies, IEnumerable<(string Category, int Documents, long Tokens)> categories,
        IEnumerable<(string Category, ulong Term, int Count)> categoryTerms, IEnumerable<string> countedArticles) => Write(() =>
    {
        _documents += documents;
        foreach (var (term, frequency) in frequencies) Increment(_documentFrequency, term, frequency);
        foreach (var (name, docs, tokens) in categories)
        {
            var category = CategoryIndex(name);
            _categoryTotals[category] = (_categoryTotals[category].Documents + docs, _categoryTotals[category].Tokens + tokens);
        }
        foreach (var (name, term, count) in categoryTerms) AddCategoryTerm(CategoryIndex(name), term, count);
        foreach (var id in countedArticles) _counted.Add(id);
        return 0;
    });

    private CorpusContribution Count(CorpusContribution contribution)
    {
        _documents++;
        foreach (var term in contribution.Terms) Increment(_documentFrequency, term, 1);
        if (contribution.Category is not { } name) return contribution;
        var category = CategoryIndex(name);
        _categoryTotals[category] = (_categoryTotals[category].Documents + 1, _categoryTotals[category].Tokens + contribution.Tokens);
        foreach (var (term, count) in contribution.CategoryTerms) AddCategoryTerm(category, term, count);
        return contribution;
    }

    private static void Increment(Dictionary<ulong, int> counts, ulong term, int by) =>
        System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(counts, term, out _) += by;

    private void AddCategoryTerm(int category, ulong term, int count)
    {
        ref var row = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_categoryTerms, term, out _);
        if (row is null || category >= row.Length) Array.Resize(ref row, category + 1);
        row[category] += count;
    }

    private int CategoryIndex(string name)
    {
        if (_categoryIndex.TryGetValue(name, out var index)) return index;
        index = _categoryNames.Count;
        _categoryNames.Add(name);
        _categoryTotals.Add((0, 0));
        _categoryIndex[name] = index;
        return index;
    }

    private T Write<T>(Func<T> write)
    {
        _lock.EnterWriteLock();
        try { return write(); }
        finally { _lock.ExitWriteLock(); }
    }
}
