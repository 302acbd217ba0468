using ContentPipeline.Search;

namespace ContentPipeline.Recommendation.Related;

/// <summary>
/// What one page view shows already, as articles and as stories. An article of a story already shown is a copy or a
/// rewrite of what the reader has in front of them (enrichment puts every exact copy and near copy in its original's
/// story), so no block shows it, nor shows one story twice.
/// </summary>
public sealed class ShownOnPage
{
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);
    private readonly HashSet<string> _stories = new(StringComparer.Ordinal);

    /// <param name="ids">Articles the page shows (the caller's exclusions, the article read), with their stories where known.</param>
    public ShownOnPage(IEnumerable<IndexedArticle?> articles, IEnumerable<string> ids)
    {
        foreach (var id in ids) _ids.Add(id);
        foreach (var article in articles.OfType<IndexedArticle>()) TryAdd(article.Id, article.StoryId);
    }

    /// <summary>The articles shown, for an index to leave out.</summary>
    public IReadOnlySet<string> Ids => _ids;

    /// <summary>Takes the article for the page and returns true, unless it or its story is shown already.</summary>
    public bool TryAdd(string id, string? story)
    {
        if (_ids.Contains(id) || (story is not null && _stories.Contains(story))) return false;
        _ids.Add(id);
        if (story is not null) _stories.Add(story);
        return true;
    }

    /// <summary>
    /// The newest articles of <paramref name="category"/> not shown yet, one per story, read on from
    /// <paramref name="cursor"/>: pages of the index are read until <paramref name="size"/> are found (at most a few,
    /// so a section full of copies cannot hold a request), and the cursor returned continues after the last read.
    /// </summary>
    public async Task<FeedPage> NewestAsync(IArticleIndex index, string? category, string? cursor, int size, CancellationToken ct)
    {
        const int MaxReads = 4;
        var items = new List<IndexedArticle>();
        var next = cursor;
        for (var read = 0; read < MaxReads && items.Count < size; read++)
        {
            var page = await index.NewestAsync(category, next, size - items.Count, _ids, ct);
            items.AddRange(page.Items.Where(a => TryAdd(a.Id, a.StoryId)));
            next = page.NextCursor;
            if (next is null) break;
        }
        return new FeedPage(items, next);
    }
}
