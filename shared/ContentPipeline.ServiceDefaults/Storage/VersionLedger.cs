using Dapper;

namespace ContentPipeline.ServiceDefaults.Storage;

/// <summary>
/// The newest version of each article a consumer has handled, so it can tell a new version from a redelivery
/// (same version) and from a late older one.
/// </summary>
public sealed class VersionLedger(Database database, string table)
{
    public static Migration CreateTable(int version, string table) =>
        new(version, $"{table} version ledger", _ => $"CREATE TABLE {table} (article_id TEXT PRIMARY KEY, version BIGINT NOT NULL)");

    /// <summary>The newest version handled for the article, or null when none was.</summary>
    public async Task<long?> SeenAsync(string articleId, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            $"SELECT version FROM {table} WHERE article_id = @articleId", new { articleId }, cancellationToken: ct));
    }

    /// <summary>Records the version as handled; an older one never overwrites a newer.</summary>
    public async Task RecordAsync(string articleId, long version, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            $"""
            INSERT INTO {table} (article_id, version) VALUES (@articleId, @version)
            ON CONFLICT (article_id) DO UPDATE SET version = excluded.version WHERE {table}.version < excluded.version
            """, new { articleId, version }, cancellationToken: ct));
    }
}
