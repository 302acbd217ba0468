using ContentPipeline.Search;

namespace ContentPipeline.Recommendation.Related;

/// <summary>
/// What one page view shows already. A copy of an article shown (<see cref="ArticleNeighbours.AreCopies"/>: of its
/// story, words nearly all alike) is that article again, so no block shows it: not the page's own article, not what the
/// caller excludes, not what a block before showed. Only articles of one story are compared, so a page of twenty stories
/// costs no comparison at all.
/// </summary>
public sealed class ShownOnPage
{
    private readonly ArticleNeighbours _articles;
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _byStory = new(StringComparer.Ordinal);

    /// <param name="ids">What the page shows: the article read, what the caller excludes.</param>
    public ShownOnPage(ArticleNeighbours articles, IEnumerable<string> ids)
    {
        _articles = articles;
        foreach (var id in ids) Remember(id, articles.Get(id)?.StoryId);
    }

    /// <summary>The articles shown, for an index to leave out.</summary>
    public IReadOnlySet<string> Ids => _ids;

    /// <summary>Takes the article for the page and returns true, unless it or a copy of it is shown already.</summary>
    public bool TryAdd(string id, string? story)
    {
        if (_ids.Contains(id)) return false;
        if (story is not null && _byStory.TryGetValue(story, out var sameStory) && sameStory.Any(shown => _articles.AreCopies(id, shown))) return false;
        Remember(id, story);
        return true;
    }

    private void Remember(string id, string? story)
    {
        if (!_ids.Add(id) || story is null) return;
        if (!_byStory.TryGetValue(story, out var ids)) _byStory[story] = ids = [];
        ids.Add(id);
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
            items.AddRange(page.Items.Where(a => TryAdd(a.Id, a.StoryId)));
            next = page.NextCursor;
            if (next is null) break;
        }
        return new FeedPage(items, next);
    }
}
