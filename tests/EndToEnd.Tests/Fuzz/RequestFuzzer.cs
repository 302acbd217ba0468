using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ContentPipeline.Testing;

namespace ContentPipeline.EndToEnd.Tests.Fuzz;

/// <summary>An operation of the OpenAPI document: its method, its path template and the query parameters it names.</summary>
public sealed record Operation(string Method, string Path, IReadOnlyList<string> Query);

/// <summary>
/// Makes requests from a seed: every operation of the OpenAPI document and the raw paths (pages, bulk, events,
/// widget), with values people and attackers send — empty, huge, NFD, control and bidi characters, markup, numbers out
/// of range, wrong types, wrong content types, bad or missing keys.
/// </summary>
public sealed class RequestFuzzer(Random random, IReadOnlyList<Operation> operations, IReadOnlyList<string> knownIds)
{
    private static readonly string[] Values =
    [
        "", " ", "a", "ha noi", "Hà Nội", "Ha\u0300 No\u0323i", "\u0000", "\u0007", "\u202e", "\u200b", "<script>alert(1)</script>",
        "' OR 1=1 --", "../../etc/passwd", "..", ".", "😀🔥", "TP.HCM", "12.000 tỷ đồng", "\"câu trích\"", "-1", "0", "1", "20", "51", "2147483648",
        "99999999999999999999", "1e308", "NaN", "null", "true", "[]", "{}", "e30", "%", "a/b", "Ж", "hoá", "hóa",
        new string('a', 300), new string('x', 5_000), "2026-12-02", "2026-13-45", "2026-12-02T08:00:00+07:00",
        "relevance", "newest", "garbage", "Thời sự", "a,b,c," + new string(',', 200),
    ];

    private static readonly string?[] ContentTypes =
        ["application/json", "application/json", "application/x-ndjson", "text/html", "text/plain", "garbage/!!", null, "multipart/form-data; boundary=x", "application/x-www-form-urlencoded"];

    private static readonly string[] ExtraPaths =
        ["/api/pages?url={url}", "/api/articles/bulk", "/api/events", "/widget.js", "/", "/api/nothing/{id}", "/api/articles/{id}/{id}", "/{id}"];

    public HttpRequestMessage Next()
    {
        var (method, path, query) = random.Next(10) < 8 ? Pick(operations) : new Operation(Pick(["GET", "POST", "DELETE", "PUT", "PATCH"]), Pick(ExtraPaths), []);
        if (random.Next(20) == 0) method = Pick(["GET", "POST", "DELETE", "PUT", "PATCH", "HEAD", "OPTIONS"]);
        var target = new StringBuilder(System.Text.RegularExpressions.Regex.Replace(path, @"\{[^}]+\}", _ => PathValue()));
        var parameters = query.Where(_ => random.Next(10) < 6).Select(name => $"{name}={Uri.EscapeDataString(Value())}").ToList();
        if (random.Next(10) == 0) parameters.Add($"{Uri.EscapeDataString(Value())}={Uri.EscapeDataString(Value())}");
        if (random.Next(50) == 0) parameters.Add("q=" + new string('y', 9_000));
        if (parameters.Count > 0) target.Append(path.Contains('?') ? '&' : '?').AppendJoin('&', parameters);

        var request = new HttpRequestMessage(new HttpMethod(method), target.ToString().Replace("{url}", Uri.EscapeDataString(Pick(["https://example.vn/bai-" + random.Next(1000), Value()]))));
        if (method is "POST" or "PUT" or "PATCH" || (method == "DELETE" && random.Next(4) == 0)) request.Content = Body();
        switch (random.Next(10))
        {
            case 0: break; // no key
            case 1: request.Headers.TryAddWithoutValidation("X-Api-Key", Pick(["wrong", "", new string('k', 2000), "cpk_?=;,\t"])); break;
            default: request.Headers.Add("X-Api-Key", TestKeys.Key); break;
        }
        if (random.Next(8) == 0) request.Headers.TryAddWithoutValidation("Origin", Pick(["http://news.example", "http://attacker.example", "null"]));
        return request;
    }

    private string PathValue() => random.Next(3) switch
    {
        0 => Pick(knownIds),
        1 => Pick(["%00", "a%00b", "%2E%2E", "..", "%2F", "a%20b", "%C3%28"]),
        _ => Uri.EscapeDataString(Value()),
    };

    private HttpContent Body()
    {
        var type = Pick(ContentTypes);
        byte[] bytes = random.Next(9) switch
        {
            0 => [],
            1 => RandomBytes(random.Next(1, 4_000)),
            2 => Encoding.UTF8.GetBytes(string.Join('\n', Enumerable.Range(0, random.Next(1, 30)).Select(_ => random.Next(3) == 0 ? Value() : Article().ToJsonString()))),
            3 => Encoding.UTF8.GetBytes($"<html><head><title>{Value()}</title></head><body><article><h1>{Value()}</h1><p>{Value()}</p></article></body></html>"),
            4 => Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { readerId = Value(), events = Enumerable.Range(0, random.Next(0, 250)).Select(_ => new { type = Pick(["view", "click", "impression", Value()]), articleId = Pick([.. knownIds, Value()]), position = random.Next(-2, 30) }) })),
            5 => Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { articleId = Pick(knownIds), expiresAt = Value(), startsAt = Value() })),
            6 => Encoding.UTF8.GetBytes(new string('[', random.Next(1, 3_000))),
            _ => Encoding.UTF8.GetBytes(Article().ToJsonString()),
        };
        var content = new ByteArrayContent(bytes);
        if (type is not null) content.Headers.TryAddWithoutValidation("Content-Type", type);
        return content;
    }

    /// <summary>An article whose fields are each, now and then, of the wrong kind or value.</summary>
    private JsonObject Article()
    {
        var article = new JsonObject();
        foreach (var field in new[] { "id", "url", "title", "lead", "body", "category", "author", "publishedAt", "language", "tags", "captions", "isTeaser", "linkedArticles" })
        {
            if (random.Next(4) == 0) continue;
            article[field] = random.Next(8) switch
            {
                0 => JsonValue.Create(random.Next()),
                1 => new JsonArray(JsonValue.Create(Value()), JsonValue.Create(random.NextDouble())),
                2 => null,
                3 => new JsonObject { ["nested"] = Value() },
                _ => field == "id" ? $"fuzz-{random.Next(200)}" : Value(),
            };
        }
        return article;
    }

    private byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    private string Value() => Pick(Values);

    private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];
}
