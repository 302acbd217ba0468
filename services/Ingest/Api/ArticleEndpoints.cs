using System.Text.Json;
using ContentPipeline.Contracts;
using ContentPipeline.Ingest.Articles;
using ContentPipeline.ServiceDefaults;
using ContentPipeline.ServiceDefaults.Logging;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using ContentPipeline.ServiceDefaults.Security;

namespace ContentPipeline.Ingest.Api;

public sealed record SubmitResponse(string Id, long Version, SubmitOutcome Outcome);

public sealed record BulkRejection(int Line, string? Id, string Error);

public sealed record BulkResponse(int Accepted, int Created, int Updated, int Unchanged, IReadOnlyList<BulkRejection> Rejected);

public sealed record WithdrawResponse(string Id, long Version);

/// <summary>The stored article, how far its current version got, and what enrichment made of it.</summary>
public sealed record ArticleView(string Id, long Version, string Status, ArticleContent Article, ArticleEnrichmentView? Enrichment,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

public static class ArticleEndpoints
{
    private const int BulkBatchSize = 500;

    public const string NdjsonType = "application/x-ndjson";

    /// <summary>A line holds one article: a 1,000,000-character body is at most 3 MB of UTF-8, plus the other fields.</summary>
    private const long MaxLineBytes = 4 * 1024 * 1024;

    public static IEndpointRouteBuilder MapArticleEndpoints(this IEndpointRouteBuilder app)
    {
        var articles = app.MapGroup("/api/articles").WithTags("Articles");
        articles.MapPost("/", Submit).WithSummary("Submit one article (JSON; needs a key with the write role)")
            .Accepts<ArticleInput>("application/json").RequireAuthorization(ApiRoles.Write);
        articles.MapPost("/bulk", SubmitBulk).WithSummary("Submit articles as NDJSON, one per line (needs a key with the write role)")
            .Accepts<ArticleInput>(NdjsonType).RequireAuthorization(ApiRoles.Write);
        articles.MapGet("/{id}", Get).WithSummary("The stored article, its version, status and enrichment");
        articles.MapDelete("/{id}", Withdraw).WithSummary("Withdraw the article everywhere (needs a key with the write role)").RequireAuthorization(ApiRoles.Write);
        return app;
    }

    private static async Task<Results<Accepted<SubmitResponse>, ProblemHttpResult>> Submit(
        HttpRequest request, ArticleStore store, ILogger<ArticleStore> logger, CancellationToken ct)
    {
        // Only the declared type: what a browser may send cross-site without asking (text/plain, forms) is never an article.
        if (!request.HasJsonContentType())
            return ApiProblems.Unsupported($"Send the article as application/json, not '{request.ContentType ?? "no content type"}'.");
        ArticleInput? input;
        try
        {
            input = await JsonSerializer.DeserializeAsync<ArticleInput>(request.Body, ArticleStore.Json, ct);
        }
        catch (JsonException ex)
        {
            return ApiProblems.BadRequest("The body is not a valid JSON article", JsonError(ex));
        }
        if (input is null) return ApiProblems.BadRequest("The body is not a valid JSON article", "Send one JSON object, e.g. {\"id\":\"a1\",\"title\":\"…\",\"body\":\"…\"}.");

        var (article, errors) = ArticleValidation.Validate(input);
        if (article is null) return ArticleProblems.Invalid(errors);

        var result = (await store.SubmitAsync([article], ct))[0];
        using (logger.BeginArticleScope(result.Id, result.Version))
            logger.LogInformation("Article {Outcome}", result.Outcome);
        return TypedResults.Accepted($"/api/articles/{result.Id}", new SubmitResponse(result.Id, result.Version, result.Outcome));
    }

    /// <summary>Reads NDJSON line by line, storing every good line (in batches) and reporting every bad one with its number.</summary>
    private static async Task<Results<Ok<BulkResponse>, ProblemHttpResult>> SubmitBulk(
        HttpContext http, ArticleStore store, IOptions<IngestOptions> options, ILogger<ArticleStore> logger, CancellationToken ct)
    {
        if (!MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var type) || !type.MediaType.Equals(NdjsonType, StringComparison.OrdinalIgnoreCase))
            return ApiProblems.Unsupported($"Send the articles as {NdjsonType}, one JSON article a line, not '{http.Request.ContentType ?? "no content type"}'.");
        var limit = options.Value.MaxBulkBytes;
        if (ApiProblems.BodyOver(http, limit, "a bulk request (split the file)") is { } tooLarge) return tooLarge;

        var rejected = new List<BulkRejection>();
        var batch = new List<ValidArticle>(BulkBatchSize);
        var results = new List<SubmitResult>();
        async Task Flush()
        {
            if (batch.Count == 0) return;
            results.AddRange(await store.SubmitAsync(batch, ct));
            batch.Clear();
        }

        try
        {
            await foreach (var line in NdjsonLines.ReadAsync(http.Request.BodyReader, MaxLineBytes, ct))
            {
                if (line.Error is not null)
                {
                    rejected.Add(new BulkRejection(line.Number, null, line.Error));
                    continue;
                }
                if (string.IsNullOrWhiteSpace(line.Text)) continue;
                var (article, error, id) = ParseLine(line.Text);
                if (article is null)
                {
                    rejected.Add(new BulkRejection(line.Number, id, error!));
                    continue;
                }
                batch.Add(article);
                if (batch.Count == BulkBatchSize) await Flush();
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            rejected.Add(new BulkRejection(0, null, $"The body exceeds the bulk limit of {limit} bytes; the rest was not read. Split the file."));
        }
        await Flush();

        var response = new BulkResponse(
            results.Count,
            results.Count(r => r.Outcome == SubmitOutcome.Created),
            results.Count(r => r.Outcome == SubmitOutcome.Updated),
            results.Count(r => r.Outcome == SubmitOutcome.Unchanged),
            rejected);
        logger.LogInformation("Bulk: {Accepted} accepted ({Created} new, {Updated} updated, {Unchanged} unchanged), {Rejected} rejected",
            response.Accepted, response.Created, response.Updated, response.Unchanged, rejected.Count);
        return TypedResults.Ok(response);
    }

    private static (ValidArticle? Article, string? Error, string? Id) ParseLine(string line)
    {
        ArticleInput? input;
        try
        {
            input = JsonSerializer.Deserialize<ArticleInput>(line, ArticleStore.Json);
        }
        catch (JsonException ex)
        {
            return (null, $"Not a valid JSON article: {JsonError(ex)}", null);
        }
        if (input is null) return (null, "Expected a JSON object, found null.", null);
        var (article, errors) = ArticleValidation.Validate(input);
        return (article, article is null ? string.Join("; ", errors) : null, input.Id ?? article?.Id);
    }

    private static async Task<Results<Ok<ArticleView>, ProblemHttpResult>> Get(string id, ArticleStore store, CancellationToken ct)
    {
        var article = await store.GetAsync(id, ct);
        if (article is null) return ApiProblems.NotFound($"No article has the id '{id}'.");
        if (article.Withdrawn) return ApiProblems.NotFound($"The article '{id}' was withdrawn (version {article.Version}).");
        return TypedResults.Ok(new ArticleView(article.Id, article.Version, article.Stage.ToString().ToLowerInvariant(),
            article.Content, article.Enrichment, article.CreatedAt, article.UpdatedAt));
    }

    private static async Task<Results<Accepted<WithdrawResponse>, ProblemHttpResult>> Withdraw(
        string id, ArticleStore store, ILogger<ArticleStore> logger, CancellationToken ct)
    {
        var version = await store.WithdrawAsync(id, ct);
        if (version is null) return ApiProblems.NotFound($"No article with the id '{id}' is published.");
        using (logger.BeginArticleScope(id, version.Value))
            logger.LogInformation("Article withdrawn");
        return TypedResults.Accepted($"/api/articles/{id}", new WithdrawResponse(id, version.Value));
    }

    private static string JsonError(JsonException ex)
    {
        // Invalid UTF-8 inside a string surfaces as a conversion failure; say what it really is.
        var what = ex.InnerException is InvalidOperationException { Message: var inner } && inner.Contains("UTF-8", StringComparison.OrdinalIgnoreCase)
            ? "The text is not valid UTF-8."
            : ex.Message.Split(" Path:")[0];
        return ex.LineNumber is { } line ? $"{what} (line {line + 1}, byte {ex.BytePositionInLine + 1})" : what;
    }
}
