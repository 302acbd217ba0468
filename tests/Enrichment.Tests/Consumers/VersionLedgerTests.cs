using ContentPipeline.ServiceDefaults.Storage;
using ContentPipeline.Testing;

namespace ContentPipeline.Enrichment.Tests.Consumers;

/// <summary>The ledger that makes enrichment idempotent on (ArticleId, Version), on both stores.</summary>
public abstract class VersionLedgerContract : IAsyncLifetime
{
    private VersionLedger _ledger = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected abstract Task<Database> OpenAsync();

    public async ValueTask InitializeAsync()
    {
        var database = await OpenAsync();
        await MigrationRunner.ApplyAsync(database, "enrichment", [VersionLedger.CreateTable(1, "enrichment_versions")], Ct);
        _ledger = new VersionLedger(database, "enrichment_versions");
    }

    public virtual ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task The_newest_handled_version_is_remembered_per_article()
    {
        Assert.Null(await _ledger.SeenAsync("a", Ct));
        await _ledger.RecordAsync("a", 2, Ct);
        Assert.Equal(2, await _ledger.SeenAsync("a", Ct));
        Assert.Null(await _ledger.SeenAsync("b", Ct));
    }

    [Fact]
    public async Task Recording_an_older_version_never_lowers_the_mark()
    {
        await _ledger.RecordAsync("a", 5, Ct);
        await _ledger.RecordAsync("a", 3, Ct);
        Assert.Equal(5, await _ledger.SeenAsync("a", Ct));
    }
}

public sealed class SqliteVersionLedgerTests : VersionLedgerContract, IDisposable
{
    private readonly TempDirectory _folder = new();
    protected override Task<Database> OpenAsync() => Task.FromResult(Database.Sqlite(_folder.Sub("enrichment.db")));
    public void Dispose() => _folder.Dispose();
}

public sealed class PostgresVersionLedgerTests : VersionLedgerContract
{
    protected override async Task<Database> OpenAsync() => Database.Postgres(await TestServices.PostgresAsync());
}
