using System.Collections.Concurrent;
using System.Threading.Channels;
using ContentPipeline.Recommendation.Consumers;
using ContentPipeline.Search;

namespace ContentPipeline.Recommendation.Related;

/// <summary>
/// Every article's related list, kept up to date by events so that serving one is a lookup. An indexed article gets
/// its list, and takes its place in the kept lists of the articles it is most related to (similarity is nearly
/// symmetric, so its own list says where); the lists that held an older version of it are computed again; a withdrawn
/// article leaves every list that held it at once. A list nobody has asked for since a restart is computed on first
/// request. Lists hold more than a page (sixty candidates, one a story), so what a caller excludes can be
/// left out and the page still filled (<see cref="RelatedArticles.Page"/>).
/// </summary>
/// <remarks>
/// Computing a list costs milliseconds. That work waits in a queue for <see cref="RelatedListWorker"/>, one list at a
/// time, so a bulk import is not held up by it and an article queued twice is computed once; when the queue is empty
/// a new article is in its neighbours' lists within a fraction of a second (bench/Recommendation.Bench -- freshness).
/// </remarks>
public sealed class RelatedLists(RelatedArticles related, ArticleNeighbours neighbours, ILogger<RelatedLists> logger)
{
    /// <summary>Candidates kept per article: a page of the largest size asked for, with room for exclusions and stories.</summary>
    public const int Depth = 60;

    private readonly ConcurrentDictionary<string, KeptList> _lists = new(StringComparer.Ordinal);
    /// <summary>
    /// For each article, the lists it stands in: what a withdrawal must clean. Each set is locked while used: a
    /// concurrent dictionary per article cost some 40 bytes more per entry, and there are sixty entries an article.
    /// </summary>
    private readonly ConcurrentDictionary<string, HashSet<string>> _listedIn = new(StringComparer.Ordinal);
    /// <summary>Articles waiting for their list, and whether they then join their neighbours' lists (a new article does).</summary>
    private readonly ConcurrentDictionary<string, bool> _pending = new(StringComparer.Ordinal);
    private readonly Channel<string> _queue = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private Task _learning = Task.CompletedTask;

    /// <summary>
    /// The article's list, or null when the article is not (or no longer) known. Items are made as they are read: a
    /// page takes the first few of the sixty kept.
    /// </summary>
    public async Task<IEnumerable<RecommendedItem>?> GetAsync(string articleId, CancellationToken ct)
    {
        if (_lists.TryGetValue(articleId, out var kept) && kept.Weighting == neighbours.Weighting) return Shown(articleId, kept.Items);
        // Until every article is back in memory after a start, a list misses some of its neighbours: it is served,
        // not kept; an article not read back yet is waited for.
        if (!neighbours.Loaded.IsCompleted)
        {
            if (related.Ranked(articleId, Depth) is { } rough) return rough;
            await neighbours.Loaded.WaitAsync(ct);
        }
        return Shown(articleId, Compute(articleId).List);
    }

    /// <summary>The kept list as readers are shown it: each item with its title and why it is there.</summary>
    private IEnumerable<RecommendedItem>? Shown(string articleId, RelatedCandidate[]? list) =>
        list is not null && neighbours.Get(articleId) is { } reading ? list.Select(c => related.Item(reading, c)) : null;

    /// <summary>
    /// A new article or a new version: queues its own list, from which it joins its neighbours' lists, and the lists
    /// that held an older version.
    /// </summary>
    public void Indexed(StoredArticle stored)
    {
        var articleId = stored.Article.Id;
        // Known at a newer version, or withdrawn since: nothing changes. The same version again (a redelivery) still
        // queues its lists: the first delivery may have stopped before.
        if (!neighbours.Put(stored) && neighbours.Get(articleId)?.Version != stored.Article.Version) return;
        Enqueue(articleId, joinNeighbours: true);
        // An older version stood in these lists for what it said then.
        foreach (var holder in Holders(articleId)) Enqueue(holder, joinNeighbours: false);
    }

    /// <summary>
    /// The article leaves its own list and every list it stood in at once; those lists are queued to fill up again. A
    /// withdrawal of an older version than the one known changes nothing.
    /// </summary>
    public void Withdrawn(string articleId, long version)
    {
        if (!neighbours.Remove(articleId, version)) return;
        Store(articleId, null, neighbours.Weighting);
        var holders = Holders(articleId);
        _listedIn.TryRemove(articleId, out _);
        foreach (var holder in holders)
        {
            if (!_lists.TryGetValue(holder, out var kept)) continue;
            Store(holder, kept.Items.Where(i => i.Article.Id != articleId).ToArray(), kept.Weighting);
            Enqueue(holder, joinNeighbours: false);
        }
    }

    /// <summary>Computes queued lists, one at a time, until <paramref name="ct"/> ends.</summary>
    public async Task RunQueueAsync(CancellationToken ct)
    {
        await foreach (var articleId in _queue.Reader.ReadAllAsync(ct))
        {
            if (!_pending.TryRemove(articleId, out var joinNeighbours)) continue;
            try
            {
                Recompute(articleId, joinNeighbours);
                // Beside the queue, not in it: on a large site learning takes seconds, and new articles keep coming.
                if (_learning.IsCompleted && neighbours.TopicsDue) _learning = Task.Run(LearnTopics, ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The list stays as it was; the next event about the article, or a restart, computes it again.
                logger.LogError(ex, "Related list of {ArticleId} could not be computed", articleId);
            }
        }
    }

    /// <summary>
    /// Learns the site's topics again as it grows. Every similarity moves a little, so each kept list is computed again
    /// when next asked for (it remembers under which weighting it was computed).
    /// </summary>
    private void LearnTopics()
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            if (neighbours.LearnTopics())
                logger.LogInformation("Related: topics learnt from {ArticleCount} articles in {Elapsed}", neighbours.Count, System.Diagnostics.Stopwatch.GetElapsedTime(started));
        }
        catch (Exception ex)
        {
            // The topics learnt before stay; the next article tries again.
            logger.LogError(ex, "Related: learning the topics failed");
        }
    }

    /// <summary>
    /// Computes the article's list; when <paramref name="joinNeighbours"/>, also puts the article into the kept list of
    /// every article in its own list that would rank it among its <see cref="Depth"/>.
    /// </summary>
    public void Recompute(string articleId, bool joinNeighbours)
    {
        var (list, weighting) = Compute(articleId);
        if (!joinNeighbours || list is null || neighbours.Get(articleId) is not { } article) return;
        foreach (var neighbour in list)
        {
            // A list computed under another weighting is computed again when asked for; scores from two would not
            // compare (an article could stand above one far more like it, its score from when words weighed more).
            if (!_lists.TryGetValue(neighbour.Article.Id, out var theirs) || theirs.Weighting != weighting) continue;
            if (related.CandidateFor(neighbour.Article.Id, article, neighbour.Score) is { } item && Inserted(theirs.Items, item) is { } joined)
                Store(neighbour.Article.Id, joined, weighting);
        }
    }

    /// <summary>The list with the item in its place by score (instead of any older item for the same article), or null when it ranks below a full list.</summary>
    private static RelatedCandidate[]? Inserted(RelatedCandidate[] list, RelatedCandidate item)
    {
        var joined = list.Where(i => i.Article.Id != item.Article.Id).ToList();
        var at = joined.FindIndex(i => i.Score < item.Score);
        if (at < 0 && joined.Count >= Depth) return null;
        joined.Insert(at < 0 ? joined.Count : at, item);
        // Still at most RelatedArticles.PerStory of one story: the weakest of the item's story gives way.
        var perStory = 0;
        joined.RemoveAll(i => i.Article.StoryId == item.Article.StoryId && ++perStory > RelatedArticles.PerStory);
        return joined.Contains(item) ? [.. joined.Take(Depth)] : null;
    }

    /// <summary>How many kept lists hold the article.</summary>
    public int ListsHolding(string articleId) => Holders(articleId).Length;

    /// <summary>The articles whose kept lists hold <paramref name="articleId"/>, as they are now.</summary>
    private string[] Holders(string articleId)
    {
        if (!_listedIn.TryGetValue(articleId, out var holders)) return [];
        lock (holders) return [.. holders];
    }

    /// <summary>True when no list waits to be computed.</summary>
    public bool Idle => _pending.IsEmpty;

    private void Enqueue(string articleId, bool joinNeighbours)
    {
        // Queued once however often asked, and a new article's wish to join its neighbours' lists outlives a plain
        // refresh. Should two threads both add it, the queue holds it twice and the worker skips the second.
        var added = false;
        _pending.AddOrUpdate(articleId, _ => { added = true; return joinNeighbours; }, (_, old) => old || joinNeighbours);
        if (added) _queue.Writer.TryWrite(articleId);
    }

    /// <summary>Computes and keeps the article's list; also says under which weighting.</summary>
    private (RelatedCandidate[]? List, int Weighting) Compute(string articleId)
    {
        // Read before ranking: should the weighting change meanwhile, the list counts as computed under the older one.
        var weighting = neighbours.Weighting;
        // The articles whose lists hold this one are weighed whether this article's terms find them or not: one that
        // came while the topics were being learnt joined no list (scores under two learnings do not compare), and
        // only this computation can put it here.
        var list = related.Candidates(articleId, Depth, Holders(articleId));
        Store(articleId, list, weighting);
        return (list, weighting);
    }

    private void Store(string articleId, RelatedCandidate[]? list, int weighting)
    {
        // A list computed just before a withdrawal may be stored just after it: what is no longer known stays out.
        if (list is not null && list.Any(i => neighbours.Get(i.Article.Id) is null)) list = list.Where(i => neighbours.Get(i.Article.Id) is not null).ToArray();
        var before = _lists.TryGetValue(articleId, out var old) ? old.Items : [];
        if (list is null) _lists.TryRemove(articleId, out _);
        else _lists[articleId] = new KeptList(list, weighting);
        foreach (var gone in before.Where(i => list is null || list.All(n => n.Article.Id != i.Article.Id)))
            if (_listedIn.TryGetValue(gone.Article.Id, out var holders))
                lock (holders) holders.Remove(articleId);
        foreach (var item in list ?? [])
        {
            var holders = _listedIn.GetOrAdd(item.Article.Id, _ => new HashSet<string>(StringComparer.Ordinal));
            lock (holders) holders.Add(articleId);
        }
    }

    /// <summary>A kept list, and the <see cref="ArticleNeighbours.Weighting"/> it was computed under.</summary>
    private sealed record KeptList(RelatedCandidate[] Items, int Weighting);
}

/// <summary>Reads every article into memory, then works through the queue of related lists to compute (see <see cref="RelatedLists"/>).</summary>
public sealed class RelatedListWorker(
    RelatedLists lists,
    ArticleNeighbours neighbours,
    [FromKeyedServices(typeof(RememberArticleConsumer))] IArticleIndex index,
    ILogger<RelatedListWorker> logger) : BackgroundService
{
    private static readonly TimeSpan LoadRetryDelay = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        while (true)
        {
            try
            {
                await neighbours.LoadAsync(index, stoppingToken);
                break;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The engine may still be starting (compose starts everything at once): lists wait, the service stays up.
                logger.LogWarning(ex, "Related: reading the articles back from the index failed; trying again in {Delay}", LoadRetryDelay);
                await Task.Delay(LoadRetryDelay, stoppingToken);
            }
        }
        logger.LogInformation("Related: {ArticleCount} articles read into memory, their topics learnt, in {Elapsed}", neighbours.Count, System.Diagnostics.Stopwatch.GetElapsedTime(started));
        await lists.RunQueueAsync(stoppingToken);
    }
}
