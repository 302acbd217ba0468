using System.Text.Json;
using ContentPipeline.Recommendation.Featured;
using ContentPipeline.ServiceDefaults;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ContentPipeline.Recommendation.Api;

/// <summary>A reader's interaction, as the widget reports it.</summary>
public sealed record ReaderEvent(string Type, string ArticleId, string? Block = null, int? Position = null);

public sealed record EventsAccepted(int Accepted);

public static class EventEndpoints
{
    public const int MaxEventsPerRequest = 200;

    /// <summary>What each type of event tells the trending count.</summary>
    private static readonly Dictionary<string, Action<TrendingTracker, ReaderEvent>> Types = new(StringComparer.OrdinalIgnoreCase)
    {
        ["view"] = (trending, e) => trending.View(e.ArticleId),
        ["impression"] = (trending, e) => trending.Impression(e.ArticleId, e.Position),
        ["click"] = (trending, e) => trending.Click(e.ArticleId),
    };

    public static IEndpointRouteBuilder MapEventEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/events", Record).RequireCors(RecommendationServices.WidgetCorsPolicy).WithTags("Events").WithSummary("Views, impressions and clicks from the widget (one event or an array)");
        return app;
    }

    private static async Task<Results<Accepted<EventsAccepted>, ProblemHttpResult>> Record(HttpRequest request, TrendingTracker trending, CancellationToken ct)
    {
        List<ReaderEvent>? events;
        try
        {
            using var json = await JsonDocument.ParseAsync(request.Body, cancellationToken: ct);
            var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
            events = json.RootElement.ValueKind == JsonValueKind.Array
                ? json.RootElement.Deserialize<List<ReaderEvent>>(options)
                : [json.RootElement.Deserialize<ReaderEvent>(options)!];
        }
        catch (JsonException ex)
        {
            return ApiProblems.BadRequest("Invalid events", $"Send one event or an array of events like {{\"type\":\"view\",\"articleId\":\"a1\"}}: {ex.Message}");
        }
        if (events is null || events.Count == 0) return ApiProblems.BadRequest("No events", "The body holds no events.");
        if (events.Count > MaxEventsPerRequest) return ApiProblems.BadRequest("Too many events", $"At most {MaxEventsPerRequest} events per request.");
        var bad = events.FirstOrDefault(e => string.IsNullOrEmpty(e?.ArticleId) || e.Type is null || !Types.ContainsKey(e.Type));
        if (bad is not null || events.Any(e => e is null))
            return ApiProblems.BadRequest("Invalid event", "Every event needs an articleId and a type: view, impression or click.");

        if (events.FirstOrDefault(e => e.Position is < 1) is { } misplaced)
            return ApiProblems.BadRequest("Invalid event", $"position counts from 1 (the first item of a block); {misplaced.ArticleId} has {misplaced.Position}.");

        foreach (var e in events) Types[e.Type](trending, e);
        return TypedResults.Accepted((string?)null, new EventsAccepted(events.Count));
    }
}
