using ContentPipeline.Recommendation.Consumers;
using ContentPipeline.Recommendation.Featured;
using ContentPipeline.Recommendation.Related;
using ContentPipeline.Recommendation.Widget;
using ContentPipeline.Search;

namespace ContentPipeline.Recommendation.Api;

public static class WidgetEndpoints
{
    public static IEndpointRouteBuilder MapWidgetEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/widget.js", (HttpResponse response) =>
        {
            response.Headers.CacheControl = "public, max-age=300";
            return Results.Bytes(BlocksFragment.Script.Value, "text/javascript; charset=utf-8");
        }).WithTags("Widget").WithSummary("The embeddable widget: one <script> tag renders the blocks");
        app.MapGet("/embed/blocks/{id}", Fragment).WithTags("Widget")
            .WithSummary("The blocks as a self-contained HTML document for an <iframe>, without JavaScript (layout=list|grid, theme=auto|light|dark)");
        return app;
    }

    private static async Task<IResult> Fragment(
        string id, HttpResponse response, RelatedLists related, ArticleNeighbours articles, FeaturedFeed featured,
        [FromKeyedServices(typeof(RememberArticleConsumer))] IArticleIndex index, TimeProvider clock, CancellationToken ct,
        int size = 5, string? layout = null, string? theme = null)
    {
        var count = Math.Clamp(size, 1, RecommendationEndpoints.MaxRelatedSize);
        response.Headers.ContentSecurityPolicy = BlocksFragment.ContentSecurityPolicy;
        // Its times read "5 phút trước", and an article not there yet may be in a minute: as long as it may be kept.
        response.Headers.CacheControl = "public, max-age=60";
        // Framed in the article's page: an error's JSON would be shown to its readers, where no blocks should show nothing.
        if (await RecommendationEndpoints.ComposeAsync(id, related, articles, featured, index, count, count, count, new HashSet<string>(), ct) is not { } blocks)
            return Results.Content(BlocksFragment.Nothing(RecommendationEndpoints.WhyUnknown(id, articles)), "text/html; charset=utf-8", statusCode: StatusCodes.Status404NotFound);
        var html = BlocksFragment.Render(blocks, layout == "grid" ? "grid" : "list", theme is "light" or "dark" ? theme : "auto", clock.GetUtcNow());
        return Results.Content(html, "text/html; charset=utf-8");
    }
}
