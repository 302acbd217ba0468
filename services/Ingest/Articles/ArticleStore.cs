using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ContentPipeline.Contracts;
using ContentPipeline.Ingest.Outbox;
using ContentPipeline.Ingest.Sections;
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
public sealed class ArticleStore([FromKeyedServices(typeof(ArticleStore))] Database database, OutboxSignal outbox, TimeProvider clock, SectionNames sections)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>A store on <paramref name="database"/> with its schema up to date, for use outside the service host.</summary>
    public static async Task<ArticleStore> OpenAsync(Database database, CancellationToken ct, SectionNames? sections = null)
    {
        await MigrationRunner.ApplyAsync(database, "ingest", IngestSchema.Migrations, ct);
        return new ArticleStore(database, new OutboxSignal(), TimeProvider.System, sections ?? SectionNames.Shipped);
    }

    /// <summary>The section under the name the site shows for it, the source's own name kept beside it when they differ.</summary>
    private ArticleContent Named(ArticleContent content)
    {
        var given = content.SourceCategory ?? content.Category;
        var name = sections.DisplayName(given);
        return content with { Category = name, SourceCategory = name == given ? null : given };
    }

    /// <summary>Stores each article as a new version unless its content is unchanged. All or nothing.</summary>
    public async Task<IReadOnlyList<SubmitResult>> SubmitAsync(IReadOnlyList<ValidArticle> articles, CancellationToken ct)
    {
        // What needs no database is done before the transaction opens.
        var prepared = articles.Select(a =>
        {
            a = a with { Content = Named(a.Content) };
            var json = JsonSerializer.Serialize(a.Content, Json);
            return (Article: a, Json: json, Hash: Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json))));
        }).ToList();

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = await database.OpenAsync(ct);
                await using var tx = await connection.BeginTransactionAsync(ct);
                var current = await CurrentAsync(connection, tx, prepared.Select(p => p.Article.Id).Distinct().ToList(), ct);
                var at = clock.GetUtcNow().ToUnixTimeMilliseconds();
                var results = new List<SubmitResult>(prepared.Count);
                var writes = new List<object>();
                var events = new List<OutboxEntry>();
                foreach (var (article, json, hash) in prepared)
                {
                    var row = current.GetValueOrDefault(article.Id);
                    // A teaser never replaces what is already known of an article, nor brings a withdrawn one back.
                    if ((row is { Withdrawn: 0 } && row.ContentHash == hash) || (row is not null && article.Content.IsTeaser))
                    {
                        results.Add(new SubmitResult(article.Id, row.Version, SubmitOutcome.Unchanged));
                        continue;
                    }
                    var version = (row?.Version ?? 0) + 1;
                    writes.Add(new { id = article.Id, version, hash, json, stage = (int)ArticleStage.Submitted, at });
                    events.Add(new OutboxEntry(article.Id, version, nameof(ArticleSubmitted), at));
                    current[article.Id] = new CurrentRow { Version = version, ContentHash = hash, Withdrawn = 0 };
                    results.Add(new SubmitResult(article.Id, version, row is null ? SubmitOutcome.Created : SubmitOutcome.Updated));
                }

                // One prepared statement for the whole batch (Dapper runs it once per row).
                var stored = await connection.ExecuteAsync(new CommandDefinition("""
                    INSERT INTO ingest_articles (id, version, content_hash, content, withdrawn, stage, enrichment, created_at, updated_at)
                    VALUES (@id, @version, @hash, @json, 0, @stage, NULL, @at, @at)
                    ON CONFLICT (id) DO UPDATE SET version = excluded.version, content_hash = excluded.content_hash, content = excluded.content,
                        withdrawn = 0, stage = excluded.stage, enrichment = NULL, updated_at = excluded.updated_at
                    WHERE ingest_articles.version < excluded.version
                    """, writes, tx, cancellationToken: ct));
                if (stored != writes.Count) throw new VersionRaceException();
                await EnqueueAsync(connection, tx, events, ct);
                await tx.CommitAsync(ct);
                if (events.Count > 0) outbox.Notify();
                return results;
            }
            catch (VersionRaceException) when (attempt < 3)
            {
            }
        }
    }

    /// <summary>Withdraws the article; null when there is nothing (left) to withdraw.</summary>
    public async Task<long?> WithdrawAsync(string id, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var current = (await CurrentAsync(connection, tx, [id], ct)).GetValueOrDefault(id);
        if (current is null or { Withdrawn: 1 }) return null;

        var version = current.Version + 1;
        var now = clock.GetUtcNow();
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE ingest_articles SET version = @version, withdrawn = 1, updated_at = @at WHERE id = @id",
            new { id, version, at = now.ToUnixTimeMilliseconds() }, tx, cancellationToken: ct));
        await EnqueueAsync(connection, tx, [new OutboxEntry(id, version, nameof(ArticleWithdrawn), now.ToUnixTimeMilliseconds())], ct);
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

    private async Task<Dictionary<string, CurrentRow>> CurrentAsync(DbConnection connection, DbTransaction tx, IReadOnlyList<string> ids, CancellationToken ct)
    {
        // PostgreSQL: lock the rows so two writers of one article cannot both take the same next version.
        // SQLite transactions already hold the database's write lock.
        var sql = database.Kind == StoreKind.Postgres
            ? "SELECT id, version, content_hash AS ContentHash, withdrawn FROM ingest_articles WHERE id = ANY(@ids) FOR UPDATE"
            : "SELECT id, version, content_hash AS ContentHash, withdrawn FROM ingest_articles WHERE id IN @ids";
        var rows = new Dictionary<string, CurrentRow>(StringComparer.Ordinal);
        foreach (var chunk in ids.Chunk(500))
            foreach (var row in await connection.QueryAsync<CurrentRow>(new CommandDefinition(sql, new { ids = chunk }, tx, cancellationToken: ct)))
                rows[row.Id] = row;
        return rows;
    }

    /// <summary>
    /// Outbox rows name the article and version only; the relay reads the content from the article row when it
    /// publishes, so the content is written once, not twice.
    /// </summary>
    private static Task EnqueueAsync(DbConnection connection, DbTransaction tx, IReadOnlyList<OutboxEntry> entries, CancellationToken ct) =>
        connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO ingest_outbox (article_id, version, message_type, created_at) VALUES (@ArticleId, @Version, @MessageType, @CreatedAt)",
            entries, tx, cancellationToken: ct));

    private sealed record OutboxEntry(string ArticleId, long Version, string MessageType, long CreatedAt);

    // Classes with setters, not positional records: Dapper then converts SQLite's and PostgreSQL's integer widths alike.
    private sealed class CurrentRow
    {
        public string Id { get; set; } = "";
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
