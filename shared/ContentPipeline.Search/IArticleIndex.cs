using ContentPipeline.Contracts;

namespace ContentPipeline.Search;

/// <summary>
/// The search port. Lucene.Net (embedded) and Elasticsearch (distributed) implement it with the same behaviour;
/// one contract test suite holds both to it.
/// </summary>
public interface IArticleIndex
{
    /// <summary>Stores this version unless the index already holds it (<see cref="WriteOutcome.AlreadyApplied"/>) or a newer one (<see cref="WriteOutcome.Stale"/>).</summary>
    Task<WriteOutcome> UpsertAsync(string articleId, long version, EnrichedArticle article, CancellationToken ct);

    /// <summary>Removes the article from every result, remembering the version so an older upsert cannot bring it back.</summary>
    Task<WriteOutcome> WithdrawAsync(string articleId, long version, CancellationToken ct);

    /// <summary>The indexed article, or null when absent or withdrawn.</summary>
    Task<IndexedArticle?> GetAsync(string articleId, CancellationToken ct);

    Task<SearchResults> SearchAsync(SearchQuery query, CancellationToken ct);

    /// <summary>Titles that complete what the user has typed so far.</summary>
    Task<IReadOnlyList<Suggestion>> SuggestAsync(string prefix, int size, CancellationToken ct);

    /// <summary>
    /// Every article in the index with its words, in no particular order: what recommendation rebuilds its picture of
    /// the articles from after a restart.
    /// </summary>
    IAsyncEnumerable<StoredArticle> ReadAllAsync(CancellationToken ct);

    /// <summary>Newest articles, optionally of one section, paged by an opaque cursor.</summary>
    Task<FeedPage> NewestAsync(string? category, string? cursor, int size, IReadOnlySet<string> exclude, CancellationToken ct);

    /// <summary>True when the engine answers; used by the readiness check.</summary>
    Task<bool> PingAsync(CancellationToken ct);
}

/// <summary>What an index is for, which decides what the embedded engine analyses of each article.</summary>
public enum IndexPurpose
{
    /// <summary>Searched by words: every text field is analysed (folded, accented, syllable pairs, acronyms).</summary>
    Search,

    /// <summary>
    /// Read by id, by section and date, and read back whole (recommendation's blocks): the text is stored, not analysed,
    /// and searching it by words is refused.
    /// </summary>
    Lookup,
}

public enum WriteOutcome
{
    /// <summary>This write changed the index.</summary>
    Applied,
    /// <summary>The index already holds exactly this version: a redelivery. Nothing changed, but later stages may still need telling.</summary>
    AlreadyApplied,
    /// <summary>The index holds a newer version. Nothing changed.</summary>
    Stale,
}

public enum SearchSort { Relevance, Newest }

public sealed record SearchQuery
{
    public string Text { get; init; } = "";
    public string? Category { get; init; }
    public DateTimeOffset? From { get; init; }
    public DateTimeOffset? To { get; init; }
    public SearchSort Sort { get; init; } = SearchSort.Relevance;
    public int Size { get; init; } = 10;
    public string? Cursor { get; init; }
}

/// <summary>What search and the blocks show of an article.</summary>
public sealed record IndexedArticle(
    string Id, long Version, string Title, string? Lead, string? Url, string? Category, DateTimeOffset? PublishedAt, string StoryId)
{
    /// <summary>Articles the page links to from inside its text: the reader has them already, so related leaves them out.</summary>
    public IReadOnlyList<string> LinkedArticleIds { get; init; } = [];

    /// <summary>The people, places and bodies it names most, as written: what a reason for a related item can name.</summary>
    public IReadOnlyList<string> Entities { get; init; } = [];

    /// <summary>Its lead image, shown as a thumbnail; null when it has none.</summary>
    public string? ImageUrl { get; init; }

    /// <summary>What the lead image shows.</summary>
    public string? ImageAlt { get; init; }

    /// <summary>What an index returns for this version of the article once it has stored it.</summary>
    public static IndexedArticle Of(string id, long version, EnrichedArticle article) =>
        new(id, version, Display(article.Content.Title) ?? "", Display(article.Content.Lead), article.Content.Url, article.Category, article.Content.PublishedAt, article.StoryId)
        {
            LinkedArticleIds = article.Content.LinkedArticleIds,
            Entities = SearchText.MainEntities(article),
            ImageUrl = article.Content.ImageUrl,
            ImageAlt = article.Content.ImageAlt,
        };

    private static string? Display(string? text) => string.IsNullOrEmpty(text) ? null : text.Normalize(System.Text.NormalizationForm.FormC);
}

/// <summary>An article as the index keeps it, with the words it is written in.</summary>
public sealed record StoredArticle(IndexedArticle Article, ArticleWords Words);

/// <summary>
/// The words an article is written in, as related compares them: title, lead and body normalised (NFC, one tone-mark
/// placement), and enrichment's keywords.
/// </summary>
public sealed record ArticleWords(string Title, string Lead, string Body, IReadOnlyList<string> Keywords)
{
    /// <summary>How many keywords, heaviest first, an index keeps of an article.</summary>
    public const int KeywordsKept = 20;

    public static ArticleWords Of(EnrichedArticle article) =>
        new(article.NormalizedTitle, article.NormalizedLead, article.NormalizedBody, article.Keywords.Take(KeywordsKept).Select(k => k.Term).ToList());
}

public sealed record SearchHit(IndexedArticle Article, double Score, IReadOnlyDictionary<string, IReadOnlyList<string>> Highlights);

public sealed record SearchResults(long Total, IReadOnlyList<SearchHit> Items, IReadOnlyDictionary<string, long> Categories, string? NextCursor)
{
    /// <summary>What a query typed without a word the index could hold finds (<see cref="Queries.QueryPlan.FindsNothing"/>).</summary>
    public static SearchResults None { get; } = new(0, [], new Dictionary<string, long>(), null);
}

public sealed record Suggestion(string Id, string Title);

public sealed record FeedPage(IReadOnlyList<IndexedArticle> Items, string? NextCursor);

/// <summary>A cursor the client sent that this index did not write.</summary>
public sealed class InvalidCursorException(string message) : Exception(message);
