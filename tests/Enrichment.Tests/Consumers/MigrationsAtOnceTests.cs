using ContentPipeline.Enrichment.Consumers;
using ContentPipeline.Enrichment.Corpus;
using ContentPipeline.ServiceDefaults.Storage;
using ContentPipeline.Testing;

namespace ContentPipeline.Enrichment.Tests.Consumers;

/// <summary>Replicas started together on a new PostgreSQL database (compose scaling a service) all start.</summary>
public sealed class MigrationsAtOnceTests
{
    [Fact]
    public async Task Four_replicas_migrating_a_new_database_at_once_all_succeed_and_each_step_is_applied_once()
    {
        // Found with two enrichment processes started together: both created enrichment_versions, one failed to start.
        var database = Database.Postgres(await TestServices.PostgresAsync());
        Migration[] migrations = [VersionLedger.CreateTable(1, "enrichment_versions"), .. CorpusStore.Migrations];

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
            MigrationRunner.ApplyAsync(database, "enrichment", migrations, TestContext.Current.CancellationToken))));

        await using var connection = await database.OpenAsync(TestContext.Current.CancellationToken);
        var applied = await Dapper.SqlMapper.QueryAsync<int>(connection, "SELECT version FROM schema_migrations WHERE service = 'enrichment' ORDER BY version");
        Assert.Equal(migrations.Select(m => m.Version).Order(), applied);
    }
}
