using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace ContentPipeline.Search.Elasticsearch;

/// <summary>
/// Gathers the writes that arrive while a bulk request is on its way into the next one, as Elastic advises for
/// throughput; each caller learns its own item's outcome. Every item's status is read: a version conflict is a
/// redelivery or a stale write, a 429 (the cluster is busy) is sent again after a growing pause, anything else fails
/// that write alone, so the message is retried and, failing that, parked.
/// </summary>
internal sealed class BulkWriter(
    Func<IReadOnlyList<BulkWrite>, CancellationToken, Task<(int Status, JsonNode? Json)>> sendBulk,
    Func<string, CancellationToken, Task<long?>> currentVersion,
    ILogger logger)
{
    private const int MaxBatch = 500;
    private const int MaxAttempts = 6;
    private static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(100);

    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private int _started;

    private sealed record Pending(BulkWrite Write, TaskCompletionSource<WriteOutcome> Outcome, int Attempt);

    public Task<WriteOutcome> WriteAsync(BulkWrite write, CancellationToken ct)
    {
        if (Interlocked.Exchange(ref _started, 1) == 0) _ = Task.Run(RunAsync);
        var pending = new Pending(write, new TaskCompletionSource<WriteOutcome>(TaskCreationOptions.RunContinuationsAsynchronously), 1);
        _queue.Writer.TryWrite(pending);
        // A caller that gives up stops waiting; the write itself is idempotent, so letting it finish is harmless.
        return pending.Outcome.Task.WaitAsync(ct);
    }

    /// <summary>One bulk request at a time; what arrives meanwhile waits and goes in the next.</summary>
    private async Task RunAsync()
    {
        var batch = new List<Pending>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var pending)) batch.Add(pending);
            try
            {
                await SendAsync(batch);
            }
            catch (Exception ex)
            {
                foreach (var pending in batch) pending.Outcome.TrySetException(ex);
            }
        }
    }

    private async Task SendAsync(List<Pending> batch)
    {
        var (status, json) = await sendBulk(batch.Select(p => p.Write).ToList(), CancellationToken.None);
        if (status == 429)
        {
            foreach (var pending in batch) Retry(pending);
            return;
        }
        if (status is < 200 or >= 300)
            throw new HttpRequestException($"Elasticsearch _bulk answered {status}: {json?["error"]?.ToJsonString() ?? "(no body)"}");

        var items = ElasticsearchRequests.BulkItems(json!);
        for (var i = 0; i < batch.Count; i++)
        {
            var (pending, item) = (batch[i], items[i]);
            var write = pending.Write;
            switch (item.Status)
            {
                case 200 or 201:
                    pending.Outcome.TrySetResult(WriteOutcome.Applied);
                    break;
                case 409:
                    // External versioning refused a version that is not newer: equal is a redelivery, lower is stale.
                    var stored = await currentVersion(write.Id, CancellationToken.None);
                    pending.Outcome.TrySetResult(stored == write.Version ? WriteOutcome.AlreadyApplied : WriteOutcome.Stale);
                    break;
                case 429:
                    Retry(pending);
                    break;
                default:
                    pending.Outcome.TrySetException(new HttpRequestException(
                        $"Elasticsearch refused article {write.Id} version {write.Version}: {item.Status} {item.Error}"));
                    break;
            }
        }
    }

    private void Retry(Pending pending)
    {
        var write = pending.Write;
        if (pending.Attempt >= MaxAttempts)
        {
            pending.Outcome.TrySetException(new HttpRequestException(
                $"Elasticsearch was still too busy (429) for article {write.Id} version {write.Version} after {MaxAttempts} attempts"));
            return;
        }
        var pause = FirstPause * Math.Pow(2, pending.Attempt - 1);
        logger.LogWarning("Elasticsearch is busy (429); article {ArticleId} version {Version} goes again in {PauseMs} ms",
            write.Id, write.Version, pause.TotalMilliseconds);
        _ = Task.Delay(pause).ContinueWith(_ => _queue.Writer.TryWrite(pending with { Attempt = pending.Attempt + 1 }), TaskScheduler.Default);
    }
}

/// <summary>One document to write at an external version.</summary>
public sealed record BulkWrite(string Id, long Version, JsonObject Document);

/// <summary>One item of a bulk response: its HTTP status and, when it failed, the error's type and reason.</summary>
public sealed record BulkItemResult(int Status, string? Error);
