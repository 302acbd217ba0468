using System.Text.Json;
using ContentPipeline.Recommendation.Featured;
using ContentPipeline.ServiceDefaults;
using ContentPipeline.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ContentPipeline.Recommendation.Api;

/// <summary>A reader's interaction, as the widget reports it.</summary>
public sealed record ReaderEvent(string Type, string ArticleId, string? Block = null, int? Position = null);

/// <summary>What the widget sends: the reader's anonymous id (kept on the embedding site) and what they did.</summary>
public sealed record ReaderEvents(string? ReaderId, List<ReaderEvent>? Events);

/// <summary>Events taken, and how many of them counted (the rest repeated what this reader had already told).</summary>
public sealed record EventsAccepted(int Accepted, int Counted);

public static class EventEndpoints
{
    public const int MaxEventsPerRequest = 200;

    /// <summary>200 events of a few hundred bytes each; larger bodies are refused before they are read.</summary>
    public const int MaxEventsBytes = 64 * 1024;

    /// <summary>What each type of event tells the trending count.</summary>
    private static readonly Dictionary<string, Action<TrendingTracker, ReaderEvent>> Types = new(StringComparer.OrdinalIgnoreCase)
    {
        ["view"] = (trending, e) => trending.View(e.ArticleId),
        ["impression"] = (trending, e) => trending.Impression(e.ArticleId, e.Position),
        ["click"] = (trending, e) => trending.Click(e.ArticleId),
    };

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IEndpointRouteBuilder MapEventEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/events", Record).RequireCors(RecommendationServices.WidgetCorsPolicy).RateLimitedAs(RequestClass.Events)
            .Accepts<ReaderEvents>("application/json").WithTags("Events")
            .WithSummary("Views, impressions and clicks from the widget: {readerId, events:[…]}, or one event, or an array of events");
        return app;
    }

    private static async Task<Results<Accepted<EventsAccepted>, ProblemHttpResult>> Record(
        HttpContext http, TrendingTracker trending, ReaderGate readers, WidgetOrigins origins, CancellationToken ct)
    {
        var request = http.Request;
        // Browsers do not enforce CORS on what they may send without asking; the service does.
        if (SameOriginRequirement.ForeignOrigin(request) is { } origin && !origins.Allows(origin))
            return TypedResults.Problem($"Events from {origin} are not accepted. An operator adds the embedding site's origin to {WidgetOrigins.Setting}.",
                statusCode: StatusCodes.Status403Forbidden, title: "Origin not allowed");
        if (!request.HasJsonContentType())
            return ApiProblems.Unsupported($"Send events as application/json, not '{request.ContentType ?? "no content type"}'.");
        if (ApiProblems.BodyOver(http, MaxEventsBytes, "a request of events") is { } tooLarge) return tooLarge;

        ReaderEvents? body;
        try
        {
            using var json = await JsonDocument.ParseAsync(request.Body, cancellationToken: ct);
            body = json.RootElement.ValueKind switch
            {
                JsonValueKind.Array => new ReaderEvents(null, json.RootElement.Deserialize<List<ReaderEvent>>(Json)),
                JsonValueKind.Object when json.RootElement.TryGetProperty("events", out _) => json.RootElement.Deserialize<ReaderEvents>(Json),
                JsonValueKind.Object => new ReaderEvents(null, [json.RootElement.Deserialize<ReaderEvent>(Json)!]),
                _ => null,
            };
        }
        catch (JsonException ex)
        {
            return ApiProblems.BadRequest("Invalid events", $"Send {{\"readerId\":\"…\",\"events\":[{{\"type\":\"view\",\"articleId\":\"a1\"}}]}}: {ex.Message}");
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return ApiProblems.TooLarge($"The body is over {MaxEventsBytes} bytes; events come at most {MaxEventsBytes} bytes at a time.");
        }
        var events = body?.Events;
        if (events is null || events.Count == 0) return ApiProblems.BadRequest("No events", "The body holds no events.");
        if (events.Count > MaxEventsPerRequest) return ApiProblems.BadRequest("Too many events", $"At most {MaxEventsPerRequest} events per request.");
        if (events.Any(e => e is null || string.IsNullOrEmpty(e.ArticleId) || e.Type is null || !Types.ContainsKey(e.Type)))
            return ApiProblems.BadRequest("Invalid event", "Every event needs an articleId and a type: view, impression or click.");
        if (events.FirstOrDefault(e => e.Position is < 1) is { } misplaced)
            return ApiProblems.BadRequest("Invalid event", $"position counts from 1 (the first item of a block); {misplaced.ArticleId} has {misplaced.Position}.");

        // One body is one reader: its events count once each per article, however many it repeats.
        var counted = 0;
        foreach (var e in events)
        {
            if (!readers.Admit(body!.ReaderId, http.Connection.RemoteIpAddress, e.ArticleId, e.Type.ToLowerInvariant())) continue;
            Types[e.Type](trending, e);
            counted++;
        }
        return TypedResults.Accepted((string?)null, new EventsAccepted(events.Count, counted));
    }
}
