using ContentPipeline.Recommendation.Consumers;
using ContentPipeline.Recommendation.Featured;
using ContentPipeline.Recommendation.Related;
using ContentPipeline.Search;
using ContentPipeline.ServiceDefaults;
using ContentPipeline.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ContentPipeline.Recommendation.Api;

/// <summary>What an editor sends to pin an article: from <c>startsAt</c> (default now) until <c>expiresAt</c>.</summary>
public sealed record PinRequest(string? ArticleId, DateTimeOffset? StartsAt, DateTimeOffset? ExpiresAt);

public sealed record PinList(IReadOnlyList<FeaturedPin> Pins);

/// <summary>Editors' pins for "Nên xem". Changing them needs a key with the edit role; reading them does not.</summary>
public static class PinEndpoints
{
    public static IEndpointRouteBuilder MapPinEndpoints(this IEndpointRouteBuilder app)
    {
        var pins = app.MapGroup("/api/feeds/featured/pins").WithTags("Recommendations");
        pins.MapGet("/", (FeaturedPins store) => TypedResults.Ok(new PinList(store.Current()))).WithSummary("Pins showing now or still to come");
        pins.MapPost("/", Pin).WithSummary("Pin an article first in Nên xem from startsAt until expiresAt (needs a key with the edit role)")
            .RequireAuthorization(ApiRoles.Edit);
        pins.MapDelete("/{articleId}", Unpin).WithSummary("Take an article's pin away (needs a key with the edit role)").RequireAuthorization(ApiRoles.Edit);
        return app;
    }

    private static async Task<Results<Created<FeaturedPin>, ProblemHttpResult>> Pin(
        PinRequest request, FeaturedPins store, TimeProvider clock, ArticleNeighbours articles,
        [FromKeyedServices(typeof(RememberArticleConsumer))] IArticleIndex index, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.ArticleId)) return ApiProblems.BadRequest("Invalid pin", "articleId is required.");
        if (request.ExpiresAt is not { } expiresAt) return ApiProblems.BadRequest("Invalid pin", "expiresAt is required: a pin that never ends would stay on every page.");
        var startsAt = request.StartsAt ?? clock.GetUtcNow();
        if (expiresAt <= clock.GetUtcNow()) return ApiProblems.BadRequest("Invalid pin", $"expiresAt ({expiresAt:O}) has already passed.");
        if (expiresAt <= startsAt) return ApiProblems.BadRequest("Invalid pin", $"expiresAt ({expiresAt:O}) must come after startsAt ({startsAt:O}).");
        if (await index.GetAsync(request.ArticleId, ct) is null)
            return RecommendationEndpoints.UnknownArticle(request.ArticleId, articles);
        var pin = store.Pin(request.ArticleId, request.StartsAt, expiresAt);
        return TypedResults.Created($"/api/feeds/featured/pins/{Uri.EscapeDataString(pin.ArticleId)}", pin);
    }

    private static Results<NoContent, ProblemHttpResult> Unpin(string articleId, FeaturedPins store) =>
        store.Unpin(articleId) ? TypedResults.NoContent() : ApiProblems.NotFound($"The article '{articleId}' has no pin.");
}
