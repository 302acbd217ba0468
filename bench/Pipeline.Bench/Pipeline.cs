using System.Data.Common;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace ContentPipeline.Pipeline.Bench;

/// <summary>One mode of the pipeline as the bench drives and watches it.</summary>
/// <param name="StageCounts">How many articles at a version from the one given on stand at each stage (submitted, enriched, indexed, recommended), from ingest's store.</param>
/// <param name="QueueDepths">Messages waiting in each consumer queue (distributed only).</param>
internal sealed record Pipeline(
    string Mode,
    HttpClient Ingest,
    HttpClient Search,
    HttpClient Recommendation,
    Func<long, Task<long[]>> StageCounts,
    Func<Task<IReadOnlyDictionary<string, long>>>? QueueDepths,
    IReadOnlyList<(string Name, IReadOnlyList<int> Pids)> Processes)
{
    /// <summary>
    /// Articles at <paramref name="fromVersion"/> or later at each stage in ingest's store (PostgreSQL or SQLite),
    /// indexed by ArticleStage: 1 submitted … 4 recommended.
    /// </summary>
    public static async Task<long[]> StagesAsync(DbConnection ingestStore, long fromVersion)
    {
        await using var query = ingestStore.CreateCommand();
        query.CommandText = $"SELECT stage, count(*) FROM ingest_articles WHERE version >= {fromVersion} GROUP BY stage";
        await using var reader = await query.ExecuteReaderAsync();
        var counts = new long[5];
        while (await reader.ReadAsync())
            if (Convert.ToInt64(reader.GetValue(0)) is var stage and >= 1 and <= 4) counts[stage] = Convert.ToInt64(reader.GetValue(1));
        return counts;
    }

    /// <summary>Depths of the consumer queues of a RabbitMQ virtual host, from the management API.</summary>
    public static Func<Task<IReadOnlyDictionary<string, long>>> RabbitMqQueues(string managementUrl, string amqpUrl)
    {
        var management = new Uri(managementUrl);
        var http = new HttpClient { BaseAddress = new Uri(management.GetLeftPart(UriPartial.Authority)) };
        var user = Uri.UnescapeDataString(management.UserInfo);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(user)));
        var vhost = Uri.EscapeDataString(Uri.UnescapeDataString(new Uri(amqpUrl).AbsolutePath.TrimStart('/')) is { Length: > 0 } v ? v : "/");
        return async () =>
        {
            var queues = await http.GetFromJsonAsync<JsonArray>($"/api/queues/{vhost}?columns=name,messages");
            return queues!.Select(q => q!.AsObject())
                .Where(q => !q["name"]!.GetValue<string>().EndsWith("_error", StringComparison.Ordinal) && !q["name"]!.GetValue<string>().EndsWith("_skipped", StringComparison.Ordinal))
                .ToDictionary(q => q["name"]!.GetValue<string>(), q => q["messages"]?.GetValue<long>() ?? 0);
        };
    }
}
