using System.Text;
using System.Text.Json;
using RabbitMQ.Client;

namespace ContentPipeline.ServiceDefaults.Messaging;

/// <summary>One parked message: where it was going, why it was parked, and which article it is about.</summary>
public sealed record ParkedMessage(string Queue, string? MessageId, string? MessageType, string? ArticleId, long? Version, string? Reason, DateTimeOffset? ParkedAt);

/// <summary>How many messages wait in a queue's parking queues.</summary>
public sealed record ParkedQueue(string Queue, uint Faulted, uint Skipped);

/// <summary>
/// The parked messages of the pipeline's queues on RabbitMQ: <c>queue_error</c> holds what failed after its retries
/// (or broke the article rules), with the fault in its headers; <c>queue_skipped</c> what no consumer there knew.
/// Messages can be read without taking them, sent back to their queue (replay) or dropped (purge), over AMQP alone:
/// no management or shovel plugin is needed.
/// </summary>
public sealed class ParkedMessages : IAsyncDisposable
{
    public const string ErrorSuffix = "_error";
    public const string SkippedSuffix = "_skipped";

    private readonly IConnection _connection;

    private ParkedMessages(IConnection connection) => _connection = connection;

    /// <summary>Every queue of the pipeline (the consumers' endpoints).</summary>
    public static IReadOnlyList<string> Queues => [.. PipelineTopology.Subscribers.Values.SelectMany(q => q).Distinct().Order()];

    public static async Task<ParkedMessages> ConnectAsync(string amqpUrl, CancellationToken ct = default)
    {
        var factory = new ConnectionFactory { Uri = new Uri(amqpUrl), ClientProvidedName = "contentpipeline-parked" };
        return new ParkedMessages(await factory.CreateConnectionAsync(ct));
    }

    public async Task<IReadOnlyList<ParkedQueue>> CountAsync(CancellationToken ct = default)
    {
        var counts = new List<ParkedQueue>();
        foreach (var queue in Queues)
            counts.Add(new ParkedQueue(queue, await DepthAsync(queue + ErrorSuffix, ct), await DepthAsync(queue + SkippedSuffix, ct)));
        return counts;
    }

    /// <summary>Reads the parked messages of one queue without taking them: they are all put back as they were.</summary>
    public async Task<IReadOnlyList<ParkedMessage>> ListAsync(string queue, int max = 1000, CancellationToken ct = default)
    {
        // A queue that never parked anything may not exist yet.
        if (await DepthAsync(ParkingQueue(queue), ct) == 0) return [];
        await using var channel = await _connection.CreateChannelAsync(cancellationToken: ct);
        var parked = new List<ParkedMessage>();
        for (var i = 0; i < max; i++)
        {
            var got = await channel.BasicGetAsync(ParkingQueue(queue), autoAck: false, ct);
            if (got is null) break;
            parked.Add(Describe(queue, got));
        }
        // Unacknowledged, they go back to the queue when the channel closes; nacking them now says so at once.
        if (parked.Count > 0) await channel.BasicNackAsync(0, multiple: true, requeue: true, ct);
        return parked;
    }

    /// <summary>Sends parked messages back to the queue they failed in (all, or the one with <paramref name="messageId"/>); the count sent.</summary>
    public Task<int> ReplayAsync(string queue, string? messageId, CancellationToken ct = default) =>
        TakeAsync(queue, messageId, async (channel, got) =>
        {
            var properties = new BasicProperties(got.BasicProperties) { Persistent = true };
            // The fault that parked it is history; left on, it would read as the reason for a new failure.
            properties.Headers = got.BasicProperties.Headers?.Where(h => !h.Key.StartsWith("MT-Fault-", StringComparison.Ordinal) && h.Key != "MT-Reason")
                .ToDictionary(h => h.Key, h => h.Value);
            await channel.BasicPublishAsync("", queue, mandatory: true, properties, got.Body, ct);
        }, ct);

    /// <summary>Drops parked messages (all, or the one with <paramref name="messageId"/>); the count dropped.</summary>
    public Task<int> PurgeAsync(string queue, string? messageId, CancellationToken ct = default) =>
        TakeAsync(queue, messageId, (_, _) => Task.CompletedTask, ct);

    public async ValueTask DisposeAsync()
    {
        await _connection.CloseAsync();
        _connection.Dispose();
    }

    /// <summary>
    /// Takes each parked message (or the one asked for) and acts on it, acknowledging it only once the broker has
    /// confirmed what was done: a replay that fails halfway leaves the message parked, not lost.
    /// </summary>
    private async Task<int> TakeAsync(string queue, string? messageId, Func<IChannel, BasicGetResult, Task> act, CancellationToken ct)
    {
        if (!Queues.Contains(queue)) throw new ArgumentException($"'{queue}' is not a queue of the pipeline; they are {string.Join(", ", Queues)}.");
        await using var channel = await _connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), ct);
        var done = 0;
        var seen = await DepthAsync(ParkingQueue(queue), ct);
        for (var i = 0; i < seen; i++)
        {
            var got = await channel.BasicGetAsync(ParkingQueue(queue), autoAck: false, ct);
            if (got is null) break;
            if (messageId is not null && Describe(queue, got).MessageId != messageId) continue;
            await act(channel, got);
            await channel.BasicAckAsync(got.DeliveryTag, multiple: false, ct);
            done++;
            if (messageId is not null) break;
        }
        // What was looked at and not taken goes back when the channel closes.
        return done;
    }

    private static string ParkingQueue(string queue) => queue.EndsWith(ErrorSuffix) || queue.EndsWith(SkippedSuffix) ? queue : queue + ErrorSuffix;

    private async Task<uint> DepthAsync(string queue, CancellationToken ct)
    {
        // A passive declare of a missing queue closes the channel: one channel per look.
        await using var channel = await _connection.CreateChannelAsync(cancellationToken: ct);
        try { return (await channel.QueueDeclarePassiveAsync(queue, ct)).MessageCount; }
        catch (RabbitMQ.Client.Exceptions.OperationInterruptedException) { return 0; }
    }

    private static ParkedMessage Describe(string queue, BasicGetResult got)
    {
        var headers = got.BasicProperties.Headers ?? new Dictionary<string, object?>();
        string? Header(string name) => headers.TryGetValue(name, out var value) ? value switch
        {
            byte[] bytes => Encoding.UTF8.GetString(bytes),
            null => null,
            var other => other.ToString(),
        } : null;

        string? messageId = got.BasicProperties.MessageId, type = null, articleId = null;
        long? version = null;
        try
        {
            using var envelope = JsonDocument.Parse(got.Body);
            var root = envelope.RootElement;
            if (root.TryGetProperty("messageId", out var id)) messageId = id.GetString();
            if (root.TryGetProperty("messageType", out var types) && types.ValueKind == JsonValueKind.Array && types.GetArrayLength() > 0)
                type = types[0].GetString();
            if (root.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.Object)
            {
                if (message.TryGetProperty("articleId", out var article) && article.ValueKind == JsonValueKind.String) articleId = article.GetString();
                if (message.TryGetProperty("version", out var v) && v.TryGetInt64(out var number)) version = number;
            }
        }
        catch (JsonException)
        {
            // Not a MassTransit envelope: shown with what the headers say.
        }
        var reason = Header("MT-Fault-Message") is { } fault ? $"{Header("MT-Fault-ExceptionType")}: {fault}" : Header("MT-Reason");
        var parkedAt = DateTimeOffset.TryParse(Header("MT-Fault-Timestamp"), out var at) ? at : (DateTimeOffset?)null;
        return new ParkedMessage(queue, messageId, type, articleId, version, reason, parkedAt);
    }
}
