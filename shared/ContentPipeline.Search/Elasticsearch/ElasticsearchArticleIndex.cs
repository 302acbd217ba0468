using System.Text.Json.Nodes;
using ContentPipeline.Contracts;
using ContentPipeline.Search.Queries;
using ContentPipeline.Search.LuceneEngine;
using ContentPipeline.Text;
using Elastic.Clients.Elasticsearch;
using Elastic.Transport;
using Microsoft.Extensions.Logging;
using HttpMethod = Elastic.Transport.HttpMethod;

namespace ContentPipeline.Search.Elasticsearch;

/// <summary>
/// The distributed search engine. Writes go in _bulk requests, with the article id as document id and the article
/// version as external version, so a stale or repeated write is a no-op (409) rather than an overwrite; a withdrawal
/// is a tombstone document at a higher version for the same reason. Reads go through an alias so the index can be rebuilt and swapped.
/// </summary>
public sealed class ElasticsearchArticleIndex(ElasticsearchClient client, string alias, ILogger<ElasticsearchArticleIndex> logger) : IArticleIndex
{
    // Query words are analysed here exactly as the Lucene engine does, so both engines see the same words.
    private static readonly VietnameseAnalyzer Folded = new(fold: true);
    private static readonly RequestConfiguration NdJson = new() { ContentType = "application/x-ndjson" };
    private BulkWriter? _bulkWriter;
    private int _ensured;

    private BulkWriter Writer => LazyInitializer.EnsureInitialized(ref _bulkWriter, () => new BulkWriter(SendBulkAsync, StoredVersionAsync, logger));

    public Task<WriteOutcome> UpsertAsync(string articleId, long version, EnrichedArticle article, CancellationToken ct) =>
        WriteAsync(new BulkWrite(articleId, version, ElasticsearchRequests.ArticleDocument(articleId, version, article)), ct);

    public Task<WriteOutcome> WithdrawAsync(string articleId, long version, CancellationToken ct) =>
        WriteAsync(new BulkWrite(articleId, version, ElasticsearchRequests.TombstoneDocument(articleId, version)), ct);

    private async Task<WriteOutcome> WriteAsync(BulkWrite write, CancellationToken ct)
    {
        await EnsureIndexAsync(ct);
        return await Writer.WriteAsync(write, ct);
    }

    // refresh=wait_for: "indexed" is only reported once the write is searchable.
    private async Task<(int Status, JsonNode? Json)> SendBulkAsync(IReadOnlyList<BulkWrite> writes, CancellationToken ct)
    {
        var response = await SendAsync(HttpMethod.POST, "/_bulk?refresh=wait_for", ElasticsearchRequests.Bulk(alias, writes), ct, NdJson);
        return (response.Status, response.Json);
    }

    private async Task<long?> StoredVersionAsync(string articleId, CancellationToken ct)
    {
        var current = await SendAsync(HttpMethod.GET, $"/{alias}/_doc/{Uri.EscapeDataString(articleId)}", null, ct);
        return current.Json?["_version"]?.GetValue<long>();
    }

    public async Task<IndexedArticle?> GetAsync(string articleId, CancellationToken ct)
    {
        await EnsureIndexAsync(ct);
        var response = await SendAsync(HttpMethod.GET, $"/{alias}/_doc/{Uri.EscapeDataString(articleId)}", null, ct);
        if (response.Status == 404) return null;
        response.EnsureSuccess();
        var source = response.Json?["_source"];
        return source?["kind"]?.GetValue<string>() == "article" ? ToArticle(source) : null;
    }

    public async Task<SearchResults> SearchAsync(SearchQuery query, CancellationToken ct)
    {
        var plan = QueryPlan.Read(query.Text);
        var cursor = PageCursor.Decode(query.Cursor);
        if (plan.FindsNothing) return SearchResults.None;
        var json = await SearchJsonAsync(ElasticsearchRequests.Search(query, plan, cursor), ct);
        // Less than a page: words with one letter wrong follow (SearchRelaxation).
        if (query.Sort == SearchSort.Relevance && SearchRelaxation.TyposWorthTrying(plan, json["hits"]!["total"]!["value"]!.GetValue<long>(), query.Size))
            json = await SearchJsonAsync(ElasticsearchRequests.Search(query, plan, cursor, typos: true), ct);

        var hits = json["hits"]!["hits"]!.AsArray();
        var items = hits.Select(hit => new SearchHit(ToArticle(hit!["_source"]!), hit["_score"]?.GetValue<double?>() ?? 0, Highlights(hit))).ToList();
        var categories = json["aggregations"]?["categories"]?["buckets"]?.AsArray()
            .ToDictionary(b => b!["key"]!.GetValue<string>(), b => b!["doc_count"]!.GetValue<long>()) ?? [];
        var newest = query.Sort == SearchSort.Newest || plan.IsEmpty;
        var next = items.Count == query.Size ? CursorOf(hits[^1]!, newest) : null;
        return new SearchResults(json["hits"]!["total"]!["value"]!.GetValue<long>(), items, categories, next);
    }

    public async Task<IReadOnlyList<Suggestion>> SuggestAsync(string prefix, int size, CancellationToken ct)
    {
        var words = Folded.Terms("q", VietnameseText.Normalize(prefix));
        if (words.Count == 0) return [];
        var accented = QueryPlan.AccentedBeforeLastWord(prefix);
        var found = Suggestions(await SearchJsonAsync(ElasticsearchRequests.Suggest(words, accented, size), ct));
        // Too few: a word may have a letter wrong, as the Lucene engine forgives it. The phrase prefix that
        // lifts titles holding the words together takes no typos, so the first matches' titles are read for them.
        if (SearchRelaxation.SuggestTyposWorthTrying(words, found.Count, size) is { } typos)
            found = TitlesTogether.First(Suggestions(await SearchJsonAsync(ElasticsearchRequests.Suggest(words, accented, size, typos), ct)), words, typos, size);
        return found;

        static List<Suggestion> Suggestions(JsonNode json) => json["hits"]!["hits"]!.AsArray()
            .Select(h => new Suggestion(h!["_source"]!["id"]!.GetValue<string>(), h["_source"]!["title_display"]!.GetValue<string>())).ToList();
    }

    public async IAsyncEnumerable<StoredArticle> ReadAllAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        string? after = null;
        while (true)
        {
            var json = await SearchJsonAsync(ElasticsearchRequests.ReadAll(after, ReadAllPage), ct);
            var hits = json["hits"]!["hits"]!.AsArray();
            foreach (var hit in hits)
            {
                var source = hit!["_source"]!;
                yield return new StoredArticle(ToArticle(source), new ArticleWords(
                    source["title"]?.GetValue<string>() ?? "", source["lead"]?.GetValue<string>() ?? "",
                    source["body"]?.GetValue<string>() ?? "", Keywords(source["keywords"])));
            }
            if (hits.Count < ReadAllPage) yield break;
            after = hits[^1]!["sort"]![0]!.GetValue<string>();
        }
    }

    private const int ReadAllPage = 500;

    // Documents written before keywords became an array hold them as one string, their boundaries lost: none then.
    private static IReadOnlyList<string> Keywords(JsonNode? keywords) =>
        keywords is JsonArray array ? Strings(array).Take(ArticleWords.KeywordsKept).ToList() : [];

    public async Task<FeedPage> NewestAsync(string? category, string? cursor, int size, IReadOnlySet<string> exclude, CancellationToken ct)
    {
        var json = await SearchJsonAsync(ElasticsearchRequests.Newest(category, PageCursor.Decode(cursor), size, exclude), ct);
        var hits = json["hits"]!["hits"]!.AsArray();
        var items = hits.Select(h => ToArticle(h!["_source"]!)).ToList();
        return new FeedPage(items, items.Count == size ? CursorOf(hits[^1]!, newest: true) : null);
    }

    public async Task<bool> PingAsync(CancellationToken ct)
    {
        try
        {
            return (await SendAsync(HttpMethod.GET, "/_cluster/health", null, ct)).Status == 200;
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Elasticsearch did not answer");
            return false;
        }
    }

    /// <summary>
    /// Puts the index template, then creates "{alias}-v1" behind the alias on first use, unless the alias already
    /// points somewhere.
    /// </summary>
    public async Task EnsureIndexAsync(CancellationToken ct)
    {
        if (Volatile.Read(ref _ensured) == 1) return;
        // The template first, so every later version of the index (a rebuild) gets the same settings and mappings.
        (await SendAsync(HttpMethod.PUT, $"/_index_template/{alias}", ElasticsearchRequests.IndexTemplate(alias), ct)).EnsureSuccess();
        var exists = await SendAsync(HttpMethod.HEAD, $"/_alias/{alias}", null, ct);
        if (exists.Status == 404)
        {
            var created = await SendAsync(HttpMethod.PUT, $"/{alias}-v1", ElasticsearchRequests.IndexDefinition(alias), ct);
            // 400 resource_already_exists: another instance created it first.
            if (created.Status != 400) created.EnsureSuccess();
            logger.LogInformation("Created Elasticsearch index {Index} behind alias {Alias}", $"{alias}-v1", alias);
        }
        else
        {
            // An index an earlier version created lacks the fields added since (image, image_alt), and its strict
            // mapping would refuse every document that has them: new fields are added in place.
            (await SendAsync(HttpMethod.PUT, $"/{alias}/_mapping", ElasticsearchRequests.Mappings(), ct)).EnsureSuccess();
        }
        Volatile.Write(ref _ensured, 1);
    }

    private async Task<JsonNode> SearchJsonAsync(JsonObject body, CancellationToken ct)
    {
        await EnsureIndexAsync(ct);
        var response = await SendAsync(HttpMethod.POST, $"/{alias}/_search", body, ct);
        response.EnsureSuccess();
        return response.Json!;
    }

    private Task<EsResponse> SendAsync(HttpMethod method, string path, JsonNode? body, CancellationToken ct) =>
        SendAsync(method, path, body?.ToJsonString(), ct);

    private async Task<EsResponse> SendAsync(HttpMethod method, string path, string? body, CancellationToken ct, RequestConfiguration? configuration = null)
    {
        var response = await client.Transport.RequestAsync<StringResponse>(
            new EndpointPath(method, path), body is null ? null : PostData.String(body), null, configuration, ct);
        var status = response.ApiCallDetails.HttpStatusCode ?? 0;
        if (status == 0) throw new HttpRequestException($"Elasticsearch {method} {path} failed: {response.ApiCallDetails.OriginalException?.Message}", response.ApiCallDetails.OriginalException);
        return new EsResponse(method, path, status, string.IsNullOrEmpty(response.Body) ? null : JsonNode.Parse(response.Body));
    }

    private static IndexedArticle ToArticle(JsonNode source)
    {
        var published = source["published"]?.GetValue<long>() ?? 0;
        return new IndexedArticle(
            source["id"]!.GetValue<string>(),
            source["version"]!.GetValue<long>(),
            source["title_display"]?.GetValue<string>() ?? "",
            source["lead_display"]?.GetValue<string>(),
            source["url"]?.GetValue<string>(),
            source["category"]?.GetValue<string>(),
            published == 0 ? null : DateTimeOffset.FromUnixTimeMilliseconds(published),
            source["story"]?.GetValue<string>() ?? "")
        {
            LinkedArticleIds = Strings(source["linked"]),
            Entities = Strings(source["entities"]),
            ImageUrl = source["image"]?.GetValue<string>(),
            ImageAlt = source["image_alt"]?.GetValue<string>(),
        };
    }

    private static IReadOnlyList<string> Strings(JsonNode? array) => array?.AsArray().Select(v => v!.GetValue<string>()).ToList() ?? [];

    private static IReadOnlyDictionary<string, IReadOnlyList<string>> Highlights(JsonNode hit) =>
        hit["highlight"]?.AsObject().ToDictionary(f => f.Key, f => (IReadOnlyList<string>)f.Value!.AsArray().Select(v => v!.GetValue<string>()).ToList())
        ?? new Dictionary<string, IReadOnlyList<string>>();

    private static string CursorOf(JsonNode hit, bool newest)
    {
        var sort = hit["sort"]!.AsArray();
        return newest
            ? new PageCursor(null, sort[0]!.GetValue<long>(), sort[1]!.GetValue<string>()).Encode()
            : new PageCursor(sort[0]!.GetValue<double>(), null, sort[1]!.GetValue<string>()).Encode();
    }

    private sealed record EsResponse(HttpMethod Method, string Path, int Status, JsonNode? Json)
    {
        public void EnsureSuccess()
        {
            if (Status is < 200 or >= 300)
                throw new HttpRequestException($"Elasticsearch {Method} {Path} answered {Status}: {Json?["error"]?.ToJsonString() ?? "(no body)"}");
        }
    }
}
