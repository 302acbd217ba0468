using ContentPipeline.Search;

namespace ContentPipeline.Recommendation.Related;

/// <summary>
/// What one page view shows already. A copy of an article shown (the same text under another id, or a near-exact copy:
/// <see cref="ArticleNeighbours.AreCopies"/>) is that article again, so no block shows it: not the page's own article,
/// not what the caller excludes, not what a block before showed.
/// </summary>
public sealed class ShownOnPage(ArticleNeighbours articles, IEnumerable<string> ids)
{
    private readonly HashSet<string> _ids = new(ids, StringComparer.Ordinal);

    /// <summary>The articles shown, for an index to leave out.</summary>
    public IReadOnlySet<string> Ids => _ids;

    /// <summary>Takes the article for the page and returns true, unless it or a copy of it is shown already.</summary>
    public bool TryAdd(string id)
    {
        if (_ids.Contains(id) || _ids.Any(shown => articles.AreCopies(id, shown))) return false;
        _ids.Add(id);
        return true;
    }

    /// <summary>
    /// The newest articles of <paramref name="category"/> not shown yet, read on from <paramref name="cursor"/>: pages of
    /// the index are read until <paramref name="size"/> are found (at most a few, so a section full of copies cannot hold
    /// a request), and the cursor returned continues after the last read.
    /// </summary>
    public async Task<FeedPage> NewestAsync(IArticleIndex index, string? category, string? cursor, int size, CancellationToken ct)
    {
        const int MaxReads = 4;
        var items = new List<IndexedArticle>();
        var next = cursor;
        for (var read = 0; read < MaxReads && items.Count < size; read++)
        {
            var page = await index.NewestAsync(category, next, size - items.Count, _ids, ct);
            items.AddRange(page.Items.Where(a => TryAdd(a.Id)));
            next = page.NextCursor;
            if (next is null) break;
        }
        return new FeedPage(items, next);
    }
}
