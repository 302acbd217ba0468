using ContentPipeline.Contracts;
using ContentPipeline.Ingest.Articles;
using ContentPipeline.ServiceDefaults.Storage;
using ContentPipeline.Testing;
using Dapper;

namespace ContentPipeline.Ingest.Tests.Articles;

/// <summary>The store's promises, held on SQLite (embedded) and on PostgreSQL (distributed).</summary>
public abstract class ArticleStoreContract : IAsyncLifetime
{
    private Database _database = null!;
    protected ArticleStore Store { get; private set; } = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected abstract Task<Database> OpenDatabaseAsync();

    public async ValueTask InitializeAsync()
    {
        _database = await OpenDatabaseAsync();
        Store = await ArticleStore.OpenAsync(_database, Ct);
    }

    public virtual ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static ValidArticle Article(string id, string title, string body = "Nội dung") => new(id, new ArticleContent { Title = title, Body = body });

    private async Task<List<(string Type, long Version)>> Outbox(string id)
    {
        await using var connection = await _database.OpenAsync(Ct);
        return (await connection.QueryAsync<(string, long)>("SELECT message_type, version FROM ingest_outbox WHERE article_id = @id ORDER BY seq", new { id })).ToList();
    }

    [Fact]
    public async Task Same_content_again_makes_no_new_version_and_no_event()
    {
        Assert.Equal(SubmitOutcome.Created, (await Store.SubmitAsync([Article("a", "Tiêu đề")], Ct))[0].Outcome);
        var again = (await Store.SubmitAsync([Article("a", "Tiêu đề")], Ct))[0];
        Assert.Equal((1L, SubmitOutcome.Unchanged), (again.Version, again.Outcome));
        Assert.Equal([("ArticleSubmitted", 1L)], await Outbox("a"));
    }

    [Fact]
    public async Task Changed_content_makes_the_next_version_and_an_event_in_the_same_transaction()
    {
        await Store.SubmitAsync([Article("a", "Một")], Ct);
        var changed = (await Store.SubmitAsync([Article("a", "Hai")], Ct))[0];
        Assert.Equal((2L, SubmitOutcome.Updated), (changed.Version, changed.Outcome));
        Assert.Equal([("ArticleSubmitted", 1L), ("ArticleSubmitted", 2L)], await Outbox("a"));
        Assert.Equal("Hai", (await Store.GetAsync("a", Ct))!.Content.Title);
    }

    [Fact]
    public async Task Withdrawal_takes_the_next_version_and_a_later_submission_the_one_after()
    {
        await Store.SubmitAsync([Article("a", "Một")], Ct);
        Assert.Equal(2, await Store.WithdrawAsync("a", Ct));
        Assert.Null(await Store.WithdrawAsync("a", Ct));
        Assert.True((await Store.GetAsync("a", Ct))!.Withdrawn);
        var back = (await Store.SubmitAsync([Article("a", "Một")], Ct))[0];
        Assert.Equal(3, back.Version);
        Assert.Equal([("ArticleSubmitted", 1L), ("ArticleWithdrawn", 2L), ("ArticleSubmitted", 3L)], await Outbox("a"));
    }

    [Fact]
    public async Task Withdrawing_an_unknown_article_changes_nothing()
    {
        Assert.Null(await Store.WithdrawAsync("missing", Ct));
        Assert.Empty(await Outbox("missing"));
    }

    [Fact]
    public async Task Progress_follows_only_the_current_version_and_never_goes_back()
    {
        await Store.SubmitAsync([Article("a", "Một")], Ct);
        await Store.SubmitAsync([Article("a", "Hai")], Ct);
        Assert.False(await Store.AdvanceAsync("a", 1, ArticleStage.Indexed, null, Ct));
        Assert.True(await Store.AdvanceAsync("a", 2, ArticleStage.Indexed, null, Ct));
        Assert.False(await Store.AdvanceAsync("a", 2, ArticleStage.Enriched, null, Ct));
        Assert.Equal(ArticleStage.Indexed, (await Store.GetAsync("a", Ct))!.Stage);
    }

    [Fact]
    public async Task A_batch_is_stored_all_together()
    {
        var results = await Store.SubmitAsync([Article("a", "Một"), Article("b", "Hai"), Article("a", "Ba")], Ct);
        Assert.Equal([1L, 1L, 2L], results.Select(r => r.Version));
        Assert.Equal("Ba", (await Store.GetAsync("a", Ct))!.Content.Title);
    }

    [Fact]
    public async Task Concurrent_writers_of_one_article_get_distinct_versions()
    {
        var writes = Enumerable.Range(0, 8).Select(i => Task.Run(() => Store.SubmitAsync([Article("a", $"Bản {i}")], Ct)));
        var versions = (await Task.WhenAll(writes)).Select(r => r[0].Version).Order().ToList();
        Assert.Equal(Enumerable.Range(1, 8).Select(v => (long)v), versions);
        Assert.Equal(8, (await Outbox("a")).Count);
    }
}

public sealed class SqliteArticleStoreTests : ArticleStoreContract, IDisposable
{
    private readonly TempDirectory _folder = new();

    protected override Task<Database> OpenDatabaseAsync() => Task.FromResult(Database.Sqlite(_folder.Sub("ingest.db")));

    public void Dispose() => _folder.Dispose();
}

public sealed class PostgresArticleStoreTests : ArticleStoreContract
{
    protected override async Task<Database> OpenDatabaseAsync() => Database.Postgres(await TestServices.PostgresAsync());
}
