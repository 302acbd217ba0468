using System.Collections.Concurrent;
using System.Threading.Channels;

namespace ContentPipeline.Recommendation.Related;

/// <summary>
/// Every article's related list, kept up to date by events so that serving one is a lookup. An indexed article gets
/// its list, and the articles it is most related to get theirs again, so the new one appears there too; a withdrawn
/// article leaves every list that held it at once. A list nobody has asked for since a restart is computed on first
/// request. Lists hold more than a page, and every candidate of a story, so what a caller excludes can be left out
/// and the page still filled (<see cref="RelatedArticles.Page"/>).
/// </summary>
/// <remarks>
/// Computing a list costs tens of milliseconds, and a new article asks for six. That work waits in a queue for
/// <see cref="RelatedListWorker"/>, one list at a time, so a bulk import is not held up by it and an article queued
/// twice is computed once; when the queue is empty a new article is in its neighbours' lists within a fraction of a
/// second (bench/Recommendation.Bench -- freshness).
/// </remarks>
public sealed class RelatedLists(RelatedArticles related, ILogger<RelatedLists> logger)
{
    /// <summary>Candidates kept per article: a page of the largest size asked for, with room for exclusions and stories.</summary>
    public const int Depth = 60;

    /// <summary>How many of a new article's nearest neighbours get their list again.</summary>
    public const int NeighboursToRefresh = 5;

    private readonly ConcurrentDictionary<string, IReadOnlyList<RecommendedItem>> _lists = new(StringComparer.Ordinal);
    /// <summary>For each article, the lists it stands in: what a withdrawal must clean.</summary>
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, byte>> _listedIn = new(StringComparer.Ordinal);
    /// <summary>Articles waiting for their list, and whether their neighbours' lists follow (a new article's do).</summary>
    private readonly ConcurrentDictionary<string, bool> _pending = new(StringComparer.Ordinal);
    /// <summary>
    /// Withdrawn articles: a list computed from a searcher opened just before a withdrawal may still hold one, and must
    /// not bring it back.
    /// </summary>
    private readonly ConcurrentDictionary<string, byte> _withdrawn = new(StringComparer.Ordinal);
    private readonly Channel<string> _queue = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>The article's list, or null when the article is not (or no longer) known.</summary>
    public async Task<IReadOnlyList<RecommendedItem>?> GetAsync(string articleId, CancellationToken ct) =>
        _lists.TryGetValue(articleId, out var list) ? list : await ComputeAsync(articleId, ct);

    /// <summary>A new article or a new version: its own list, then its nearest neighbours' lists, queued.</summary>
    public void Indexed(string articleId)
    {
        _withdrawn.TryRemove(articleId, out _);
        Enqueue(articleId, refreshNeighbours: true);
    }

    /// <summary>The article leaves its own list and every list it stood in at once; those lists are queued to fill up again.</summary>
    public void Withdrawn(string articleId)
    {
        _withdrawn[articleId] = 0;
        Store(articleId, null);
        if (!_listedIn.TryRemove(articleId, out var holders)) return;
        foreach (var holder in holders.Keys)
        {
            if (!_lists.TryGetValue(holder, out var list)) continue;
            Store(holder, list.Where(i => i.Id != articleId).ToList());
            Enqueue(holder, refreshNeighbours: false);
        }
    }

    /// <summary>Computes queued lists, one at a time, until <paramref name="ct"/> ends.</summary>
    public async Task RunQueueAsync(CancellationToken ct)
    {
        await foreach (var articleId in _queue.Reader.ReadAllAsync(ct))
        {
            if (!_pending.TryRemove(articleId, out var refreshNeighbours)) continue;
            try
            {
                var list = await ComputeAsync(articleId, ct);
                if (!refreshNeighbours) continue;
                // Nearest first: the neighbour a reader of the new article is likeliest to open next.
                foreach (var neighbour in (list ?? []).Select(i => i.Id).Where(_lists.ContainsKey).Take(NeighboursToRefresh))
                    Enqueue(neighbour, refreshNeighbours: false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The list stays as it was; the next event about the article, or a restart, computes it again.
                logger.LogError(ex, "Related list of {ArticleId} could not be computed", articleId);
            }
        }
    }

    /// <summary>True when no list waits to be computed.</summary>
    public bool Idle => _pending.IsEmpty;

    private void Enqueue(string articleId, bool refreshNeighbours)
    {
        // Queued once however often asked, and a new article's wish to refresh its neighbours outlives a plain
        // refresh. Should two threads both add it, the queue holds it twice and the worker skips the second.
        var added = false;
        _pending.AddOrUpdate(articleId, _ => { added = true; return refreshNeighbours; }, (_, old) => old || refreshNeighbours);
        if (added) _queue.Writer.TryWrite(articleId);
    }

    private async Task<IReadOnlyList<RecommendedItem>?> ComputeAsync(string articleId, CancellationToken ct)
    {
        var list = await related.RankedAsync(articleId, Depth, ct);
        Store(articleId, list);
        return list;
    }

    private void Store(string articleId, IReadOnlyList<RecommendedItem>? list)
    {
        if (list is not null && list.Any(i => _withdrawn.ContainsKey(i.Id))) list = list.Where(i => !_withdrawn.ContainsKey(i.Id)).ToList();
        var before = _lists.TryGetValue(articleId, out var old) ? old : [];
        if (list is null) _lists.TryRemove(articleId, out _);
        else _lists[articleId] = list;
        foreach (var gone in before.Where(i => list is null || list.All(n => n.Id != i.Id)))
            if (_listedIn.TryGetValue(gone.Id, out var holders)) holders.TryRemove(articleId, out _);
        foreach (var item in list ?? [])
            _listedIn.GetOrAdd(item.Id, _ => new ConcurrentDictionary<string, byte>(StringComparer.Ordinal))[articleId] = 0;
    }
}

/// <summary>Works through the queue of related lists to compute (see <see cref="RelatedLists"/>).</summary>
public sealed class RelatedListWorker(RelatedLists lists) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => lists.RunQueueAsync(stoppingToken);
}
