using ContentPipeline.Recommendation.Related;
using ContentPipeline.Search;
using ContentPipeline.Search.LuceneEngine;
using ContentPipeline.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace ContentPipeline.Recommendation.Tests.Related;

public sealed class RelatedListsTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    /// <summary>Lists over an empty index read in at start, as the service has them before any event; no worker runs unless a test starts one.</summary>
    private async Task<(ArticleNeighbours, RelatedArticles, RelatedLists)> LoadedAsync()
    {
        using var index = new LuceneArticleIndex(_folder.Path, NullLogger<LuceneArticleIndex>.Instance, IndexPurpose.Lookup);
        var neighbours = new ArticleNeighbours();
        await neighbours.LoadAsync(index, TestContext.Current.CancellationToken);
        var related = new RelatedArticles(neighbours);
        return (neighbours, related, new RelatedLists(related, neighbours, NullLogger<RelatedLists>.Instance));
    }

    [Fact]
    public async Task A_withdrawal_older_than_the_version_known_leaves_every_list_as_it_was()
    {
        var (_, _, lists) = await LoadedAsync();
        var ct = TestContext.Current.CancellationToken;
        lists.Indexed(TopicSpaceTests.Article("pumps", "Trạm bơm chống ngập Hà Nội"));
        lists.Indexed(TopicSpaceTests.Article("rain", "Hà Nội mưa lớn, trạm bơm chống ngập chạy hết công suất"));
        var before = await lists.GetAsync("rain", ct);
        Assert.Contains("pumps", before!.Select(i => i.Id));

        lists.Withdrawn("pumps", 0);

        Assert.Equal(before, await lists.GetAsync("rain", ct));
        Assert.Equal(1, lists.ListsHolding("pumps"));
        lists.Withdrawn("pumps", 1);
        Assert.DoesNotContain("pumps", (await lists.GetAsync("rain", ct))!.Select(i => i.Id));
    }

    [Fact]
    public async Task Lists_kept_before_the_topics_are_learnt_are_computed_afresh_after()
    {
        var (neighbours, related, lists) = await LoadedAsync();
        var ct = TestContext.Current.CancellationToken;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var worker = lists.RunQueueAsync(stop.Token);
        var articles = TopicSpaceTests.WrittenSubjects(ArticleNeighbours.MinArticlesForTopics).ToList();

        foreach (var article in articles.SkipLast(1)) lists.Indexed(article);
        var before = await lists.GetAsync("a0", ct);
        lists.Indexed(articles[^1]);
        await Eventually.Until(() => Task.FromResult(neighbours.TopicsDue), due => !due, "the worker learnt the topics");
        var after = await lists.GetAsync("a0", ct);

        Assert.Equal(Scores(related.Ranked("a0", RelatedLists.Depth)), Scores(after));
        Assert.NotEqual(Scores(before), Scores(after));
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => worker);

        static List<(string, double)> Scores(IEnumerable<RecommendedItem>? list) => list!.Select(i => (i.Id, i.Score)).ToList();
    }
}
