using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ContentPipeline.ServiceDefaults.Storage;

public static class StorageExtensions
{
    /// <summary>
    /// Registers the service's store: "{name}.db" in the data directory, or the database of
    /// ConnectionStrings:Postgres. Its migrations run at start, before the bus takes messages.
    /// </summary>
    public static WebApplicationBuilder AddDatabase<TMarker>(this WebApplicationBuilder builder, string name, params Migration[] migrations)
    {
        builder.Services.AddKeyedSingleton<Database>(typeof(TMarker), (sp, _) =>
            Database.FromConfiguration(sp.GetRequiredService<IOptions<PipelineOptions>>().Value, builder.Configuration, name));
        // Not AddHostedService: it keeps one registration per implementation type, and every service has its own runner.
        builder.Services.AddSingleton<IHostedService>(sp => new MigrationRunner(
            sp.GetRequiredKeyedService<Database>(typeof(TMarker)), name, migrations, sp.GetRequiredService<ILogger<MigrationRunner>>()));
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration($"{name}-store",
            sp => new DatabaseHealthCheck(sp.GetRequiredKeyedService<Database>(typeof(TMarker))),
            HealthStatus.Unhealthy, [ServiceDefaultsExtensions.ReadyTag]));
        return builder;
    }

    private sealed class DatabaseHealthCheck(Database database) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
        {
            try
            {
                await using var connection = await database.OpenAsync(ct);
                await connection.ExecuteScalarAsync<int>(new CommandDefinition("SELECT 1", cancellationToken: ct));
                return HealthCheckResult.Healthy();
            }
            catch (Exception ex)
            {
                return HealthCheckResult.Unhealthy($"{database.Kind} store unreachable", ex);
            }
        }
    }
}

/// <summary>One schema step. <paramref name="Sql"/> receives the database so it can use engine-specific column types.</summary>
public sealed record Migration(int Version, string Description, Func<Database, string> Sql);

/// <summary>Applies a service's migrations in order, once each, recording them in schema_migrations.</summary>
public sealed class MigrationRunner(Database database, string service, IReadOnlyList<Migration> migrations, ILogger<MigrationRunner> logger) : IHostedService
{
    /// <summary>Applies the migrations now, outside a host (tools, benchmarks, tests).</summary>
    public static Task ApplyAsync(Database database, string service, IReadOnlyList<Migration> migrations, CancellationToken ct) =>
        new MigrationRunner(database, service, migrations, Microsoft.Extensions.Logging.Abstractions.NullLogger<MigrationRunner>.Instance).StartAsync(ct);

    /// <summary>
    /// The PostgreSQL advisory lock every service's migrations hold while they run: replicas started together (compose scaling one)
    /// would otherwise create the same tables at once, and all but one fail to start.
    /// </summary>
    private const long MigrationLock = 0x436F6E74656E74;  // "Content"

    public async Task StartAsync(CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var postgres = database.Kind == StoreKind.Postgres;
        // The next replica in waits, then reads what this one applied and applies nothing again. Released by hand: a
        // pooled connection keeps its session, and with it the lock, when it goes back to the pool.
        if (postgres) await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_lock(@MigrationLock)", new { MigrationLock }, cancellationToken: ct));
        try
        {
            await ApplyAsync(connection, ct);
        }
        finally
        {
            if (postgres) await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_unlock(@MigrationLock)", new { MigrationLock }, cancellationToken: CancellationToken.None));
        }
    }

    private async Task ApplyAsync(System.Data.Common.DbConnection connection, CancellationToken ct)
    {
        await connection.ExecuteAsync(new CommandDefinition(
            "CREATE TABLE IF NOT EXISTS schema_migrations (service TEXT NOT NULL, version INTEGER NOT NULL, description TEXT NOT NULL, applied_at BIGINT NOT NULL, PRIMARY KEY (service, version))",
            cancellationToken: ct));
        var applied = (await connection.QueryAsync<int>(new CommandDefinition(
            "SELECT version FROM schema_migrations WHERE service = @service", new { service }, cancellationToken: ct))).ToHashSet();

        foreach (var migration in migrations.OrderBy(m => m.Version).Where(m => !applied.Contains(m.Version)))
        {
            await using var tx = await connection.BeginTransactionAsync(ct);
            await connection.ExecuteAsync(new CommandDefinition(migration.Sql(database), transaction: tx, cancellationToken: ct));
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO schema_migrations (service, version, description, applied_at) VALUES (@service, @version, @description, @at)",
                new { service, version = migration.Version, description = migration.Description, at = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() },
                tx, cancellationToken: ct));
            await tx.CommitAsync(ct);
            logger.LogInformation("Applied {Service} schema migration {MigrationVersion}: {Description}", service, migration.Version, migration.Description);
        }
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
