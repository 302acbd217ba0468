using System.Buffers;
using ContentPipeline.Search;
using ContentPipeline.Text;

namespace ContentPipeline.Recommendation.Related;

/// <summary>
/// Every article in memory as its counted terms (<see cref="ArticleTerms"/>), with an inverted index over them, so the
/// articles nearest one are found in milliseconds among tens of thousands: cosine similarity of TF-IDF vectors,
/// (1 + ln tf) · ln((N + 1) / df), blended with the cosine of their places among the site's latent topics
/// (<see cref="TopicSpace"/>). The article's most telling terms find candidates; each candidate's similarity is then
/// computed over all terms. Filled from the index at start (<see cref="LoadAsync"/>), then kept by events.
/// </summary>
/// <remarks>
/// Measured against Lucene's MoreLikeThis with bench/Recommendation.Bench (docs/benchmarks.md): a full cosine ranks
/// same-topic articles higher than a query of a few dozen terms, and here costs less.
/// </remarks>
public sealed class ArticleNeighbours
{
    /// <summary>How many of the article's terms, heaviest first, look for candidates: rare terms weigh most.</summary>
    private const int QueryTerms = 100;

    /// <summary>How many candidates get their exact cosine.</summary>
    private const int Candidates = 300;

    /// <summary>
    /// What the topics' cosines count next to the words' (which counts 1), the broad topics' and all topics': the words
    /// still lead, the topics keep a list within the article's subject (bench/Recommendation.Bench -- quality prints
    /// both with and without them).
    /// </summary>
    public const float BroadTopicWeight = 0.4f, FineTopicWeight = 0.2f;

    /// <summary>
    /// What the cosine of two articles' places by the company their terms keep (<see cref="TermCompany"/>) counts next
    /// to the words' for a short article (a headline and a sapo: up to <see cref="ShortArticleTerms"/> terms): twice as
    /// much. It fades to nothing at <see cref="LongArticleTerms"/>: a long article's own words say what it is about, and
    /// on unc_dantri's bodies (some 760 terms) counting the company lowered P@5 from 0.857 to 0.843 (a throw-away
    /// build). Both chosen with bench/Recommendation.Bench -- quality (docs/benchmarks.md, "Related IV").
    /// </summary>
    public const float CompanyWeight = 2f;

    /// <inheritdoc cref="CompanyWeight"/>
    public const int ShortArticleTerms = 120, LongArticleTerms = TermCompany.LongestArticleLearntFrom;

    /// <summary>
    /// How many of the nearest articles, ranked first by the article's own place among the topics, draw that place
    /// towards where they lie, and how much more their average counts than the place itself. P@5 and P@10 rise on all
    /// three corpora of bench/Recommendation.Bench -- quality (docs/benchmarks.md, "Related III"); in throw-away runs
    /// on VnExpress, three to eight neighbours weighed two to ten times did as well.
    /// </summary>
    public const int FeedbackNeighbours = 5;

    /// <inheritdoc cref="FeedbackNeighbours"/>
    public const float FeedbackWeight = 3;

    /// <summary>
    /// How many of an article's terms, strongest by TF-IDF when it comes in, it can be found by (its postings). An
    /// article has some 900 (syllables and their pairs); their postings were half of recommendation's memory, which
    /// grew with the site (3.8 GB at 47,551 articles, issue 16). Candidates are found by the heaviest terms anyway, and
    /// similarity is still computed over every term: P@5/P@10 moved by 0.001 (bench/Recommendation.Bench -- quality).
    /// </summary>
    public const int KeptTerms = 200;

    /// <summary>Too few articles to learn topics from below this: words alone rank them.</summary>
    public const int MinArticlesForTopics = 200;

    /// <summary>
    /// Topics are learnt from at most this many articles, a sample fixed by their ids; the rest are placed among them.
    /// Sixty directions are well settled by then, and learning from everything made each relearning cost in proportion
    /// to the site (a tenth of recommendation's CPU under a bulk import, issue 16).
    /// </summary>
    public const int MaxArticlesForTopics = 10_000;

    /// <summary>
    /// The company terms keep (<see cref="TermCompany"/>) is learnt from at most this many articles, the same sample
    /// and more: much of what it knows comes from pairs of terms met in a few articles, so it learns more from more
    /// (on VnExpress, P@5 0.798 learnt from all 23,983 articles; 0.779 from 10,000 in a throw-away build;
    /// docs/benchmarks.md, "Related IV").
    /// </summary>
    public const int MaxArticlesForCompany = 30_000;

    private readonly int _maxArticlesForTopics;
    private readonly int _maxArticlesForCompany;
    private readonly int _keptTerms;
    private readonly ReaderWriterLockSlim _lock = new();
    private readonly Dictionary<ulong, int> _termIds = [];
    /// <summary>The term (hash) of each id, so that a term no article has any more is forgotten and its id used again.</summary>
    private readonly List<ulong> _termOf = [];
    private readonly Stack<int> _freeTermIds = new();
    /// <summary>Ids freed since the topics were learnt: the topics still weigh them as the old term, so they wait to be used again.</summary>
    private readonly List<int> _freedSinceTopics = [];
    private readonly List<int> _documentFrequency = [];
    /// <summary>Of each term, the articles that keep it; null for a term no article keeps.</summary>
    private readonly List<Postings?> _postings = [];
    /// <summary>Slot of each article; a replaced or withdrawn article's slot is emptied and left in the postings until they are compacted.</summary>
    private readonly Dictionary<string, int> _slotOf = new(StringComparer.Ordinal);
    private readonly List<Entry?> _entries = [];
    /// <summary>Versions withdrawn: what the start-up load reads may be older than a withdrawal that came in meanwhile.</summary>
    private readonly Dictionary<string, long> _withdrawn = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _emptySlots;
    private int _normsComputedFor;
    private TopicSpace? _topics;
    private int _topicsLearntFrom;
    /// <summary>Articles taken in (new, or a new version) and withdrawn since the topics were learnt.</summary>
    private int _changesSinceTopics;
    private int _topicsLearnt;
    private int _weighting;

    /// <param name="maxArticlesForTopics">How many articles topics are learnt from at most (<see cref="MaxArticlesForTopics"/>).</param>
    /// <param name="keptTerms">By how many of its terms each article can be found (<see cref="KeptTerms"/>).</param>
    /// <param name="maxArticlesForCompany">How many articles the company of terms is learnt from at most (<see cref="MaxArticlesForCompany"/>).</param>
    public ArticleNeighbours(int maxArticlesForTopics = MaxArticlesForTopics, int keptTerms = KeptTerms, int maxArticlesForCompany = MaxArticlesForCompany)
    {
        _maxArticlesForTopics = maxArticlesForTopics;
        _maxArticlesForCompany = Math.Max(maxArticlesForCompany, maxArticlesForTopics);
        _keptTerms = keptTerms;
    }

    /// <summary>Completes once every article the index held at start is in memory.</summary>
    public Task Loaded => _loaded.Task;

    public int Count
    {
        get
        {
            _lock.EnterReadLock();
            try { return _slotOf.Count; }
            finally { _lock.ExitReadLock(); }
        }
    }

    /// <summary>How many distinct terms the articles in memory have between them.</summary>
    public int TermsKnown
    {
        get
        {
            _lock.EnterReadLock();
            try { return _termIds.Count; }
            finally { _lock.ExitReadLock(); }
        }
    }

    /// <summary>
    /// Reads every article of <paramref name="index"/> into memory; events may arrive meanwhile, and the newer version
    /// wins. Articles are counted into terms on every core, a batch at a time, and norms worked out once at the end.
    /// Should reading fail, <see cref="Loaded"/> stays pending; a second call reads everything again, and what is
    /// already in memory is not taken in twice.
    /// </summary>
    public async Task LoadAsync(IArticleIndex index, CancellationToken ct)
    {
        try
        {
            var batch = new List<StoredArticle>(LoadBatch);
            await foreach (var stored in index.ReadAllAsync(ct))
            {
                batch.Add(stored);
                if (batch.Count == LoadBatch) PutMany(batch);
            }
            PutMany(batch);
            _lock.EnterWriteLock();
            try { RecomputeNorms(); }
            finally { _lock.ExitWriteLock(); }
            LearnTopics();
            _loaded.TrySetResult();
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            _loaded.TrySetCanceled(ct);
            throw;
        }
    }

    private const int LoadBatch = 512;

    private void PutMany(List<StoredArticle> batch)
    {
        var counted = new (Dictionary<ulong, int> Terms, string[] Keywords)[batch.Count];
        Parallel.For(0, batch.Count, i => counted[i] = (ArticleTerms.Count(batch[i]), ReasonKeywords.Of(batch[i].Words)));
        for (var i = 0; i < batch.Count; i++) Put(batch[i], counted[i].Terms, counted[i].Keywords, loading: true);
        batch.Clear();
    }

    /// <summary>Takes in an article or a newer version of it; false when this version or a newer one is already known, or withdrawn.</summary>
    public bool Put(StoredArticle stored) => Put(stored, ArticleTerms.Count(stored), ReasonKeywords.Of(stored.Words), loading: false);

    /// <param name="keywords">What a reason may name (<see cref="ReasonKeywords"/>): read from the text, like the counts, before the lock.</param>
    private bool Put(StoredArticle stored, Dictionary<ulong, int> counts, string[] keywords, bool loading)
    {
        var article = stored.Article;
        _lock.EnterWriteLock();
        try
        {
            if (_withdrawn.TryGetValue(article.Id, out var withdrawn) && withdrawn >= article.Version) return false;
            if (_slotOf.TryGetValue(article.Id, out var old))
            {
                if (_entries[old]!.Article.Version >= article.Version) return false;
                Empty(old);
            }
            _withdrawn.Remove(article.Id);

            var allTerms = new int[counts.Count];
            var allCounts = new byte[counts.Count];
            var i = 0;
            foreach (var (term, count) in counts)
            {
                allTerms[i] = TermId(term);
                allCounts[i++] = (byte)Math.Min(count, byte.MaxValue);
            }
            Array.Sort(allTerms, allCounts);
            foreach (var term in allTerms) _documentFrequency[term]++;
            var (terms, termCounts) = Strongest(allTerms, allCounts);
            var slot = _entries.Count;
            var entry = new Entry(article, SortedIds.Pack(allTerms), allCounts, keywords);
            _entries.Add(entry);
            _slotOf[article.Id] = slot;
            for (var t = 0; t < terms.Length; t++) (_postings[terms[t]] ??= new Postings()).Add(slot, termCounts[t]);
            // While loading, a norm from the document frequencies so far: lists asked for meanwhile are rough, and
            // all norms are worked out again at the end.
            entry.Norm = Norm(allTerms, entry);
            entry.Topics = _topics?.Place(allTerms, QueryWeights(allTerms, entry, out _));
            _changesSinceTopics++;
            if (!loading) Maintain();
            return true;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>The article's <see cref="_keptTerms"/> strongest terms by (1 + ln tf) · idf, still sorted by term.</summary>
    private (int[] Terms, byte[] Counts) Strongest(int[] terms, byte[] counts)
    {
        if (terms.Length <= _keptTerms) return (terms, counts);
        var weakestFirst = new float[terms.Length];
        var positions = new int[terms.Length];
        for (var i = 0; i < terms.Length; i++)
        {
            weakestFirst[i] = -TfWeight[counts[i]] * Idf(terms[i]);
            positions[i] = i;
        }
        Array.Sort(weakestFirst, positions);
        var kept = positions[.._keptTerms];
        Array.Sort(kept);
        return (kept.Select(i => terms[i]).ToArray(), kept.Select(i => counts[i]).ToArray());
    }

    /// <summary>Forgets the article; false, changing nothing, when it is known at a newer version than the one withdrawn.</summary>
    public bool Remove(string articleId, long version)
    {
        _lock.EnterWriteLock();
        try
        {
            if (_slotOf.TryGetValue(articleId, out var slot))
            {
                if (_entries[slot]!.Article.Version > version) return false;
                Empty(slot);
            }
            _withdrawn[articleId] = Math.Max(version, _withdrawn.GetValueOrDefault(articleId));
            _changesSinceTopics++;
            Maintain();
            return true;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>The version at which the article was withdrawn, while this process knows it; null otherwise.</summary>
    public long? WithdrawnVersion(string articleId)
    {
        _lock.EnterReadLock();
        try { return _withdrawn.TryGetValue(articleId, out var version) ? version : null; }
        finally { _lock.ExitReadLock(); }
    }

    public IndexedArticle? Get(string articleId)
    {
        _lock.EnterReadLock();
        try { return _slotOf.TryGetValue(articleId, out var slot) ? _entries[slot]!.Article : null; }
        finally { _lock.ExitReadLock(); }
    }

    /// <summary>
    /// The words' cosine from which two articles of one story are near-exact copies (a word or two added to a
    /// headline); a rewrite of the story (another headline, a paragraph dropped) stays an article of its own.
    /// </summary>
    public const double NearCopyCosine = 0.9;

    /// <summary>
    /// True when the two articles are one text: of one story (enrichment puts every exact copy and near copy in its
    /// original's) with words nearly all alike (<see cref="NearCopyCosine"/>). False when either is not known.
    /// </summary>
    public bool AreCopies(string articleId, string otherId)
    {
        _lock.EnterReadLock();
        try
        {
            if (!_slotOf.TryGetValue(articleId, out var a) || !_slotOf.TryGetValue(otherId, out var b)) return false;
            var (first, second) = (_entries[a]!, _entries[b]!);
            if (first.Article.StoryId != second.Article.StoryId) return false;
            var terms = first.TermIds();
            var query = QueryWeights(terms, first, out var norm);
            return norm > 0 && Dot(terms, query, second) / (norm * second.Norm) >= NearCopyCosine;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>
    /// The keywords both articles hold among their heaviest (<see cref="ReasonKeywords"/>), in the first one's
    /// order, each with how many articles have it among their keywords; empty when either article is not known.
    /// </summary>
    public IReadOnlyList<(string Keyword, int Articles)> SharedKeywords(string articleId, string otherId)
    {
        _lock.EnterReadLock();
        try
        {
            if (!_slotOf.TryGetValue(articleId, out var slot) || !_slotOf.TryGetValue(otherId, out var otherSlot)) return [];
            var other = _entries[otherSlot]!.Keywords;
            return _entries[slot]!.Keywords
                .Where(k => other.Contains(k, StringComparer.OrdinalIgnoreCase))
                .Select(k => (k, ArticleTerms.KeywordTerm(k) is { } term && _termIds.TryGetValue(term, out var id) ? _documentFrequency[id] : 0))
                .ToList();
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>How many articles name <paramref name="entity"/> among those they name most: how telling it is that two do.</summary>
    public int ArticlesNaming(string entity)
    {
        if (ArticleTerms.EntityTerm(entity) is not { } term) return 0;
        _lock.EnterReadLock();
        try { return _termIds.TryGetValue(term, out var id) ? _documentFrequency[id] : 0; }
        finally { _lock.ExitReadLock(); }
    }

    /// <summary>
    /// The articles most like <paramref name="articleId"/> that <paramref name="keep"/> accepts, most alike first, with
    /// their similarity (0..1: words' and topics' cosine blended; nearly symmetric, as each side's place among the
    /// topics is drawn towards its own nearest articles), <paramref name="alsoConsider"/> among the candidates; null
    /// when the article is not known.
    /// </summary>
    public IReadOnlyList<Neighbour>? Nearest(string articleId, int size, Func<IndexedArticle, bool> keep, IEnumerable<string>? alsoConsider = null)
    {
        _lock.EnterReadLock();
        try
        {
            if (!_slotOf.TryGetValue(articleId, out var self)) return null;
            var source = _entries[self]!;
            var terms = source.TermIds();
            var query = QueryWeights(terms, source, out var queryNorm);
            if (queryNorm == 0) return [];
            var candidates = FindCandidates(self, terms, query, keep);
            var companyWeight = CompanyWeight * Math.Clamp((float)(LongArticleTerms - terms.Length) / (LongArticleTerms - ShortArticleTerms), 0, 1);
            // Candidates are found by this article's heaviest terms; an article found the other way round (by its own)
            // would otherwise be missed, though similarity is (nearly) symmetric.
            if (alsoConsider is not null)
            {
                var found = candidates.ToHashSet();
                foreach (var id in alsoConsider)
                    if (_slotOf.TryGetValue(id, out var slot) && slot != self && found.Add(slot) && keep(_entries[slot]!.Article)) candidates.Add(slot);
            }
            var scored = new List<(Entry Entry, double Words, double Similarity)>(candidates.Count);
            foreach (var slot in candidates)
            {
                var entry = _entries[slot]!;
                var words = Dot(terms, query, entry) / (queryNorm * entry.Norm);
                // A neighbour shares a word at least: one considered for standing in lists of this article's (a new
                // version may have no word left in common) is not carried by the topics alone.
                if (words <= 0) continue;
                scored.Add((entry, words, Blend(words, source.Topics, entry.Topics, companyWeight)));
            }
            scored.Sort((a, b) => b.Similarity.CompareTo(a.Similarity));
            // A headline and a sapo place an article among the topics by a dozen words; where its nearest articles lie
            // says more about its subject (pseudo-relevance feedback). Ranked again from there.
            if (TopicSpace.Towards(source.Topics, scored.Take(FeedbackNeighbours).Select(s => s.Entry.Topics), FeedbackWeight) is { } drawn)
            {
                for (var i = 0; i < scored.Count; i++) scored[i] = scored[i] with { Similarity = Blend(scored[i].Words, drawn, scored[i].Entry.Topics, companyWeight) };
                scored.Sort((a, b) => b.Similarity.CompareTo(a.Similarity));
            }
            return scored.Take(size).Select(s => new Neighbour(s.Entry.Article, s.Similarity)).ToList();
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>The words' cosine, the topics' (broad and all) and the company's (counting <paramref name="companyWeight"/>) as one similarity, 0..1.</summary>
    private static double Blend(double words, TopicPlace? source, TopicPlace? other, float companyWeight)
    {
        var (broad, fine, company) = TopicSpace.Similarity(source, other);
        // An article none of whose terms keeps known company (a word new to the site) is weighed by the rest alone.
        if (source?.Company is null || other?.Company is null) companyWeight = 0;
        return (words + BroadTopicWeight * broad + FineTopicWeight * fine + companyWeight * company) / (1 + BroadTopicWeight + FineTopicWeight + companyWeight);
    }

    /// <summary>
    /// Cosine similarity of the words of every two of the given articles (0 where one is unknown): how much the items of
    /// a list repeat each other.
    /// </summary>
    public double[,] Similarities(IReadOnlyList<string> articleIds)
    {
        var similarities = new double[articleIds.Count, articleIds.Count];
        _lock.EnterReadLock();
        try
        {
            var entries = articleIds.Select(id => _slotOf.TryGetValue(id, out var slot) ? _entries[slot] : null).ToList();
            for (var a = 0; a < entries.Count; a++)
            {
                if (entries[a] is not { } first) continue;
                var terms = first.TermIds();
                var query = QueryWeights(terms, first, out var norm);
                if (norm == 0) continue;
                for (var b = a + 1; b < entries.Count; b++)
                    if (entries[b] is { } second)
                        similarities[a, b] = similarities[b, a] = Dot(terms, query, second) / (norm * second.Norm);
            }
            return similarities;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>
    /// True when the topics should be learnt (again): the site has reached <see cref="MinArticlesForTopics"/>, or as
    /// many articles as a quarter of those they were learnt from have come, changed or gone since (a site's subjects
    /// move even when its size does not).
    /// </summary>
    public bool TopicsDue
    {
        get
        {
            _lock.EnterReadLock();
            try { return _slotOf.Count >= MinArticlesForTopics && (_topics is null || _changesSinceTopics * 4 > _topicsLearntFrom); }
            finally { _lock.ExitReadLock(); }
        }
    }

    /// <summary>How many times the topics have been learnt: similarities computed under one number compare with each other.</summary>
    public int TopicsLearnt => Volatile.Read(ref _topicsLearnt);

    /// <summary>
    /// How many times the weighing of similarities has changed: topics learnt, or every norm worked out again for a
    /// site grown or shrunk by a tenth. Similarities computed under one number compare with each other; under two they
    /// need not (on a site of five articles, one of two words' weight can halve from one article to the next).
    /// </summary>
    public int Weighting => Volatile.Read(ref _weighting);

    /// <summary>
    /// Learns the site's topics from every article in memory and places each article among them; false, changing
    /// nothing, when there are too few articles. The learning works on a copy, so lists are served and articles taken in
    /// meanwhile; only the placing of what came in meanwhile holds them up. Every similarity changes a little.
    /// </summary>
    public bool LearnTopics()
    {
        List<Entry> entries, sampled;
        List<TopicSpace.Article> articles;
        bool[] telling, notCommon;
        int freedBefore;
        _lock.EnterReadLock();
        try
        {
            freedBefore = _freedSinceTopics.Count;
            if (_slotOf.Count < MinArticlesForTopics) return false;
            entries = _entries.OfType<Entry>().ToList();
            sampled = Sample(entries).ToList();
            articles = sampled.Select(e =>
            {
                var terms = e.TermIds();
                return new TopicSpace.Article(e.Article.Id, terms, QueryWeights(terms, e, out _));
            }).ToList();
            var common = _slotOf.Count / 2;
            telling = _documentFrequency.Select(df => df >= TopicSpace.MinDocumentFrequency && df <= common).ToArray();
            notCommon = _documentFrequency.Select(df => df <= common).ToArray();
        }
        finally
        {
            _lock.ExitReadLock();
        }
        var (space, learnt) = TopicSpace.Learn(articles, term => telling[term], inCompany: term => notCommon[term], topicsFrom: _maxArticlesForTopics);
        // The sample is in the order of its hash: each of its places goes to its own entry.
        var places = new Dictionary<Entry, TopicPlace?>(entries.Count);
        for (var i = 0; i < sampled.Count; i++) places[sampled[i]] = learnt[i];
        if (sampled.Count < entries.Count)
        {
            // Placed under the read lock, which lists being computed share: only what came in meanwhile is placed
            // under the write lock, while they wait.
            var placed = new TopicPlace?[entries.Count];
            _lock.EnterReadLock();
            try { Parallel.For(0, entries.Count, i => placed[i] = places.ContainsKey(entries[i]) ? null : Place(space, entries[i])); }
            finally { _lock.ExitReadLock(); }
            for (var i = 0; i < entries.Count; i++) places.TryAdd(entries[i], placed[i]);
        }
        _lock.EnterWriteLock();
        try
        {
            _topics = space;
            foreach (var id in _freedSinceTopics.Take(freedBefore)) _freeTermIds.Push(id);
            _freedSinceTopics.RemoveRange(0, freedBefore);
            _topicsLearntFrom = entries.Count;
            _changesSinceTopics = 0;
            Interlocked.Increment(ref _topicsLearnt);
            Interlocked.Increment(ref _weighting);
            foreach (var entry in _entries)
                if (entry is not null) entry.Topics = places.TryGetValue(entry, out var place) ? place : Place(space, entry);
            return true;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>
    /// Every entry, or, on a larger site, at most <see cref="MaxArticlesForCompany"/> of them in the order of a hash of
    /// their ids (the same whatever their order), so that the first <see cref="MaxArticlesForTopics"/> are a sample too.
    /// </summary>
    private IEnumerable<Entry> Sample(List<Entry> entries) => entries.Count <= _maxArticlesForTopics
        ? entries
        : entries.OrderBy(e => StableHash.Of(e.Article.Id)).Take(_maxArticlesForCompany);

    private TopicPlace? Place(TopicSpace? space, Entry entry)
    {
        if (space is null) return null;
        var terms = entry.TermIds();
        return space.Place(terms, QueryWeights(terms, entry, out _));
    }

    /// <summary>The article's term weights, (1 + ln tf) · idf, in the order of its terms (<paramref name="terms"/>, unpacked).</summary>
    private float[] QueryWeights(int[] terms, Entry source, out double norm)
    {
        var weights = new float[terms.Length];
        var sum = 0.0;
        for (var i = 0; i < weights.Length; i++)
        {
            weights[i] = TfWeight[source.Counts[i]] * Idf(terms[i]);
            sum += weights[i] * weights[i];
        }
        norm = Math.Sqrt(sum);
        return weights;
    }

    /// <summary>Slots whose partial cosine over the article's heaviest terms is highest.</summary>
    private List<int> FindCandidates(int self, int[] terms, float[] query, Func<IndexedArticle, bool> keep)
    {
        // A term a tenth of all articles have finds no one in particular, and walking its postings is most of the cost
        // on a large site; the exact cosine still counts it. On a small site every term is walked.
        var common = Math.Max(_slotOf.Count / 10, 1000);
        var heaviest = Enumerable.Range(0, query.Length)
            .Where(i => query[i] > 0 && _documentFrequency[terms[i]] <= common)
            .OrderByDescending(i => query[i])
            .Take(QueryTerms);
        var scores = ArrayPool<float>.Shared.Rent(_entries.Count);
        try
        {
            Array.Clear(scores, 0, _entries.Count);
            foreach (var i in heaviest)
            {
                var term = terms[i];
                var weight = query[i] * Idf(term);
                if (_postings[term] is not { } postings) continue;
                for (var p = 0; p < postings.Count; p++) scores[postings.Slots[p]] += weight * TfWeight[postings.Counts[p]];
            }
            var best = new PriorityQueue<int, float>(Candidates + 1);
            for (var slot = 0; slot < _entries.Count; slot++)
            {
                if (slot == self || scores[slot] <= 0 || _entries[slot] is not { } entry) continue;
                var score = scores[slot] / entry.Norm;
                if (best.Count == Candidates && best.TryPeek(out _, out var lowest) && score <= lowest) continue;
                if (!keep(entry.Article)) continue;
                best.Enqueue(slot, score);
                if (best.Count > Candidates) best.Dequeue();
            }
            return best.UnorderedItems.Select(item => item.Element).ToList();
        }
        finally
        {
            ArrayPool<float>.Shared.Return(scores);
        }
    }

    /// <summary>Σ query weight · idf · the other's weight over shared terms: both term lists are sorted, so one merge.</summary>
    private float Dot(int[] terms, float[] query, Entry other)
    {
        var sum = 0f;
        var i = 0;
        var reader = new SortedIds.Reader(other.PackedTerms);
        for (var j = 0; i < terms.Length && reader.Next(out var term); j++)
        {
            while (i < terms.Length && terms[i] < term) i++;
            if (i < terms.Length && terms[i] == term) sum += query[i] * Idf(term) * TfWeight[other.Counts[j]];
        }
        return sum;
    }

    /// <summary>
    /// ln((N + 1) / df). A term one article alone has cannot make two articles alike, but it still says what the
    /// article is about: it weighs as a term of two articles would, rather than most of all, so a misspelt name or a
    /// long list of figures does not push an article away from its topic, and rather than nothing, so an article of
    /// unusual words does not seem like everything that shares its few common ones (on a small site most words are
    /// unusual).
    /// </summary>
    private float Idf(int term)
    {
        var df = _documentFrequency[term];
        return df == 0 ? 0 : MathF.Log((_slotOf.Count + 1f) / Math.Max(df, 2));
    }

    private float Norm(int[] terms, Entry entry)
    {
        var sum = 0.0;
        for (var i = 0; i < terms.Length; i++)
        {
            var weight = TfWeight[entry.Counts[i]] * Idf(terms[i]);
            sum += weight * weight;
        }
        // An article sharing no term with any other has no neighbours either; 1 keeps divisions finite.
        return sum == 0 ? 1 : (float)Math.Sqrt(sum);
    }

    /// <summary>
    /// The id of a term, a new one (or one freed) for a term not known. A freed id's postings may still hold emptied
    /// slots, which are skipped like any emptied slot and dropped at the next compaction: slots are never used twice.
    /// </summary>
    private int TermId(ulong term)
    {
        if (_termIds.TryGetValue(term, out var id)) return id;
        if (_freeTermIds.TryPop(out id)) _termOf[id] = term;
        else
        {
            id = _termOf.Count;
            _termOf.Add(term);
            _documentFrequency.Add(0);
            _postings.Add(null);
        }
        _termIds[term] = id;
        return id;
    }

    private void Empty(int slot)
    {
        var entry = _entries[slot]!;
        var terms = new SortedIds.Reader(entry.PackedTerms);
        while (terms.Next(out var term))
            if (--_documentFrequency[term] == 0)
            {
                // No article has it any more: a site whose articles change would otherwise hold every term it ever had.
                _termIds.Remove(_termOf[term]);
                _freedSinceTopics.Add(term);
            }
        _entries[slot] = null;
        _slotOf.Remove(entry.Article.Id);
        _emptySlots++;
    }

    /// <summary>
    /// Norms depend on every term's document frequency: they are worked out again whenever the number of articles has
    /// moved a tenth since; emptied slots are dropped from the postings once they are a third of all.
    /// </summary>
    private void Maintain()
    {
        if (_emptySlots > 1000 && _emptySlots * 3 > _entries.Count) Compact();
        var count = _slotOf.Count;
        if (Math.Abs(count - _normsComputedFor) * 10 > _normsComputedFor) RecomputeNorms();
    }

    private void RecomputeNorms()
    {
        foreach (var entry in _entries)
            if (entry is not null) entry.Norm = Norm(entry.TermIds(), entry);
        _normsComputedFor = _slotOf.Count;
        Interlocked.Increment(ref _weighting);
    }

    private void Compact()
    {
        var newSlot = new int[_entries.Count];
        var kept = new List<Entry?>(_slotOf.Count);
        for (var slot = 0; slot < _entries.Count; slot++)
        {
            newSlot[slot] = -1;
            if (_entries[slot] is not { } entry) continue;
            newSlot[slot] = kept.Count;
            _slotOf[entry.Article.Id] = kept.Count;
            kept.Add(entry);
        }
        for (var term = 0; term < _postings.Count; term++)
        {
            if (_postings[term] is not { } postings) continue;
            postings.Renumber(newSlot);
            if (postings.Count == 0) _postings[term] = null;
        }
        _entries.Clear();
        _entries.AddRange(kept);
        _emptySlots = 0;
    }

    public sealed record Neighbour(IndexedArticle Article, double Similarity);

    /// <summary>1 + ln tf for a term counted tf times (at most 255), looked up rather than held per term.</summary>
    private static readonly float[] TfWeight = [0, .. Enumerable.Range(1, byte.MaxValue).Select(tf => 1 + MathF.Log(tf))];

    /// <param name="packedTerms">Every term of the article, ascending, packed (<see cref="SortedIds"/>): three bytes a term with its count, not eight.</param>
    /// <param name="counts">How often each term occurs in it (at most 255), in the same order.</param>
    private sealed class Entry(IndexedArticle article, byte[] packedTerms, byte[] counts, string[] keywords)
    {
        public IndexedArticle Article { get; } = article;
        /// <summary>The article's heaviest keywords, for reasons (<see cref="SharedKeywords"/>).</summary>
        public string[] Keywords { get; } = keywords;
        public byte[] PackedTerms { get; } = packedTerms;
        public byte[] Counts { get; } = counts;
        public int[] TermIds() => SortedIds.Unpack(PackedTerms, Counts.Length);
        public float Norm { get; set; } = 1;
        /// <summary>Where the article lies among the site's topics; null before they are learnt.</summary>
        public TopicPlace? Topics { get; set; }
    }

    /// <summary>The slots keeping one term, and how often it occurs in each, in two arrays grown by half as needed.</summary>
    private sealed class Postings
    {
        public int[] Slots = new int[2];
        public byte[] Counts = new byte[2];
        public int Count;

        public void Add(int slot, byte count)
        {
            if (Count == Slots.Length)
            {
                Array.Resize(ref Slots, Count + Count / 2);
                Array.Resize(ref Counts, Count + Count / 2);
            }
            Slots[Count] = slot;
            Counts[Count++] = count;
        }

        public void Renumber(int[] newSlot)
        {
            var kept = 0;
            for (var p = 0; p < Count; p++)
            {
                if (newSlot[Slots[p]] < 0) continue;
                Slots[kept] = newSlot[Slots[p]];
                Counts[kept++] = Counts[p];
            }
            Count = kept;
            // After a site's articles are replaced, most postings are half empty: give the room back.
            if (kept * 2 < Slots.Length && Slots.Length > 4)
            {
                Array.Resize(ref Slots, Math.Max(kept + kept / 2, 2));
                Array.Resize(ref Counts, Slots.Length);
            }
        }
    }
}
