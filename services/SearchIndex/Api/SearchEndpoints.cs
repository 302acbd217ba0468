using ContentPipeline.Search;
using ContentPipeline.SearchIndex.Consumers;
using ContentPipeline.ServiceDefaults;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ContentPipeline.SearchIndex.Api;

public sealed record SearchItem(string Id, string Title, string? Lead, string? Url, string? Category, DateTimeOffset? PublishedAt,
    double Score, IReadOnlyDictionary<string, IReadOnlyList<string>> Highlights, string? ImageUrl = null, string? ImageAlt = null);

public sealed record SearchFacets(IReadOnlyDictionary<string, long> Category);

public sealed record SearchResponse(long Total, IReadOnlyList<SearchItem> Items, SearchFacets Facets, string? NextCursor);

public sealed record SuggestResponse(IReadOnlyList<Suggestion> Items);

public static class SearchEndpoints
{
    public const int MaxQueryLength = 256;
    public const int MaxPageSize = 100;

    public static IEndpointRouteBuilder MapSearchEndpoints(this IEndpointRouteBuilder app)
    {
        var search = app.MapGroup("/api").WithTags("Search");
        search.MapGet("/search", Search).WithSummary("Search articles: free text, accents optional, filters, facets, cursor paging")
            .WithExamples(SearchExample, ("q", "hdnd ha noi"), ("category", "Thời sự"), ("from", "2025-01-01T00:00:00+07:00"), ("sort", "relevance"), ("size", "10"));
        search.MapGet("/suggest", Suggest).WithSummary("Search-as-you-type on titles")
            .WithExamples(new SuggestResponse([new("hdnd-ha-noi-ky-hop-thu-20", "HĐND TP Hà Nội khai mạc kỳ họp thứ 20")]), ("q", "ha n"), ("size", "8"));
        return app;
    }

    private static readonly SearchResponse SearchExample = new(
        Total: 42,
        Items:
        [
            new SearchItem("hdnd-ha-noi-ky-hop-thu-20", "HĐND TP Hà Nội khai mạc kỳ họp thứ 20",
                "Kỳ họp xem xét các nghị quyết về đầu tư công và giáo dục của thành phố.", "https://example.vn/thoi-su/hdnd-ha-noi-ky-hop-thu-20.html",
                "Thời sự", new DateTimeOffset(2025, 9, 30, 8, 15, 0, TimeSpan.FromHours(7)), 7.4312,
                new Dictionary<string, IReadOnlyList<string>> { ["title"] = ["<em>HĐND</em> TP <em>Hà</em> <em>Nội</em> khai mạc kỳ họp thứ 20"] }),
        ],
        Facets: new SearchFacets(new Dictionary<string, long> { ["Thời sự"] = 30, ["Pháp luật"] = 12 }),
        NextCursor: new PageCursor(7.4312, null, "hdnd-ha-noi-ky-hop-thu-20").Encode());

    private static async Task<Results<Ok<SearchResponse>, ProblemHttpResult>> Search(
        [FromKeyedServices(typeof(IndexArticleConsumer))] IArticleIndex index,
        CancellationToken ct,
        string? q = null, string? category = null, DateTimeOffset? from = null, DateTimeOffset? to = null,
        string? sort = null, int size = 10, string? cursor = null)
    {
        if (q?.Length > MaxQueryLength)
            return ApiProblems.BadRequest("Query too long", $"The query has {q.Length} characters; at most {MaxQueryLength} are allowed.");
        SearchSort order;
        switch (sort?.ToLowerInvariant())
        {
            case null or "" or "relevance": order = SearchSort.Relevance; break;
            case "newest": order = SearchSort.Newest; break;
            default: return ApiProblems.BadRequest("Unknown sort", $"sort must be 'relevance' or 'newest', not '{sort}'.");
        }
        if (from > to) return ApiProblems.BadRequest("Empty date range", "'from' is after 'to'.");

        try
        {
            var results = await index.SearchAsync(new SearchQuery
            {
                Text = q ?? "",
                Category = string.IsNullOrWhiteSpace(category) ? null : category,
                From = from,
                To = to,
                Sort = order,
                Size = Math.Clamp(size, 1, MaxPageSize),
                Cursor = cursor,
            }, ct);
            var items = results.Items.Select(h => new SearchItem(h.Article.Id, h.Article.Title, h.Article.Lead, h.Article.Url,
                h.Article.Category, h.Article.PublishedAt, Math.Round(h.Score, 4), h.Highlights, h.Article.ImageUrl, h.Article.ImageAlt)).ToList();
            return TypedResults.Ok(new SearchResponse(results.Total, items, new SearchFacets(results.Categories), results.NextCursor));
        }
        catch (InvalidCursorException ex)
        {
            return ApiProblems.BadRequest("Invalid cursor", ex.Message);
        }
    }

    private static async Task<Results<Ok<SuggestResponse>, ProblemHttpResult>> Suggest(
        [FromKeyedServices(typeof(IndexArticleConsumer))] IArticleIndex index, CancellationToken ct, string? q = null, int size = 8)
    {
        if (q?.Length > MaxQueryLength)
            return ApiProblems.BadRequest("Query too long", $"The query has {q.Length} characters; at most {MaxQueryLength} are allowed.");
        if (string.IsNullOrWhiteSpace(q)) return TypedResults.Ok(new SuggestResponse([]));
        return TypedResults.Ok(new SuggestResponse(await index.SuggestAsync(q, Math.Clamp(size, 1, 20), ct)));
    }
}
