using System.Collections.Concurrent;

namespace ContentPipeline.Recommendation.Related;

/// <summary>
/// Every article's related list, kept up to date by events so that serving one is a lookup. An indexed article gets
/// its list, and the articles it is most related to get theirs again, so the new one appears there too; a withdrawn
/// article leaves every list that held it at once. A list nobody has asked for since a restart is computed on first
/// request. Lists hold more than a page, and every candidate of a story, so what a caller excludes can be left out
/// and the page still filled (<see cref="RelatedArticles.Page"/>).
/// </summary>
public sealed class RelatedLists(RelatedArticles related, ILogger<RelatedLists> logger)
{
    /// <summary>Candidates kept per article: a page of the largest size asked for, with room for exclusions and stories.</summary>
    public const int Depth = 60;

    /// <summary>How many of a new article's nearest neighbours get their list again.</summary>
    public const int NeighboursToRefresh = 5;

    private readonly ConcurrentDictionary<string, IReadOnlyList<RecommendedItem>> _lists = new(StringComparer.Ordinal);
    /// <summary>For each article, the lists it stands in: what a withdrawal must clean.</summary>
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, byte>> _listedIn = new(StringComparer.Ordinal);

    /// <summary>The article's list, or null when the article is not (or no longer) known.</summary>
    public async Task<IReadOnlyList<RecommendedItem>?> GetAsync(string articleId, CancellationToken ct) =>
        _lists.TryGetValue(articleId, out var list) ? list : await ComputeAsync(articleId, ct);

    /// <summary>A new article or a new version: its own list, then its nearest neighbours' lists, nearest first.</summary>
    public async Task IndexedAsync(string articleId, CancellationToken ct)
    {
        var list = await ComputeAsync(articleId, ct);
        foreach (var neighbour in (list ?? []).Take(NeighboursToRefresh))
            if (_lists.ContainsKey(neighbour.Id)) await ComputeAsync(neighbour.Id, ct);
    }

    /// <summary>The article leaves its own list and every list it stood in, which are then filled up again.</summary>
    public async Task WithdrawnAsync(string articleId, CancellationToken ct)
    {
        Store(articleId, null);
        if (!_listedIn.TryRemove(articleId, out var holders)) return;
        // Out at once, before the slower refill below.
        foreach (var holder in holders.Keys)
            if (_lists.TryGetValue(holder, out var list)) Store(holder, list.Where(i => i.Id != articleId).ToList());
        foreach (var holder in holders.Keys)
            if (_lists.ContainsKey(holder)) await ComputeAsync(holder, ct);
    }

    private async Task<IReadOnlyList<RecommendedItem>?> ComputeAsync(string articleId, CancellationToken ct)
    {
        var list = await related.RankedAsync(articleId, Depth, ct);
        Store(articleId, list);
        logger.LogDebug("Related list of {ArticleId} holds {Count} items", articleId, list?.Count ?? 0);
        return list;
    }

    private void Store(string articleId, IReadOnlyList<RecommendedItem>? list)
    {
        var before = _lists.TryGetValue(articleId, out var old) ? old : [];
        if (list is null) _lists.TryRemove(articleId, out _);
        else _lists[articleId] = list;
        foreach (var gone in before.Where(i => list is null || list.All(n => n.Id != i.Id)))
            if (_listedIn.TryGetValue(gone.Id, out var holders)) holders.TryRemove(articleId, out _);
        foreach (var item in list ?? [])
            _listedIn.GetOrAdd(item.Id, _ => new ConcurrentDictionary<string, byte>(StringComparer.Ordinal))[articleId] = 0;
    }
}
