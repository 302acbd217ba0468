using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ContentPipeline.Contracts;
using ContentPipeline.Ingest.Outbox;
using ContentPipeline.ServiceDefaults;
using ContentPipeline.ServiceDefaults.Storage;
using Dapper;

namespace ContentPipeline.Ingest.Articles;

public enum SubmitOutcome { Created, Updated, Unchanged }

public sealed record SubmitResult(string Id, long Version, SubmitOutcome Outcome);

public sealed record StoredArticle(string Id, long Version, ArticleContent Content, bool Withdrawn, ArticleStage Stage,
    ArticleEnrichmentView? Enrichment, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>
/// The source of truth. Every change and the event announcing it are written in one transaction (the outbox),
/// so an accepted article is always published, even if the process dies right after the commit.
/// </summary>
public sealed class ArticleStore([FromKeyedServices(typeof(ArticleStore))] Database database, OutboxSignal outbox, TimeProvider clock)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Stores each article as a new version unless its content is unchanged. All or nothing.</summary>
    public async Task<IReadOnlyList<SubmitResult>> SubmitAsync(IReadOnlyList<ValidArticle> articles, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var results = new List<SubmitResult>(articles.Count);
                await using var connection = await database.OpenAsync(ct);
                await using var tx = await connection.BeginTransactionAsync(ct);
                var now = clock.GetUtcNow();
                foreach (var article in articles)
                    results.Add(await SubmitOneAsync(connection, tx, article, now, ct));
                await tx.CommitAsync(ct);
                if (results.Any(r => r.Outcome != SubmitOutcome.Unchanged)) outbox.Notify();
                return results;
            }
            catch (VersionRaceException) when (attempt < 3)
            {
            }
        }
    }

    private async Task<SubmitResult> SubmitOneAsync(DbConnection connection, DbTransaction tx, ValidArticle article, DateTimeOffset now, CancellationToken ct)
    {
        var contentJson = JsonSerializer.Serialize(article.Content, Json);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(contentJson)));
        var current = await CurrentAsync(connection, tx, article.Id, ct);
        if (current is { Withdrawn: 0 } && current.ContentHash == hash)
            return new SubmitResult(article.Id, current.Version, SubmitOutcome.Unchanged);

        var version = (current?.Version ?? 0) + 1;
        var at = now.ToUnixTimeMilliseconds();
        var stored = await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO ingest_articles (id, version, content_hash, content, withdrawn, stage, enrichment, created_at, updated_at)
            VALUES (@id, @version, @hash, @contentJson, 0, @stage, NULL, @at, @at)
            ON CONFLICT (id) DO UPDATE SET version = excluded.version, content_hash = excluded.content_hash, content = excluded.content,
                withdrawn = 0, stage = excluded.stage, enrichment = NULL, updated_at = excluded.updated_at
            WHERE ingest_articles.version < excluded.version
            """, new { id = article.Id, version, hash, contentJson, stage = (int)ArticleStage.Submitted, at }, tx, cancellationToken: ct));
        if (stored == 0) throw new VersionRaceException();
        await EnqueueAsync(connection, tx, new ArticleSubmitted { ArticleId = article.Id, Version = version, Content = article.Content, SubmittedAt = now }, article.Id, version, ct);
        return new SubmitResult(article.Id, version, current is null ? SubmitOutcome.Created : SubmitOutcome.Updated);
    }

    /// <summary>Withdraws the article; null when there is nothing (left) to withdraw.</summary>
    public async Task<long?> WithdrawAsync(string id, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var current = await CurrentAsync(connection, tx, id, ct);
        if (current is null or { Withdrawn: 1 }) return null;

        var version = current.Version + 1;
        var now = clock.GetUtcNow();
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE ingest_articles SET version = @version, withdrawn = 1, updated_at = @at WHERE id = @id",
            new { id, version, at = now.ToUnixTimeMilliseconds() }, tx, cancellationToken: ct));
        await EnqueueAsync(connection, tx, new ArticleWithdrawn { ArticleId = id, Version = version, WithdrawnAt = now }, id, version, ct);
        await tx.CommitAsync(ct);
        outbox.Notify();
        return version;
    }

    public async Task<StoredArticle?> GetAsync(string id, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<ArticleRow>(new CommandDefinition(
            "SELECT id, version, content, withdrawn, stage, enrichment, created_at AS CreatedAt, updated_at AS UpdatedAt FROM ingest_articles WHERE id = @id",
            new { id }, cancellationToken: ct));
        return row is null ? null : new StoredArticle(row.Id, row.Version,
            JsonSerializer.Deserialize<ArticleContent>(row.Content, Json)!, row.Withdrawn == 1, (ArticleStage)row.Stage,
            row.Enrichment is null ? null : JsonSerializer.Deserialize<ArticleEnrichmentView>(row.Enrichment, Json),
            DateTimeOffset.FromUnixTimeMilliseconds(row.CreatedAt), DateTimeOffset.FromUnixTimeMilliseconds(row.UpdatedAt));
    }

    /// <summary>
    /// Records that <paramref name="version"/> reached <paramref name="stage"/>. Events of other versions, and events
    /// of earlier stages arriving late, change nothing.
    /// </summary>
    public async Task<bool> AdvanceAsync(string id, long version, ArticleStage stage, ArticleEnrichmentView? enrichment, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var changed = await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE ingest_articles SET stage = @stage, enrichment = COALESCE(@enrichment, enrichment)
            WHERE id = @id AND version = @version AND withdrawn = 0 AND stage < @stage
            """,
            new { id, version, stage = (int)stage, enrichment = enrichment is null ? null : JsonSerializer.Serialize(enrichment, Json) },
            cancellationToken: ct));
        return changed > 0;
    }

    private async Task<CurrentRow?> CurrentAsync(DbConnection connection, DbTransaction tx, string id, CancellationToken ct)
    {
        // PostgreSQL: lock the row so two writers of one article cannot both take the same next version.
        // SQLite transactions already hold the database's write lock.
        var lockClause = database.Kind == StoreKind.Postgres ? " FOR UPDATE" : "";
        return await connection.QuerySingleOrDefaultAsync<CurrentRow>(new CommandDefinition(
            $"SELECT version, content_hash AS ContentHash, withdrawn FROM ingest_articles WHERE id = @id{lockClause}", new { id }, tx, cancellationToken: ct));
    }

    private static Task EnqueueAsync<T>(DbConnection connection, DbTransaction tx, T message, string id, long version, CancellationToken ct) =>
        connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO ingest_outbox (article_id, version, message_type, payload, created_at) VALUES (@id, @version, @type, @payload, @at)",
            new { id, version, type = typeof(T).Name, payload = JsonSerializer.Serialize(message, Json), at = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() },
            tx, cancellationToken: ct));

    // Classes with setters, not positional records: Dapper then converts SQLite's and PostgreSQL's integer widths alike.
    private sealed class CurrentRow
    {
        public long Version { get; set; }
        public string ContentHash { get; set; } = "";
        public long Withdrawn { get; set; }
    }

    private sealed class ArticleRow
    {
        public string Id { get; set; } = "";
        public long Version { get; set; }
        public string Content { get; set; } = "";
        public long Withdrawn { get; set; }
        public long Stage { get; set; }
        public string? Enrichment { get; set; }
        public long CreatedAt { get; set; }
        public long UpdatedAt { get; set; }
    }

    /// <summary>Another writer took the same next version first; the transaction is retried.</summary>
    private sealed class VersionRaceException() : Exception("Another writer stored this article at the same moment.");
}
