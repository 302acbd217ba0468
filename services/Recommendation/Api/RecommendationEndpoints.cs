using ContentPipeline.Recommendation.Consumers;
using ContentPipeline.Recommendation.Featured;
using ContentPipeline.Recommendation.Related;
using ContentPipeline.Search;
using ContentPipeline.ServiceDefaults;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ContentPipeline.Recommendation.Api;

public sealed record RecommendationList(IReadOnlyList<RecommendedItem> Items);

public sealed record MoreItem(string Id, string Title, string? Lead, string? Url, string? Category, DateTimeOffset? PublishedAt,
    string? ImageUrl = null, string? ImageAlt = null);

public sealed record MoreFeed(IReadOnlyList<MoreItem> Items, string? NextCursor);

/// <summary>The three blocks of one page view; no article, nor a copy of one, stands in two of them, nor the page's own.</summary>
public sealed record PageBlocks(string ArticleId, IReadOnlyList<RecommendedItem> Related, IReadOnlyList<RecommendedItem> Featured, MoreFeed More);

public static class RecommendationEndpoints
{
    public const int MaxSize = 50;

    /// <summary>Related pages are cut from a kept list of <see cref="RelatedLists.Depth"/>: this leaves room for exclusions.</summary>
    public const int MaxRelatedSize = 20;

    public static IEndpointRouteBuilder MapRecommendationEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Recommendations");
        api.MapGet("/recommendations/{id}/related", Related).WithSummary("Có thể bạn quan tâm: articles related to this one");
        api.MapGet("/feeds/featured", FeaturedBlock).WithSummary("Nên xem: editors' pins, then what readers are reading now (optionally in one section)");
        api.MapGet("/feeds/more", More).WithSummary("Tin khác / Xem thêm: newest of the same section, cursor-paged");
        api.MapGet("/blocks/{id}", Blocks).WithSummary(
            "Có thể bạn quan tâm, Nên xem and Tin khác for one page view in one call, no article twice; later pages of " +
            "Tin khác come from /api/feeds/more with the shown ids as exclude");
        return app;
    }

    /// <summary>A lookup: the list was computed when the article (or a neighbour) was indexed.</summary>
    private static async Task<Results<Ok<RecommendationList>, ProblemHttpResult>> Related(
        string id, RelatedLists related, ArticleNeighbours articles, CancellationToken ct, int size = 5, string? exclude = null)
    {
        var items = await related.GetAsync(id, ct);
        if (items is null) return UnknownArticle(id, articles);
        return TypedResults.Ok(new RecommendationList(RelatedArticles.Page(items, Math.Clamp(size, 1, MaxRelatedSize), Shown(articles, ParseIds(exclude)))));
    }

    private static async Task<Ok<RecommendationList>> FeaturedBlock(
        FeaturedFeed featured, ArticleNeighbours articles, CancellationToken ct, int size = 5, string? exclude = null, string? section = null) =>
        TypedResults.Ok(new RecommendationList(await featured.TopAsync(Math.Clamp(size, 1, MaxSize), Shown(articles, ParseIds(exclude)), ct, string.IsNullOrWhiteSpace(section) ? null : section)));

    /// <summary>What the caller says the page shows, and the article read.</summary>
    private static ShownOnPage Shown(ArticleNeighbours articles, IReadOnlySet<string> ids, IndexedArticle? reading = null) =>
        new(articles, reading is null ? ids : [reading.Id, .. ids]);

    private static async Task<Results<Ok<PageBlocks>, ProblemHttpResult>> Blocks(
        string id, RelatedLists related, ArticleNeighbours articles, FeaturedFeed featured,
        [FromKeyedServices(typeof(RememberArticleConsumer))] IArticleIndex index,
        CancellationToken ct, int relatedSize = 5, int featuredSize = 5, int moreSize = 10, string? exclude = null) =>
        await ComposeAsync(id, related, articles, featured, index, relatedSize, featuredSize, moreSize, ParseIds(exclude), ct) is { } blocks
            ? TypedResults.Ok(blocks) : UnknownArticle(id, articles);

    /// <summary>
    /// Related first (the block nearest the article), then featured, then the section's newest, each leaving out what
    /// came before; null when the article has not reached recommendation.
    /// </summary>
    internal static async Task<PageBlocks?> ComposeAsync(
        string id, RelatedLists related, ArticleNeighbours articles, FeaturedFeed featured, IArticleIndex index,
        int relatedSize, int featuredSize, int moreSize, IReadOnlySet<string> exclude, CancellationToken ct)
    {
        // A list, once there, means the article is in memory: no look-up in the index.
        if (await related.GetAsync(id, ct) is not { } ranked || articles.Get(id) is not { } article) return null;
        // Each block takes what it shows into this, so the next leaves it out, and copies of it: no text twice on a page.
        var shown = Shown(articles, exclude, article);
        var relatedItems = RelatedArticles.Page(ranked, Math.Clamp(relatedSize, 1, MaxRelatedSize), shown);
        var featuredItems = await featured.TopAsync(Math.Clamp(featuredSize, 1, MaxSize), shown, ct);
        var more = await shown.NewestAsync(index, article.Category, null, Math.Clamp(moreSize, 1, MaxSize), ct);
        return new PageBlocks(id, relatedItems, featuredItems, new MoreFeed(more.Items.Select(ToMoreItem).ToList(), more.NextCursor));
    }

    private static async Task<Results<Ok<MoreFeed>, ProblemHttpResult>> More(
        [FromKeyedServices(typeof(RememberArticleConsumer))] IArticleIndex index, ArticleNeighbours articles, CancellationToken ct,
        string? articleId = null, string? cursor = null, int size = 10, string? exclude = null)
    {
        IndexedArticle? article = null;
        if (!string.IsNullOrEmpty(articleId))
        {
            article = await index.GetAsync(articleId, ct);
            if (article is null) return ApiProblems.NotFound($"No published article has the id '{articleId}'.");
        }
        try
        {
            var page = await Shown(articles, ParseIds(exclude), article).NewestAsync(index, article?.Category, cursor, Math.Clamp(size, 1, MaxSize), ct);
            return TypedResults.Ok(new MoreFeed(page.Items.Select(ToMoreItem).ToList(), page.NextCursor));
        }
        catch (InvalidCursorException ex)
        {
            return ApiProblems.BadRequest("Invalid cursor", ex.Message);
        }
    }

    /// <summary>
    /// Why there is nothing for the article: withdrawn, when this process saw the withdrawal (a page still cached
    /// somewhere asks for the blocks of an article taken down), else each reason it may have.
    /// </summary>
    internal static ProblemHttpResult UnknownArticle(string id, ArticleNeighbours articles) => ApiProblems.NotFound(WhyUnknown(id, articles));

    internal static string WhyUnknown(string id, ArticleNeighbours articles) => articles.WithdrawnVersion(id) is { } version
        ? $"The article '{id}' was withdrawn (version {version}): it has no blocks and is in none."
        : $"No published article has the id '{id}': it has not reached recommendation yet, was withdrawn, or was never sent.";

    private static MoreItem ToMoreItem(IndexedArticle a) => new(a.Id, a.Title, a.Lead, a.Url, a.Category, a.PublishedAt, a.ImageUrl, a.ImageAlt);

    internal static IReadOnlySet<string> ParseIds(string? ids) =>
        (ids ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
}
