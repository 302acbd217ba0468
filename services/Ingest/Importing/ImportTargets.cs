using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ContentPipeline.Ingest.Api;
using ContentPipeline.Ingest.Articles;
using ContentPipeline.ServiceDefaults.Security;

namespace ContentPipeline.Ingest.Importing;

/// <summary>The target cannot take articles (refused, unreachable): the import stops and says why.</summary>
public sealed class ImportTargetException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>What became of one batch: counts, and the rejected articles by their position in the batch.</summary>
public sealed record BatchResult(int Created, int Updated, int Unchanged, IReadOnlyList<(int Index, string Error)> Rejected);

/// <summary>Where imported articles go: the local store, or a running ingest service.</summary>
public interface IImportTarget : IAsyncDisposable
{
    Task<BatchResult> SubmitAsync(IReadOnlyList<ValidArticle> batch, CancellationToken ct);
}

/// <summary>Straight into the store, outbox included: the pipeline picks the articles up when the service runs.</summary>
public sealed class StoreTarget(ArticleStore store) : IImportTarget
{
    public async Task<BatchResult> SubmitAsync(IReadOnlyList<ValidArticle> batch, CancellationToken ct)
    {
        var results = await store.SubmitAsync(batch, ct);
        return new BatchResult(results.Count(r => r.Outcome == SubmitOutcome.Created), results.Count(r => r.Outcome == SubmitOutcome.Updated),
            results.Count(r => r.Outcome == SubmitOutcome.Unchanged), []);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

/// <summary>Through POST /api/articles/bulk of a running ingest service, with a key that has the write role.</summary>
public sealed class HttpTarget : IImportTarget
{
    private readonly Uri _ingest;
    private readonly HttpClient _http;

    public HttpTarget(Uri ingest, string? key)
    {
        _ingest = ingest;
        _http = new HttpClient { BaseAddress = ingest, Timeout = TimeSpan.FromMinutes(5) };
        if (!string.IsNullOrEmpty(key)) _http.DefaultRequestHeaders.Add(ApiKeyRing.Header, key);
    }

    public async Task<BatchResult> SubmitAsync(IReadOnlyList<ValidArticle> batch, CancellationToken ct)
    {
        var ndjson = string.Join('\n', batch.Select(a => JsonSerializer.Serialize(ToInput(a), ArticleStore.Json)));
        HttpResponseMessage response;
        try
        {
            response = await _http.PostAsync("/api/articles/bulk", new StringContent(ndjson, Encoding.UTF8, "application/x-ndjson"), ct);
        }
        catch (HttpRequestException ex)
        {
            throw new ImportTargetException($"Lost the connection to {_ingest}: {ex.Message}", ex);
        }
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            throw new ImportTargetException($"{_ingest} refused the key ({(int)response.StatusCode}: {await Detail(response, ct)}). " +
                $"Set {ImportCommand.KeyVariable} (or --key) to a key with the write role.");
        if (!response.IsSuccessStatusCode)
            throw new ImportTargetException($"{_ingest} answered {(int)response.StatusCode}: {await Detail(response, ct)}");
        var result = (await response.Content.ReadFromJsonAsync<BulkResponse>(ArticleStore.Json, ct))!;
        return new BatchResult(result.Created, result.Updated, result.Unchanged, result.Rejected.Select(r => (r.Line - 1, r.Error)).ToList());
    }

    private static async Task<string> Detail(HttpResponseMessage response, CancellationToken ct)
    {
        var text = await response.Content.ReadAsStringAsync(ct);
        try { return System.Text.Json.Nodes.JsonNode.Parse(text)?["detail"]?.GetValue<string>() ?? text; }
        catch (JsonException) { return text; }
    }

    private static ArticleInput ToInput(ValidArticle a) => new(a.Id, a.Content.Url, a.Content.TitleDerived ? null : a.Content.Title, a.Content.Lead,
        a.Content.Body, a.Content.Category, a.Content.Author, a.Content.PublishedAt, a.Content.Language, a.Content.Tags, a.Content.Captions, a.Content.IsTeaser, a.Content.LinkedArticleIds,
        a.Content.ImageUrl, a.Content.ImageAlt);

    public ValueTask DisposeAsync()
    {
        _http.Dispose();
        return ValueTask.CompletedTask;
    }
}
