using ContentPipeline.Recommendation.Consumers;
using ContentPipeline.Recommendation.Featured;
using ContentPipeline.Recommendation.Related;
using ContentPipeline.Search;
using ContentPipeline.ServiceDefaults;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ContentPipeline.Recommendation.Api;

public sealed record RecommendationList(IReadOnlyList<RecommendedItem> Items);

public sealed record MoreItem(string Id, string Title, string? Lead, string? Url, string? Category, DateTimeOffset? PublishedAt);

public sealed record MoreFeed(IReadOnlyList<MoreItem> Items, string? NextCursor);

public static class RecommendationEndpoints
{
    public const int MaxSize = 50;

    /// <summary>Related pages are cut from a kept list of <see cref="RelatedLists.Depth"/>: this leaves room for exclusions.</summary>
    public const int MaxRelatedSize = 20;

    public static IEndpointRouteBuilder MapRecommendationEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Recommendations").RequireCors(RecommendationServices.WidgetCorsPolicy);
        api.MapGet("/recommendations/{id}/related", Related).WithSummary("Có thể bạn quan tâm: articles related to this one");
        api.MapGet("/feeds/featured", FeaturedBlock).WithSummary("Nên xem: what readers are reading now");
        api.MapGet("/feeds/more", More).WithSummary("Tin khác / Xem thêm: newest of the same section, cursor-paged");
        return app;
    }

    /// <summary>A lookup: the list was computed when the article (or a neighbour) was indexed.</summary>
    private static async Task<Results<Ok<RecommendationList>, ProblemHttpResult>> Related(
        string id, RelatedLists related, CancellationToken ct, int size = 5, string? exclude = null)
    {
        var items = await related.GetAsync(id, ct);
        if (items is null) return ApiProblems.NotFound($"No published article has the id '{id}' (it may not have reached recommendation yet).");
        return TypedResults.Ok(new RecommendationList(RelatedArticles.Page(items, Math.Clamp(size, 1, MaxRelatedSize), ParseIds(exclude))));
    }

    private static async Task<Ok<RecommendationList>> FeaturedBlock(FeaturedFeed featured, CancellationToken ct, int size = 5) =>
        TypedResults.Ok(new RecommendationList(await featured.TopAsync(Math.Clamp(size, 1, MaxSize), ct)));

    private static async Task<Results<Ok<MoreFeed>, ProblemHttpResult>> More(
        [FromKeyedServices(typeof(RememberArticleConsumer))] IArticleIndex index, CancellationToken ct,
        string? articleId = null, string? cursor = null, int size = 10, string? exclude = null)
    {
        string? category = null;
        var skip = new HashSet<string>(ParseIds(exclude), StringComparer.Ordinal);
        if (!string.IsNullOrEmpty(articleId))
        {
            var article = await index.GetAsync(articleId, ct);
            if (article is null) return ApiProblems.NotFound($"No published article has the id '{articleId}'.");
            category = article.Category;
            skip.Add(articleId);
        }
        try
        {
            var page = await index.NewestAsync(category, cursor, Math.Clamp(size, 1, MaxSize), skip, ct);
            return TypedResults.Ok(new MoreFeed(page.Items.Select(a => new MoreItem(a.Id, a.Title, a.Lead, a.Url, a.Category, a.PublishedAt)).ToList(), page.NextCursor));
        }
        catch (InvalidCursorException ex)
        {
            return ApiProblems.BadRequest("Invalid cursor", ex.Message);
        }
    }

    private static IReadOnlySet<string> ParseIds(string? ids) =>
        (ids ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
}
