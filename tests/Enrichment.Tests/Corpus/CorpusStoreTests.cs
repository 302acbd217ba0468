using ContentPipeline.Contracts;
using ContentPipeline.Enrichment.Corpus;
using ContentPipeline.Enrichment.Tests.Understanding;
using ContentPipeline.Enrichment.Understanding;
using ContentPipeline.ServiceDefaults.Storage;
using ContentPipeline.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace ContentPipeline.Enrichment.Tests.Corpus;

/// <summary>What the corpus taught survives a restart, on both stores: the same statistics and stories come back.</summary>
public abstract class CorpusStoreContract : IAsyncLifetime
{
    private Database _database = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected abstract Task<Database> OpenAsync();

    public async ValueTask InitializeAsync()
    {
        _database = await OpenAsync();
        await MigrationRunner.ApplyAsync(_database, "enrichment", CorpusStore.Migrations, Ct);
    }

    public virtual ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task A_restarted_enricher_knows_what_the_corpus_taught_before()
    {
        var articles = Enrichers.Dantri().Take(400).ToList();
        var before = Enrichers.Fresh();
        await using (var store = new CorpusStore(_database, NullLogger<CorpusStore>.Instance))
        {
            // Many articles at once, as the consumers send them: they share transactions.
            await Task.WhenAll(articles.Select(a =>
            {
                var enrichment = before.Enrich(a.Id, a.Content);
                return store.SaveAsync(Record(a.Id, enrichment), Ct);
            }));
            // The same article again (a redelivery) adds nothing.
            var again = before.Enrich(articles[0].Id, articles[0].Content);
            await store.SaveAsync(Record(articles[0].Id, again), Ct);
        }

        var corpus = new CorpusStatistics();
        var stories = new StoryIndex();
        await using (var store = new CorpusStore(_database, NullLogger<CorpusStore>.Instance))
            await store.LoadAsync(corpus, stories, Ct);
        var after = new ArticleEnricher(corpus, stories, Enrichers.Languages);

        Assert.Equal(400, corpus.Documents);
        Assert.Equal(before.Corpus.Vocabulary, corpus.Vocabulary);
        var probe = articles[7].Content with { Category = null };
        var expected = before.Enrich("probe", probe).Article;
        var actual = after.Enrich("probe", probe).Article;
        Assert.Equal(expected.Keywords, actual.Keywords);
        Assert.Equal((expected.Category, expected.CategoryConfidence), (actual.Category, actual.CategoryConfidence));
        // A rewrite of a stored article joins that article's story, found through the stored fingerprints.
        Assert.Equal(articles[7].Id, actual.StoryId);
        Assert.Null(after.Enrich(articles[3].Id, articles[3].Content).Contribution);
    }

    [Fact]
    public async Task Exact_copies_enriched_at_once_by_two_replicas_share_one_story()
    {
        var (_, content) = Enrichers.Dantri()[11];
        // Two replicas: each its own story index in memory, one store.
        var first = Enrichers.Fresh().Enrich("copy-a", content);
        var second = Enrichers.Fresh().Enrich("copy-b", content);
        Assert.NotEqual(first.Article.StoryId, second.Article.StoryId);
        string[] settled;
        await using (var one = new CorpusStore(_database, NullLogger<CorpusStore>.Instance))
        await using (var other = new CorpusStore(_database, NullLogger<CorpusStore>.Instance))
            settled = await Task.WhenAll(one.SaveAsync(Record("copy-a", first), Ct), other.SaveAsync(Record("copy-b", second), Ct));

        Assert.Equal(settled[0], settled[1]);
        Assert.Contains(settled[0], new[] { "copy-a", "copy-b" });
        // A restarted replica puts a third copy in the story written down.
        var stories = new StoryIndex();
        await using (var store = new CorpusStore(_database, NullLogger<CorpusStore>.Instance))
            await store.LoadAsync(new CorpusStatistics(), stories, Ct);
        Assert.Equal(settled[0], new ArticleEnricher(new CorpusStatistics(), stories, Enrichers.Languages).Enrich("copy-c", content).Article.StoryId);
    }

    [Fact]
    public async Task A_replica_puts_what_another_wrote_down_since_it_started_in_the_story_written_there()
    {
        var articles = Enrichers.Dantri();
        var (content, other) = (articles[11].Content, articles[12].Content);
        // Found with two enrichment processes on one PostgreSQL: each replica knew only the fingerprints read at its start
        // and its own, so a rewrite, or a new version, that the broker gave the other replica started a story of its own.
        await using var first = await ReplicaAsync();
        await using var second = await ReplicaAsync();
        Assert.Equal("report", await first.EnrichAsync("report", content));
        Assert.Equal("report", await first.EnrichAsync("rewrite", content with { Title = content.Title + " trong quý I" }));

        // A new version of the rewrite, on the other replica, whose text no longer resembles any: it stays in its story.
        // Enriched before that replica learnt of it (written down meanwhile), then as the consumer does, after a look.
        Assert.Equal("report", await second.EnrichAsync("rewrite", other, catchUp: false));
        Assert.Equal("report", await first.EnrichAsync("rewrite-2", content with { Title = content.Title + " quý II" }));
        Assert.Equal("report", await second.EnrichAsync("rewrite-2", other with { Title = "Bản sửa" }));
        // A near copy of the report there joins the report's story, whether or not the replica looked first.
        Assert.Equal("report", await second.EnrichAsync("copy-editor", content with { Title = "Cập nhật: " + content.Title }));
        Assert.Equal("report", await first.EnrichAsync("update", content with { Title = "Đính chính: " + content.Title }));
        Assert.Equal("report", await second.EnrichAsync("copy-wire", content with { Title = "Theo TTXVN: " + content.Title }, catchUp: false));
        // An article of its own stays one.
        Assert.Equal("unrelated", await second.EnrichAsync("unrelated", articles[40].Content));
        // What the other replica wrote down is now in this one's index too: a later near copy finds it before any write.
        Assert.Equal("report", second.Enricher.Enrich("copy-late", content with { Title = "Tin mới: " + content.Title }).Article.StoryId);
    }

    /// <summary>An enrichment replica as the service starts one: its own statistics and story index, loaded from the store.</summary>
    private async Task<Replica> ReplicaAsync()
    {
        var (corpus, stories) = (new CorpusStatistics(), new StoryIndex());
        var store = new CorpusStore(_database, NullLogger<CorpusStore>.Instance);
        await store.LoadAsync(corpus, stories, Ct);
        return new Replica(store, new ArticleEnricher(corpus, stories, Enrichers.Languages));
    }

    private sealed record Replica(CorpusStore Store, ArticleEnricher Enricher) : IAsyncDisposable
    {
        /// <summary>As the consumer does: enriched, written down, and the story the store settled.</summary>
        public async Task<string> EnrichAsync(string id, ArticleContent content, bool catchUp = true)
        {
            if (catchUp) await Store.CatchUpAsync(Ct);
            return await Store.SaveAsync(Record(id, Enricher.Enrich(id, content)), Ct);
        }

        public ValueTask DisposeAsync() => Store.DisposeAsync();
    }

    [Fact]
    public async Task Two_replicas_counting_the_same_words_at_once_in_other_orders_both_commit()
    {
        // Found with two enrichment processes on one PostgreSQL: batches adding to the same words' totals, each in the
        // order its articles brought them, took the rows' locks in opposite orders and deadlocked.
        const int rounds = 10;
        var words = Enumerable.Range(1, 300).Select(w => (ulong)w).ToArray();
        CorpusContribution Counted(string id, IEnumerable<ulong> terms) =>
            new(id, "Thời sự", 300, [.. terms], [.. terms.Select(t => (t, 1))]);
        await using (var one = new CorpusStore(_database, NullLogger<CorpusStore>.Instance))
        await using (var other = new CorpusStore(_database, NullLogger<CorpusStore>.Instance))
            for (var round = 0; round < rounds; round++)
                await Task.WhenAll(
                    one.SaveAsync(new DocumentRecord($"a{round}", "", $"a{round}", Counted($"a{round}", words), (ulong)round * 2 + 1), Ct),
                    other.SaveAsync(new DocumentRecord($"b{round}", "", $"b{round}", Counted($"b{round}", words.Reverse()), (ulong)round * 2 + 2), Ct));

        var corpus = new CorpusStatistics();
        await using (var store = new CorpusStore(_database, NullLogger<CorpusStore>.Instance))
            await store.LoadAsync(corpus, new StoryIndex(), Ct);
        Assert.Equal(2 * rounds, corpus.Documents);
    }

    private static DocumentRecord Record(string id, ContentPipeline.Enrichment.Understanding.Enrichment enrichment) =>
        new(id, enrichment.Fingerprint, enrichment.Article.StoryId, enrichment.Contribution, enrichment.CopyKey);
}

public sealed class SqliteCorpusStoreTests : CorpusStoreContract, IDisposable
{
    private readonly TempDirectory _folder = new();
    protected override Task<Database> OpenAsync() => Task.FromResult(Database.Sqlite(_folder.Sub("enrichment.db")));
    public void Dispose() => _folder.Dispose();
}

public sealed class PostgresCorpusStoreTests : CorpusStoreContract
{
    protected override async Task<Database> OpenAsync() => Database.Postgres(await TestServices.PostgresAsync());
}
