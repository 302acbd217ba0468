using System.Collections.Concurrent;
using ContentPipeline.Contracts;
using ContentPipeline.Search.Queries;
using ContentPipeline.Text;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Spans;
using Lucene.Net.Store;
using Lucene.Net.Util;
using Microsoft.Extensions.Logging;
using F = ContentPipeline.Search.LuceneEngine.LuceneFields;

namespace ContentPipeline.Search.LuceneEngine;

/// <summary>
/// The embedded search engine: one Lucene index in a folder. A write returns once it is searchable (near-real-time
/// reopen) and committed to disk; writers arriving together share one reopen and one commit, which is what makes
/// concurrent indexing fast.
/// </summary>
public sealed class LuceneArticleIndex : IArticleIndex, IDisposable
{
    private static readonly Sort NewestFirst = new(new SortField(F.Published, SortFieldType.INT64, true), new SortField(F.IdSort, SortFieldType.STRING));
    private static readonly Sort ByRelevance = new(SortField.FIELD_SCORE, new SortField(F.IdSort, SortFieldType.STRING));

    /// <summary>How much of the index searches read from memory; the rest from disk.</summary>
    private const long ReadCacheBytes = 2L << 30;

    private readonly Lucene.Net.Store.Directory _directory;
    private readonly IndexWriter _writer;
    private readonly SearcherManager _searchers;
    // Searchers that first pages were read from, kept a while so later pages read the same snapshot.
    private readonly SearcherLifetimeManager _snapshots = new();
    private static readonly TimeSpan SnapshotLifetime = TimeSpan.FromMinutes(5);
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly GroupFlush _flushes;
    private readonly ArticleCache _articles = new();
    private readonly SearchCache _cache = new(capacity: 2_000);

    // Versions written but perhaps not yet visible to searchers, so the version check never misses a recent write.
    private readonly ConcurrentDictionary<string, long> _unflushed = new(StringComparer.Ordinal);
    private readonly ILogger _logger;
    private readonly IndexPurpose _purpose;

    internal VietnameseAnalyzer Accented { get; } = new(fold: false);
    internal VietnameseAnalyzer Folded { get; } = new(fold: true);
    internal VietnameseAnalyzer FoldedPairs { get; } = new(fold: true, pairs: true);

    public LuceneArticleIndex(string path, ILogger<LuceneArticleIndex> logger, IndexPurpose purpose = IndexPurpose.Search)
    {
        _logger = logger;
        _purpose = purpose;
        System.IO.Directory.CreateDirectory(path);
        // Not FSDirectory.Open's choice, MMapDirectory: on Lucene.NET 4.8 its reads and clones are slow (see InMemoryReads).
        _directory = new InMemoryReads(new SimpleFSDirectory(path), ReadCacheBytes);
        var analyzer = new PerFieldAnalyzerWrapper(Accented,
            new Dictionary<string, Lucene.Net.Analysis.Analyzer>
            {
                [F.TitleFolded] = Folded, [F.TextFolded] = Folded, [F.Acronyms] = Folded, [F.Pairs] = FoldedPairs,
            });
        var config = new IndexWriterConfig(LuceneVersion.LUCENE_48, analyzer) { OpenMode = OpenMode.CREATE_OR_APPEND };
        // A search looks up each of its terms in every segment, and on Lucene.NET those lookups cost most of a search:
        // fewer, larger segments cost more merging to make them and made searches about twice as fast in a throw-away
        // probe (docs/benchmarks.md, issue 18). Lookup indexes keep Lucene's default.
        if (purpose == IndexPurpose.Search)
            config.MergePolicy = new TieredMergePolicy { SegmentsPerTier = 4, MaxMergeAtOnce = 4, FloorSegmentMB = 8 };
        _writer = new IndexWriter(_directory, config);
        _searchers = new SearcherManager(_writer, applyAllDeletes: true, searcherFactory: null);
        _flushes = new GroupFlush(() =>
        {
            var written = _unflushed.ToArray();
            _searchers.MaybeRefreshBlocking();
            _writer.Commit();
            // Forget what the reopened searcher now shows, unless a newer write came in meanwhile.
            foreach (var entry in written) _unflushed.TryRemove(entry);
        });
        _logger.LogInformation("Lucene index at {IndexPath} holds {DocumentCount} documents", path, _writer.NumDocs);
        CheckLayout(path);
    }

    /// <summary>
    /// Marks which field layout wrote the index, and says so loudly when an existing index has another: its articles
    /// would quietly stop matching searches.
    /// </summary>
    private void CheckLayout(string path)
    {
        var found = _writer.CommitData.TryGetValue(F.LayoutKey, out var layout) ? layout : "1";
        if (_writer.NumDocs > 0 && found != F.Layout)
        {
            _logger.LogError("The Lucene index at {IndexPath} has field layout {FoundLayout}; this version searches layout {Layout}. " +
                "Its articles will not be found until it is rebuilt: stop the service, delete the folder and send the articles again",
                path, found, F.Layout);
            return;
        }
        _writer.SetCommitData(new Dictionary<string, string> { [F.LayoutKey] = F.Layout });
    }

    public Task<WriteOutcome> UpsertAsync(string articleId, long version, EnrichedArticle article, CancellationToken ct) =>
        WriteAsync(articleId, version, () => F.Article(articleId, version, article, _purpose), ct);

    public Task<WriteOutcome> WithdrawAsync(string articleId, long version, CancellationToken ct) =>
        WriteAsync(articleId, version, () => F.Tombstone(articleId, version), ct);

    private async Task<WriteOutcome> WriteAsync(string articleId, long version, Func<Lucene.Net.Documents.Document> build, CancellationToken ct)
    {
        WriteOutcome outcome;
        await _writeLock.WaitAsync(ct);
        try
        {
            var stored = _unflushed.TryGetValue(articleId, out var recent) ? recent : StoredVersion(articleId);
            outcome = stored == version ? WriteOutcome.AlreadyApplied : stored > version ? WriteOutcome.Stale : WriteOutcome.Applied;
            if (outcome == WriteOutcome.Applied)
            {
                _writer.UpdateDocument(new Term(F.Id, articleId), build());
                _unflushed[articleId] = version;
            }
        }
        finally
        {
            _writeLock.Release();
        }
        // Also for a redelivery: the first delivery's write may not be flushed yet.
        await _flushes.FlushAsync();
        return outcome;
    }

    private long StoredVersion(string articleId) => WithSearcher(searcher =>
    {
        var top = searcher.Search(new TermQuery(new Term(F.Id, articleId)), 1);
        if (top.TotalHits == 0) return 0;
        var docId = top.ScoreDocs[0].Doc;
        var leaves = searcher.IndexReader.Leaves;
        var leaf = leaves[ReaderUtil.SubIndex(docId, leaves)];
        // Versions start at 1: 0 is a document written before versions were doc values.
        var version = leaf.AtomicReader.GetNumericDocValues(F.Version)?.Get(docId - leaf.DocBase) ?? 0;
        return version > 0 ? version : searcher.Doc(docId).GetField(F.Version).GetInt64Value() ?? 0;
    });

    public Task<IndexedArticle?> GetAsync(string articleId, CancellationToken ct) => Task.FromResult(WithSearcher(searcher =>
    {
        var docId = FindArticle(searcher, articleId);
        return docId < 0 ? null : _articles.Get(searcher, docId);
    }));

    public Task<SearchResults> SearchAsync(SearchQuery query, CancellationToken ct)
    {
        RefuseWordsUnlessSearchable();
        var cursor = PageCursor.Decode(query.Cursor);
        var pinned = cursor?.Snapshot is { } snapshot && long.TryParse(snapshot, out var version) ? _snapshots.Acquire(version) : null;
        if (pinned is not null)
        {
            try { return Task.FromResult(Search(pinned, query, cursor)); }
            finally { _snapshots.Release(pinned); }
        }
        return Task.FromResult(WithSearcher(searcher =>
            _cache.GetOrSearch(((DirectoryReader)searcher.IndexReader).Version, query, () => Search(searcher, query, cursor))));
    }

    /// <summary>How many searches were answered from the cache of first pages.</summary>
    internal long CachedAnswers => _cache.Hits;

    private SearchResults Search(IndexSearcher searcher, SearchQuery query, PageCursor? cursor)
    {
        var plan = QueryPlan.Read(query.Text);
        if (plan.FindsNothing) return SearchResults.None;
        var text = BuildTextQuery(plan, typos: false);
        var sort = query.Sort == SearchSort.Newest || text is null ? NewestFirst : ByRelevance;

        var after = AfterCursor(cursor, sort);
        var found = Find(searcher, query, after, sort, text);
        // Less than a page: words with one letter wrong follow (SearchRelaxation).
        var typos = sort == ByRelevance && SearchRelaxation.TyposWorthTrying(plan, found.Total, query.Size);
        if (typos) found = Find(searcher, query, after, sort, BuildTextQuery(plan, typos: true));

        var highlighter = new LuceneHighlighter(Folded, plan.HighlightForms(typos));
        var items = found.Page.Select(hit =>
        {
            var article = _articles.Get(searcher, hit.Doc);
            return new SearchHit(article, float.IsNaN(hit.Score) ? 0 : hit.Score, highlighter.Highlight(article));
        }).ToList();
        var next = items.Count == query.Size ? CursorOf(found.Page[^1], sort, cursor?.Snapshot ?? Pin(searcher)) : null;
        return new SearchResults(found.Total, items, found.Categories, next);
    }

    private sealed record Found(long Total, IReadOnlyList<FieldDoc> Page, IReadOnlyDictionary<string, long> Categories);

    /// <summary>The page after <paramref name="after"/>, ranked by relevance through a <see cref="FullMatchWindow"/>.</summary>
    private static Found Find(IndexSearcher searcher, SearchQuery query, FieldDoc? after, Sort sort, TextQuery? text)
    {
        var matches = Filtered(text?.Rest, category: null, query.From, query.To);
        if (sort != ByRelevance || text?.FullMatch is null)
        {
            var (top, categories) = Collect(searcher, matches, query.Category, sort, query.Size, after);
            return new Found(top.TotalHits, top.GetTopDocs().ScoreDocs.Cast<FieldDoc>().ToList(), categories.Counts());
        }

        var windowSize = Math.Max(FullMatchWindow.Size, query.Size);
        var (first, counts) = Collect(searcher, matches, query.Category, sort, windowSize, after: null);
        var window = first.GetTopDocs().ScoreDocs;
        var page = FullMatchWindow.Rank(searcher, window, text.FullMatch)
            .Where(hit => after is null || FullMatchWindow.IsAfter(hit, after)).Take(query.Size).ToList();
        if (page.Count < query.Size && window.Length == windowSize)
        {
            // Past the window the rest of the query's order holds, from the cursor if it points there.
            var last = (FieldDoc)window[^1];
            var from = after is not null && FullMatchWindow.IsAfter(after, last) ? after : last;
            var (rest, _) = Collect(searcher, matches, query.Category, sort, query.Size - page.Count, from);
            page.AddRange(rest.GetTopDocs().ScoreDocs.Cast<FieldDoc>());
        }
        return new Found(first.TotalHits, page, counts.Counts());
    }

    private static (TopFieldCollector Top, CategoryCounter Categories) Collect(IndexSearcher searcher, Query matches, string? category, Sort sort, int size, FieldDoc? after)
    {
        var top = TopFieldCollector.Create(sort, size, after, fillFields: true, trackDocScores: true, trackMaxScore: false, docsScoredInOrder: false);
        var categories = new CategoryCounter(top, category);
        searcher.Search(matches, categories);
        return (top, categories);
    }

    /// <summary>Keeps the searcher a first page was read from, and names it for the cursor.</summary>
    private string Pin(IndexSearcher searcher)
    {
        _snapshots.Prune(new SearcherLifetimeManager.PruneByAge(SnapshotLifetime.TotalSeconds));
        return _snapshots.Record(searcher).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    public Task<IReadOnlyList<Suggestion>> SuggestAsync(string prefix, int size, CancellationToken ct) => Task.FromResult(WithSearcher(searcher =>
    {
        RefuseWordsUnlessSearchable();
        var terms = Folded.Terms(F.TitleFolded, VietnameseText.Normalize(prefix));
        if (terms.Count == 0) return (IReadOnlyList<Suggestion>)[];
        var found = Suggest(searcher, prefix, terms, size, typos: null);
        // Too few: a word may have a letter wrong, as in a search.
        return SearchRelaxation.SuggestTyposWorthTrying(terms, found.Count, size) is { } typos ? Suggest(searcher, prefix, terms, size, typos) : found;
    }));

    private List<Suggestion> Suggest(IndexSearcher searcher, string prefix, IReadOnlyList<string> terms, int size, SuggestTypos? typos)
    {
        var query = new BooleanQuery();
        var typedWhole = terms.Take(terms.Count - 1).ToList();
        foreach (var word in typedWhole)
        {
            var exact = new TermQuery(new Term(F.TitleFolded, word));
            query.Add(typos is { InWordTypedWhole: true } && SearchRelaxation.MayBeMistyped(word)
                ? OneOf([exact, new FuzzyQuery(new Term(F.TitleFolded, word), maxEdits: 1, prefixLength: 1) { Boost = SearchRelaxation.TypoWeight }])
                : exact, Occur.MUST);
        }
        // The last word may still be half typed.
        var last = new Term(F.TitleFolded, terms[^1]);
        var lastAsTyped = new BooleanQuery { { new TermQuery(last) { Boost = 2 }, Occur.SHOULD }, { new PrefixQuery(last), Occur.SHOULD } };
        foreach (var form in QueryPlan.OtherForms(terms[^1])) lastAsTyped.Add(Form(form, (F.TitleFolded, 2f)), Occur.SHOULD);
        var lastWord = lastAsTyped;
        if (typos is { InWordBeingTyped: true })
            lastWord = new BooleanQuery
            {
                { lastAsTyped, Occur.SHOULD },
                { new RegexpQuery(new Term(F.TitleFolded, SearchRelaxation.PrefixWithOneLetterWrong(terms[^1]))) { Boost = SearchRelaxation.TypoWeight }, Occur.SHOULD },
            };
        query.Add(lastWord, Occur.MUST);
        // One word with a letter wrong, not several.
        if (typos is not null && terms.Count > 1)
        {
            var asTyped = new BooleanQuery { MinimumNumberShouldMatch = terms.Count - 1 };
            foreach (var word in typedWhole) asTyped.Add(new TermQuery(new Term(F.TitleFolded, word)), Occur.SHOULD);
            asTyped.Add(lastAsTyped, Occur.SHOULD);
            AddFilter(query, asTyped);
        }
        // Syllables typed with accents lift the titles holding exactly those ("giá v": "giá vàng" before "Gia Lai").
        foreach (var term in QueryPlan.AccentedBeforeLastWord(prefix))
            query.Add(ExactAccent(term, F.Title), Occur.SHOULD);
        var matches = Filtered(query, null, null, null);
        if (terms.Count == 1)
            return searcher.Search(matches, null, size, ByRelevance).ScoreDocs.Select(hit => Suggested(searcher, hit)).ToList();
        // Titles holding the words as typed together, the last still being typed, come first. Asked of the first
        // matches' titles as they read, not of the index: a prefix expanded into the words it begins, in every segment,
        // cost four times the rest of a suggestion (docs/benchmarks.md).
        var window = searcher.Search(matches, null, Math.Max(size, TitlesTogether.Window), ByRelevance).ScoreDocs.Select(hit => Suggested(searcher, hit));
        return TitlesTogether.First(window, terms, typos, size);
    }

    private Suggestion Suggested(IndexSearcher searcher, ScoreDoc hit)
    {
        var article = _articles.Get(searcher, hit.Doc);
        return new Suggestion(article.Id, article.Title);
    }

    public async IAsyncEnumerable<StoredArticle> ReadAllAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        await Task.Yield();
        var searcher = _searchers.Acquire();
        try
        {
            var articles = searcher.Search(new TermQuery(new Term(F.Kind, F.ArticleKind)), Math.Max(1, searcher.IndexReader.MaxDoc));
            foreach (var hit in articles.ScoreDocs)
            {
                ct.ThrowIfCancellationRequested();
                var doc = searcher.Doc(hit.Doc);
                yield return new StoredArticle(F.ToArticle(doc), F.ToWords(doc));
            }
        }
        finally
        {
            _searchers.Release(searcher);
        }
    }

    public Task<FeedPage> NewestAsync(string? category, string? cursor, int size, IReadOnlySet<string> exclude, CancellationToken ct) =>
        Task.FromResult(WithSearcher(searcher =>
        {
            var query = (BooleanQuery)Filtered(null, category, null, null);
            foreach (var id in exclude) query.Add(new TermQuery(new Term(F.Id, id)), Occur.MUST_NOT);
            var top = searcher.SearchAfter(AfterCursor(PageCursor.Decode(cursor), NewestFirst), query, null, size, NewestFirst);
            var items = top.ScoreDocs.Select(hit => _articles.Get(searcher, hit.Doc)).ToList();
            var next = items.Count == size ? CursorOf((FieldDoc)top.ScoreDocs[^1], NewestFirst, snapshot: null) : null;
            return new FeedPage(items, next);
        }));

    public Task<bool> PingAsync(CancellationToken ct) => Task.FromResult(!_writer.IsClosed);

    /// <summary>
    /// Every query word must match (all but one from four words on: <see cref="SearchRelaxation"/>), folded, somewhere
    /// in the article, in any of its forms (<see cref="QueryPlan"/>: an acronym's expansion is one), so "ha
    /// noi" never matches "cha nói" alone and "HĐND" finds "Hội đồng nhân dân". An article holding every word as typed,
    /// near one another, ranks above the rest, outside the coordination of the rest (asked of the first matches only:
    /// <see cref="FullMatchWindow"/>). Each syllable typed with accents and found with exactly those in the title or
    /// lead lifts an article above those holding fewer
    /// (<see cref="SearchRelaxation.ExactAccentBoost"/>); scores then favour words in the title and the query's words
    /// standing together (title phrase, adjacent pairs anywhere). With <paramref name="typos"/> (up to three words), one
    /// long word may have one letter wrong.
    /// </summary>
    private static TextQuery? BuildTextQuery(QueryPlan plan, bool typos)
    {
        if (plan.IsEmpty) return null;

        var query = new BooleanQuery();
        var count = plan.Words.Count;
        var missingOne = SearchRelaxation.MissingOneAllowed(count);
        var words = missingOne ? new BooleanQuery { MinimumNumberShouldMatch = SearchRelaxation.WordsRequired(count) } : query;
        foreach (var word in plan.Words)
        {
            words.Add(Word(word, typos), missingOne ? Occur.SHOULD : Occur.MUST);
            query.Add(OneOf(word.FormsWhen(typos).Select(form => Form(form, (F.TitleFolded, 2f)))), Occur.SHOULD);
        }
        if (missingOne) query.Add(words, Occur.MUST);
        // One word with a letter wrong, not several: every other word as typed.
        if (typos && count > 1)
        {
            var asTyped = new BooleanQuery { MinimumNumberShouldMatch = count - 1 };
            foreach (var word in plan.Words) asTyped.Add(Word(word, typos: false), Occur.SHOULD);
            AddFilter(query, asTyped);
        }
        foreach (var syllables in plan.Readings.Where(r => r.Count > 1))
        {
            query.Add(Phrase(F.TitleFolded, syllables, 4f), Occur.SHOULD);
            for (var i = 1; i < syllables.Count; i++)
                query.Add(new TermQuery(new Term(F.Pairs, $"{syllables[i - 1]} {syllables[i]}")) { Boost = 1.5f }, Occur.SHOULD);
        }
        foreach (var term in plan.AccentedSyllables)
            query.Add(ExactAccent(term, F.Title, F.Lead), Occur.SHOULD);
        return new TextQuery(query, count < 2 && !typos ? null : FullMatch(plan));
    }

    /// <summary>What every match is ranked by, and what lifts the full matches among the first (<see cref="FullMatchWindow"/>).</summary>
    private sealed record TextQuery(Query Rest, Query? FullMatch);

    /// <summary>Every word as typed, near one another in the text when there are several.</summary>
    private static Query FullMatch(QueryPlan plan)
    {
        if (plan.Words.Count > 1)
        {
            var near = plan.Words.Select(word => word.Forms.Select(form => form.Count == 1
                    ? (SpanQuery)new SpanTermQuery(new Term(F.TextFolded, form[0]))
                    : new SpanNearQuery(form.Select(s => (SpanQuery)new SpanTermQuery(new Term(F.TextFolded, s))).ToArray(), 0, true)).ToArray())
                .Select(forms => forms.Length == 1 ? forms[0] : new SpanOrQuery(forms)).ToArray();
            return new SpanNearQuery(near, SearchRelaxation.NearSlop(plan.Words.Count), false);
        }
        var every = new BooleanQuery();
        foreach (var word in plan.Words) every.Add(Word(word, typos: false), Occur.MUST);
        return every;
    }

    /// <summary>
    /// A query word in any of its forms anywhere in the text; an acronym's expansion is one of its forms (the name
    /// spellings), so the article's own acronyms field is not asked, which cost a lookup per word in every segment. With
    /// <paramref name="typos"/>, a word also as the syllables it may join or spell in Telex
    /// (<see cref="QueryWord.WhenLittleFound"/>) and a long word with one letter changed, weighing less (folded: a tone is never a typo).
    /// </summary>
    private static Query Word(QueryWord word, bool typos)
    {
        var forms = word.FormsWhen(typos).Select(form => Form(form, (F.TextFolded, 1f))).ToList();
        if (typos && word.MaybeMistyped is { } typed)
            forms.Add(new FuzzyQuery(new Term(F.TextFolded, typed), maxEdits: 1, prefixLength: 1) { Boost = SearchRelaxation.TypoWeight });
        return OneOf(forms);
    }

    /// <summary>One form of a word: a syllable, or syllables standing together in this order, in the best of the fields.</summary>
    private static Query Form(IReadOnlyList<string> syllables, params (string Field, float Boost)[] fields) =>
        syllables.Count == 1 ? AnyField(syllables[0], fields) : OneOf(fields.Select(f => (Query)Phrase(f.Field, syllables, f.Boost)));

    private static Query OneOf(IEnumerable<Query> alternatives)
    {
        var list = alternatives.ToList();
        if (list.Count == 1) return list[0];
        var max = new DisjunctionMaxQuery(0.1f);
        foreach (var alternative in list) max.Add(alternative);
        return max;
    }

    /// <summary>What a syllable typed with accents adds to an article holding it with exactly those in one of the fields.</summary>
    private static Query ExactAccent(string term, params string[] fields) =>
        new ConstantScoreQuery(AnyField(term, [.. fields.Select(field => (field, 1f))])) { Boost = SearchRelaxation.ExactAccentBoost };

    private static Query AnyField(string term, params (string Field, float Boost)[] fields)
    {
        if (fields.Length == 1) return new TermQuery(new Term(fields[0].Field, term)) { Boost = fields[0].Boost };
        var max = new DisjunctionMaxQuery(0.1f);
        foreach (var (field, boost) in fields) max.Add(new TermQuery(new Term(field, term)) { Boost = boost });
        return max;
    }

    private static PhraseQuery Phrase(string field, IEnumerable<string> terms, float boost)
    {
        var phrase = new PhraseQuery { Boost = boost };
        foreach (var term in terms) phrase.Add(new Term(field, term));
        return phrase;
    }

    private static Query Filtered(Query? text, string? category, DateTimeOffset? from, DateTimeOffset? to)
    {
        var query = new BooleanQuery { { text ?? new MatchAllDocsQuery(), Occur.MUST } };
        // Filters must not change scores: wrap them as constant-score with no weight.
        AddFilter(query, new TermQuery(new Term(F.Kind, F.ArticleKind)));
        if (category is not null) AddFilter(query, new TermQuery(new Term(F.Category, category)));
        if (from is not null || to is not null)
            AddFilter(query, NumericRangeQuery.NewInt64Range(F.Published, from?.ToUnixTimeMilliseconds(), to?.ToUnixTimeMilliseconds(), true, true));
        return query;
    }

    private static void AddFilter(BooleanQuery query, Query filter) =>
        query.Add(new ConstantScoreQuery(filter) { Boost = 0 }, Occur.MUST);

    private static int FindArticle(IndexSearcher searcher, string articleId)
    {
        var query = new BooleanQuery { { new TermQuery(new Term(F.Id, articleId)), Occur.MUST }, { new TermQuery(new Term(F.Kind, F.ArticleKind)), Occur.MUST } };
        var top = searcher.Search(query, 1);
        return top.TotalHits == 0 ? -1 : top.ScoreDocs[0].Doc;
    }

    private static FieldDoc? AfterCursor(PageCursor? cursor, Sort sort)
    {
        if (cursor is null) return null;
        var id = new BytesRef(cursor.Id);
        // The doc number only breaks ties between equal sort values, and the id already does that.
        return sort == ByRelevance
            ? new FieldDoc(int.MaxValue, (float)cursor.ScoreAfter(), [J2N.Numerics.Single.GetInstance((float)cursor.ScoreAfter()), id])
            : new FieldDoc(int.MaxValue, float.NaN, [J2N.Numerics.Int64.GetInstance(cursor.PublishedAfter()), id]);
    }

    private static string CursorOf(FieldDoc last, Sort sort, string? snapshot)
    {
        var id = ((BytesRef)last.Fields[1]).Utf8ToString();
        return sort == ByRelevance
            ? new PageCursor(Convert.ToDouble(last.Fields[0]), null, id, snapshot).Encode()
            : new PageCursor(null, Convert.ToInt64(last.Fields[0]), id, snapshot).Encode();
    }

    /// <summary>A lookup index holds no analysed text: a search of it would find nothing, and quietly.</summary>
    private void RefuseWordsUnlessSearchable()
    {
        if (_purpose != IndexPurpose.Search)
            throw new InvalidOperationException("This index is for lookups (IndexPurpose.Lookup): its text is not analysed, so it cannot be searched by words.");
    }

    private T WithSearcher<T>(Func<IndexSearcher, T> read)
    {
        var searcher = _searchers.Acquire();
        try { return read(searcher); }
        finally { _searchers.Release(searcher); }
    }

    public void Dispose()
    {
        _snapshots.Dispose();
        _searchers.Dispose();
        _writer.Commit();
        _writer.Dispose();
        _directory.Dispose();
    }

    /// <summary>
    /// Writers wait for a flush (reopen and commit) that starts after their write; writers arriving while one is
    /// pending share it. One flush runs at a time. While writers come together (the last flush was shared), a flush
    /// starts at most every <see cref="Pace"/>, so each takes everything written since the last; a lone writer is
    /// flushed at once.
    /// </summary>
    /// <remarks>
    /// Without the pace a busy index flushed whenever the previous flush ended, a few documents each: every flush
    /// fsyncs its files and leaves a small segment to merge (measured with IndexPurpose.Lookup in docs/benchmarks.md,
    /// issue 16).
    /// </remarks>
    private sealed class GroupFlush(Action flush)
    {
        public static readonly TimeSpan Pace = TimeSpan.FromMilliseconds(100);

        private readonly System.Threading.Lock _gate = new();
        private readonly SemaphoreSlim _running = new(1, 1);
        private Task? _pending;
        private int _joined, _lastShared;
        private long _lastStarted;

        public Task FlushAsync()
        {
            lock (_gate)
            {
                _joined++;
                return _pending ??= Task.Run(async () =>
                {
                    await _running.WaitAsync();
                    try
                    {
                        var wait = Pace - System.Diagnostics.Stopwatch.GetElapsedTime(_lastStarted);
                        if (_lastShared > 1 && wait > TimeSpan.Zero) await Task.Delay(wait);
                        // Taken off only once this flush can start: later writers join the next one.
                        lock (_gate)
                        {
                            _pending = null;
                            _lastShared = _joined;
                            _joined = 0;
                        }
                        _lastStarted = System.Diagnostics.Stopwatch.GetTimestamp();
                        flush();
                    }
                    finally
                    {
                        _running.Release();
                    }
                });
            }
        }
    }
}
