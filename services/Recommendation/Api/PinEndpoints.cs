using System.Security.Cryptography;
using System.Text;
using ContentPipeline.Recommendation.Consumers;
using ContentPipeline.Recommendation.Featured;
using ContentPipeline.Search;
using ContentPipeline.ServiceDefaults;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ContentPipeline.Recommendation.Api;

/// <summary>What an editor sends to pin an article: from <c>startsAt</c> (default now) until <c>expiresAt</c>.</summary>
public sealed record PinRequest(string? ArticleId, DateTimeOffset? StartsAt, DateTimeOffset? ExpiresAt);

public sealed record PinList(IReadOnlyList<FeaturedPin> Pins);

/// <summary>
/// Editors' pins for "Nên xem". Changing them needs the editor key (setting <c>Recommendation:EditorApiKey</c>, sent
/// as the <c>X-Api-Key</c> header); reading them does not. No key configured means no one may change them.
/// </summary>
public static class PinEndpoints
{
    public const string KeyHeader = "X-Api-Key";
    public const string KeySetting = "Recommendation:EditorApiKey";

    public static IEndpointRouteBuilder MapPinEndpoints(this IEndpointRouteBuilder app)
    {
        var pins = app.MapGroup("/api/feeds/featured/pins").WithTags("Recommendations");
        pins.MapGet("/", (FeaturedPins store) => TypedResults.Ok(new PinList(store.Current()))).WithSummary("Pins showing now or still to come");
        pins.MapPost("/", Pin).WithSummary($"Pin an article first in Nên xem from startsAt until expiresAt (needs the editor key in {KeyHeader})");
        pins.MapDelete("/{articleId}", Unpin).WithSummary($"Take an article's pin away (needs the editor key in {KeyHeader})");
        return app;
    }

    private static async Task<Results<Created<FeaturedPin>, ProblemHttpResult>> Pin(
        PinRequest request, HttpRequest http, IConfiguration configuration, FeaturedPins store, TimeProvider clock,
        [FromKeyedServices(typeof(RememberArticleConsumer))] IArticleIndex index, CancellationToken ct)
    {
        if (Refused(http, configuration) is { } refused) return refused;
        if (string.IsNullOrWhiteSpace(request.ArticleId)) return ApiProblems.BadRequest("Invalid pin", "articleId is required.");
        if (request.ExpiresAt is not { } expiresAt) return ApiProblems.BadRequest("Invalid pin", "expiresAt is required: a pin that never ends would stay on every page.");
        var startsAt = request.StartsAt ?? clock.GetUtcNow();
        if (expiresAt <= clock.GetUtcNow()) return ApiProblems.BadRequest("Invalid pin", $"expiresAt ({expiresAt:O}) has already passed.");
        if (expiresAt <= startsAt) return ApiProblems.BadRequest("Invalid pin", $"expiresAt ({expiresAt:O}) must come after startsAt ({startsAt:O}).");
        if (await index.GetAsync(request.ArticleId, ct) is null)
            return RecommendationEndpoints.UnknownArticle(request.ArticleId);
        var pin = store.Pin(request.ArticleId, request.StartsAt, expiresAt);
        return TypedResults.Created($"/api/feeds/featured/pins/{Uri.EscapeDataString(pin.ArticleId)}", pin);
    }

    private static Results<NoContent, ProblemHttpResult> Unpin(string articleId, HttpRequest http, IConfiguration configuration, FeaturedPins store)
    {
        if (Refused(http, configuration) is { } refused) return refused;
        return store.Unpin(articleId) ? TypedResults.NoContent() : ApiProblems.NotFound($"The article '{articleId}' has no pin.");
    }

    private static ProblemHttpResult? Refused(HttpRequest http, IConfiguration configuration)
    {
        var key = configuration[KeySetting];
        if (string.IsNullOrEmpty(key))
            return TypedResults.Problem($"Pins are write-protected and this service has no editor key: set {KeySetting} " +
                $"(environment variable Recommendation__EditorApiKey) and send it in the {KeyHeader} header.",
                statusCode: StatusCodes.Status403Forbidden, title: "Editing pins is switched off");
        var sent = http.Headers[KeyHeader].ToString();
        // Compared in constant time: how long a wrong key takes must not tell how much of it was right.
        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(sent), Encoding.UTF8.GetBytes(key)))
            return TypedResults.Problem($"Send the editor key in the {KeyHeader} header.", statusCode: StatusCodes.Status401Unauthorized, title: "Editor key missing or wrong");
        return null;
    }
}
