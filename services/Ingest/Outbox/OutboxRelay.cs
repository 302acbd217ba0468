using System.Text.Json;
using ContentPipeline.Contracts;
using ContentPipeline.Ingest.Articles;
using ContentPipeline.ServiceDefaults;
using ContentPipeline.ServiceDefaults.Storage;
using Dapper;
using MassTransit;
using Microsoft.Extensions.Options;

namespace ContentPipeline.Ingest.Outbox;

/// <summary>
/// Publishes outbox rows in order and marks them published. A crash between publish and mark publishes a row
/// twice, never zero times; consumers are idempotent on (ArticleId, Version), so twice is harmless.
/// A submission whose article has meanwhile moved on to a newer version is marked without being sent: the newer
/// version's own row follows, and every consumer would ignore the older one anyway.
/// With PostgreSQL, several ingest instances share the work: each locks its batch with SKIP LOCKED.
/// </summary>
public sealed class OutboxRelay(
    [FromKeyedServices(typeof(ArticleStore))] Database database,
    OutboxSignal signal,
    IBus bus,
    IOptions<PipelineOptions> options,
    IHostApplicationLifetime lifetime,
    ILogger<OutboxRelay> logger) : BackgroundService
{
    private const int BatchSize = 200;
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan KeepPublished = TimeSpan.FromDays(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The bus starts with the host; publishing before that would fail.
        if (!await lifetime.WaitForStartAsync(stoppingToken)) return;
        if (options.Value.Transport == TransportKind.InMemory) await RequeueInFlightAsync(stoppingToken);
        var batches = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var published = await PublishBatchAsync(stoppingToken);
                if (++batches % 500 == 0) await PurgePublishedAsync(stoppingToken);
                if (published < BatchSize) await signal.WaitAsync(PollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Outbox relay failed; retrying in {Delay}", PollInterval);
                await Task.Delay(PollInterval, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    public async Task<int> PublishBatchAsync(CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        // SQLite: one relay per file, no transaction needed (and none held open while publishing).
        await using var tx = database.Kind == StoreKind.Postgres ? await connection.BeginTransactionAsync(ct) : null;
        var lockClause = database.Kind == StoreKind.Postgres ? " FOR UPDATE OF o SKIP LOCKED" : "";
        var rows = (await connection.QueryAsync<OutboxRow>(new CommandDefinition($"""
            SELECT o.seq, o.article_id AS ArticleId, o.version, o.message_type AS MessageType, o.created_at AS CreatedAt,
                   a.version AS CurrentVersion, a.content
            FROM ingest_outbox o LEFT JOIN ingest_articles a ON a.id = o.article_id
            WHERE o.published_at IS NULL ORDER BY o.seq LIMIT {BatchSize}{lockClause}
            """, transaction: tx, cancellationToken: ct))).ToList();
        if (rows.Count == 0) return 0;

        foreach (var row in rows)
        {
            var at = DateTimeOffset.FromUnixTimeMilliseconds(row.CreatedAt);
            object? message = row.MessageType switch
            {
                nameof(ArticleWithdrawn) => new ArticleWithdrawn { ArticleId = row.ArticleId, Version = row.Version, WithdrawnAt = at },
                nameof(ArticleSubmitted) when row.CurrentVersion == row.Version && row.Content is not null => new ArticleSubmitted
                {
                    ArticleId = row.ArticleId, Version = row.Version, SubmittedAt = at,
                    Content = JsonSerializer.Deserialize<ArticleContent>(row.Content, ArticleStore.Json)!,
                },
                nameof(ArticleSubmitted) => null, // superseded
                _ => throw new InvalidOperationException($"Outbox row {row.Seq} has unknown message type '{row.MessageType}'."),
            };
            if (message is null)
            {
                logger.LogDebug("Skipped superseded {MessageType} for {ArticleId} v{Version}", row.MessageType, row.ArticleId, row.Version);
                continue;
            }
            await bus.Publish(message, message.GetType(), ct);
            logger.LogDebug("Published {MessageType} for {ArticleId} v{Version}", row.MessageType, row.ArticleId, row.Version);
        }

        // Dapper expands "IN @seqs" into a list for SQLite but sends one array parameter to PostgreSQL.
        var inBatch = database.Kind == StoreKind.Postgres ? "seq = ANY(@seqs)" : "seq IN @seqs";
        await connection.ExecuteAsync(new CommandDefinition(
            $"UPDATE ingest_outbox SET published_at = @at WHERE {inBatch}",
            new { at = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), seqs = rows.Select(r => r.Seq).ToArray() }, tx, cancellationToken: ct));
        if (tx is not null) await tx.CommitAsync(ct);
        return rows.Count;
    }

    /// <summary>
    /// The in-memory bus loses what is in flight when the process stops. At start, every article whose current
    /// version has not come all the way through, and every withdrawal of the last day, is queued again; consumers
    /// are idempotent, so what did arrive is not changed twice.
    /// </summary>
    public async Task<int> RequeueInFlightAsync(CancellationToken ct)
    {
        var requeued = await RequeueAsync(database, everything: false, ct);
        if (requeued > 0) logger.LogInformation("Queued {Count} articles again that were still in flight when the process last stopped", requeued);
        return requeued;
    }

    /// <summary>
    /// Queues articles in the outbox again at their current version: those not yet all the way through (and the last
    /// day's withdrawals), or, with <paramref name="everything"/>, every published article (to fill a new index).
    /// An article already waiting in the outbox is not queued twice.
    /// </summary>
    public static async Task<int> RequeueAsync(Database database, bool everything, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var which = everything
            ? "a.withdrawn = 0"
            : "((a.withdrawn = 0 AND a.stage < @recommended) OR (a.withdrawn = 1 AND a.updated_at > @dayAgo))";
        return await connection.ExecuteAsync(new CommandDefinition($"""
            INSERT INTO ingest_outbox (article_id, version, message_type, created_at)
            SELECT a.id, a.version, CASE WHEN a.withdrawn = 1 THEN '{nameof(ArticleWithdrawn)}' ELSE '{nameof(ArticleSubmitted)}' END, a.updated_at
            FROM ingest_articles a
            WHERE {which}
              AND NOT EXISTS (SELECT 1 FROM ingest_outbox o WHERE o.article_id = a.id AND o.version = a.version AND o.published_at IS NULL)
            """, new { recommended = (int)ArticleStage.Recommended, dayAgo = DateTimeOffset.UtcNow.AddDays(-1).ToUnixTimeMilliseconds() },
            cancellationToken: ct));
    }

    private async Task PurgePublishedAsync(CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM ingest_outbox WHERE published_at IS NOT NULL AND published_at < @before",
            new { before = DateTimeOffset.UtcNow.Subtract(KeepPublished).ToUnixTimeMilliseconds() }, cancellationToken: ct));
    }


    private sealed class OutboxRow
    {
        public long Seq { get; set; }
        public string ArticleId { get; set; } = "";
        public long Version { get; set; }
        public string MessageType { get; set; } = "";
        public long CreatedAt { get; set; }
        public long? CurrentVersion { get; set; }
        public string? Content { get; set; }
    }
}
