using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ContentPipeline.Testing;

namespace ContentPipeline.EndToEnd.Tests.Faults;

/// <summary>
/// Two enrichment replicas as processes, competing for one queue on RabbitMQ and sharing one PostgreSQL database: copies
/// and rewrites of a report are one story whichever replica the broker gives them to, and whenever (issue 19).
/// </summary>
public sealed partial class StoriesAcrossReplicasTests
{
    private const string Title = "Hà Nội thí điểm phân luồng xe buýt nhanh trên đường Lê Văn Lương";
    private const string Body =
        "Sở Giao thông vận tải Hà Nội cho biết từ tuần sau, xe buýt nhanh BRT sẽ được thí điểm chạy làn riêng có dải phân cách " +
        "cứng trên đường Lê Văn Lương, đoạn từ Kim Mã đến Khuất Duy Tiến. Người dân đi xe máy được khuyến cáo không đi vào làn này " +
        "vào giờ cao điểm, lực lượng thanh tra giao thông sẽ túc trực tại các nút giao lớn để hướng dẫn.";

    [Fact]
    public async Task Copies_and_rewrites_sent_to_either_replica_join_the_story_of_the_report()
    {
        using var data = new TempDirectory();
        var settings = await DistributedSettings.CreateAsync();
        settings["RateLimits:Enabled"] = "false";
        using var services = new ServiceProcesses(data, settings);
        var ingest = await services.StartAsync("Ingest");
        // Each replica logs what it enriched, so the test can see that both took part.
        var logged = new Dictionary<string, string?> { ["Serilog:MinimumLevel:Default"] = "Information" };
        ServiceProcess[] replicas = [await services.StartAsync("Enrichment", "Enrichment-1", logged), await services.StartAsync("Enrichment", "Enrichment-2", logged)];

        // The report first, on whichever replica; then, in one bulk, exact copies (enriched at the same moment on both),
        // rewrites of its headline and articles of their own.
        await PostAsync(ingest.Client, [("report", Title, Body)]);
        Assert.Equal("report", await StoryAsync(ingest.Client, "report"));
        var copies = Enumerable.Range(0, 8).Select(i => ($"copy-{i}", Title, Body)).ToList();
        var rewrites = new[] { "Cập nhật: ", "Tin mới: ", "Hôm nay: ", "Giao thông: ", "Tin nóng: ", "Đọc nhanh: ", "Thời sự: ", "Chú ý: " }
            .Select((prefix, i) => ($"rewrite-{i}", prefix + Title, Body)).ToList();
        var others = new[]
        {
            ("other-0", "Đội tuyển bóng đá nữ Việt Nam tập trung chuẩn bị cho vòng loại", "Huấn luyện viên triệu tập 28 cầu thủ cho đợt tập trung tại Trung tâm đào tạo bóng đá trẻ, chuẩn bị cho hai trận giao hữu và vòng loại châu lục vào tháng tới."),
            ("other-1", "Giá vàng trong nước tăng mạnh phiên đầu tuần", "Giá vàng miếng trong nước tăng thêm gần một triệu đồng mỗi lượng sáng đầu tuần, theo đà tăng của giá vàng thế giới khi đồng USD suy yếu và nhà đầu tư tìm nơi trú ẩn."),
        };
        await PostAsync(ingest.Client, [.. copies, .. rewrites, .. others]);

        foreach (var (id, _, _) in copies.Concat(rewrites)) Assert.Equal("report", await StoryAsync(ingest.Client, id));
        foreach (var (id, _, _) in others) Assert.Equal(id, await StoryAsync(ingest.Client, id));
        // Each console line names the article it is about (as `docker compose logs` shows it): both replicas took part,
        // and together they enriched every article. A line reaches the console a moment after the story reaches ingest.
        var every = string.Join(' ', copies.Concat(rewrites).Concat(others).Select(a => a.Item1).Append("report").Order());
        await Eventually.Until(() => Task.FromResult(string.Join(' ', EnrichedBy(replicas).SelectMany(ids => ids).Distinct().Order())),
            named => named == every, "the replicas' consoles name every article");
        Assert.All(EnrichedBy(replicas), Assert.NotEmpty);
        // What an operator watches: each replica's /metrics counts the articles it enriched; together, every one.
        var enriched = await Eventually.Until(() => Task.WhenAll(replicas.Select(replica => ConsumedAsync(replica.Client, "EnrichArticleConsumer"))),
            counts => counts.Sum() == 1 + copies.Count + rewrites.Count + others.Length, "the replicas' /metrics count every article");
        Assert.All(enriched, count => Assert.True(count > 0));
    }

    /// <summary>The articles each replica's console says it enriched.</summary>
    private static List<List<string>> EnrichedBy(IEnumerable<ServiceProcess> replicas) => replicas
        .Select(replica => replica.Output.Where(line => line.Contains("Enriched:"))
            .Select(line => EnrichedArticle().Match(line)).Select(match => match.Success ? match.Groups[1].Value : "a line naming no article").ToList())
        .ToList();

    [GeneratedRegex(@"\(article (\S+) v1\)$")]
    private static partial Regex EnrichedArticle();

    /// <summary>How many messages the consumer finished, as the process's /metrics says (MassTransit's consume counter).</summary>
    private static async Task<double> ConsumedAsync(HttpClient service, string consumer) =>
        (await service.GetStringAsync("/metrics")).Split('\n')
            .Where(line => line.StartsWith("masstransit_messaging_masstransit_consume{") && line.Contains($"consumer_type=\"{consumer}\""))
            .Sum(line => double.Parse(line[(line.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture));

    private static async Task PostAsync(HttpClient ingest, IReadOnlyList<(string Id, string Title, string Body)> articles)
    {
        var ndjson = string.Join('\n', articles.Select(a => new JsonObject { ["id"] = a.Id, ["title"] = a.Title, ["body"] = a.Body, ["category"] = "Giao thông" }.ToJsonString()));
        var response = await ingest.PostAsync("/api/articles/bulk", new StringContent(ndjson, Encoding.UTF8, "application/x-ndjson"));
        Assert.Equal(articles.Count, (await response.Content.ReadFromJsonAsync<JsonObject>())!["accepted"]!.GetValue<int>());
    }

    /// <summary>The article's story once it is enriched.</summary>
    private static async Task<string> StoryAsync(HttpClient ingest, string id) =>
        (await Eventually.Until(async () => (await ingest.GetFromJsonAsync<JsonObject>($"/api/articles/{id}"))!["enrichment"]?["storyId"]?.GetValue<string>(),
            story => story is not null, $"{id} is enriched", TimeSpan.FromMinutes(1)))!;
}
