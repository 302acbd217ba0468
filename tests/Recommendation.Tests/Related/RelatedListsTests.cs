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
    public async Task An_article_that_comes_while_the_topics_are_learnt_joins_its_neighbours_list_when_learning_ends()
    {
        var (neighbours, _, lists) = await LoadedAsync();
        var ct = TestContext.Current.CancellationToken;
        foreach (var article in TopicSpaceTests.WrittenSubjects(ArticleNeighbours.MinArticlesForTopics)) lists.Indexed(article);
        // The neighbour's heaviest words are its own; what it shares with the newcomer weighs little in it, so its own
        // search for candidates never finds the newcomer, while the newcomer's finds it at once.
        var own = string.Join(' ', Enumerable.Range(1, 40).Select(n => $"riêng{n} riêng{n} riêng{n}"));
        lists.Indexed(TopicSpaceTests.Article("neighbour", $"{own} chungmột chunghai chungba"));
        Assert.Empty((await lists.GetAsync("neighbour", ct))!);

        lists.Indexed(TopicSpaceTests.Article("newcomer", "chungmột chunghai chungba"));
        Assert.True(neighbours.LearnTopics());   // learning ends after the newcomer came, before its list is computed
        lists.Recompute("newcomer", joinNeighbours: true);

        Assert.Equal(["neighbour"], (await lists.GetAsync("newcomer", ct))!.Select(i => i.Id));
        Assert.Equal(["newcomer"], (await lists.GetAsync("neighbour", ct))!.Select(i => i.Id));
    }

    [Fact]
    public async Task Once_the_topics_are_learnt_an_article_sharing_one_word_and_no_subject_is_not_shown()
    {
        var (neighbours, related, lists) = await LoadedAsync();
        foreach (var article in TopicSpaceTests.WrittenSubjects(ArticleNeighbours.MinArticlesForTopics)) lists.Indexed(article);
        lists.Indexed(TopicSpaceTests.Article("reading", "s0w1 s0w2 s0w3 s0w4 s0w5 chung"));
        lists.Indexed(TopicSpaceTests.Article("faint", "s1w1 s1w2 s1w3 s1w4 s1w5 s1w6 chung"));
        // On a small scale (no topics yet) there is no floor: the one shared word lists it.
        Assert.Contains("faint", related.Ranked("reading", RelatedLists.Depth)!.Select(i => i.Id));

        Assert.True(neighbours.LearnTopics());
        var listed = related.Ranked("reading", RelatedLists.Depth)!;

        Assert.DoesNotContain("faint", listed.Select(i => i.Id));
        Assert.NotEmpty(listed);
        Assert.All(listed, i => Assert.True(i.Score >= RelatedArticles.SimilarityFloor, $"{i.Id} at {i.Score}"));
    }

    [Fact]
    public async Task A_story_of_many_articles_takes_one_place_and_a_page_of_twenty_is_full()
    {
        var (neighbours, _, lists) = await LoadedAsync();
        lists.Indexed(Stored("reading", "Bão số 3 đổ bộ Quảng Ninh, gió giật mạnh", story: "reading"));
        // The story's own updates are the nearest of all: kept whole, they filled the sixty kept places.
        for (var i = 0; i < 70; i++) lists.Indexed(Stored($"big-{i}", $"Bão số 3 đổ bộ Quảng Ninh, gió giật mạnh, cập nhật lúc {i} giờ", story: "big"));
        for (var i = 0; i < 25; i++) lists.Indexed(Stored($"other-{i}", $"Bão số 3 gây mưa lớn ở tỉnh số {i}", story: $"other-{i}"));

        var page = RelatedArticles.Page((await lists.GetAsync("reading", TestContext.Current.CancellationToken))!, 20, new ShownOnPage(neighbours, []));

        Assert.Equal(20, page.Count);
        Assert.Single(page, i => i.Id.StartsWith("big-"));
    }

    private static StoredArticle Stored(string id, string title, string story)
    {
        var article = TestArticles.Enriched(title, story: story);
        return new StoredArticle(IndexedArticle.Of(id, 1, article), ArticleWords.Of(article));
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

    [Fact]
    public async Task On_a_new_site_a_list_ranks_as_if_computed_now_whatever_order_its_articles_came_in()
    {
        var (_, related, lists) = await LoadedAsync();
        var ct = TestContext.Current.CancellationToken;
        var flood = new Dictionary<string, StoredArticle>
        {
            ["flood-1"] = Stored("flood-1", "Mưa lớn gây ngập sâu ở Quảng Nam", "Nước sông Vu Gia dâng cao, nhiều xã ở Quảng Nam ngập sâu.", "flood"),
            ["flood-2"] = Stored("flood-2", "Quảng Nam: mưa lớn, nhiều xã ngập sâu", "Nhiều xã ở Quảng Nam ngập sâu khi nước sông Vu Gia dâng cao.", "flood"),
            ["flood-3"] = Stored("flood-3", "Quảng Nam sơ tán dân vùng ngập", "Quảng Nam sơ tán hàng nghìn hộ dân khỏi vùng ngập sâu ven sông Vu Gia."),
            ["school"] = Stored("school", "Học sinh Quảng Nam trở lại trường sau lũ", "Các trường ở Quảng Nam dọn bùn sau ngập sâu."),
            ["football"] = Stored("football", "Tuyển Việt Nam thắng Thái Lan", "Bàn thắng phút cuối đưa tuyển Việt Nam vào chung kết."),
        };
        // Delivered out of order, each list computed as its article comes: the reading article and one loosely like it
        // first, when each of their shared words was rare; its story's two reports after.
        foreach (var id in new[] { "flood-3", "school", "flood-1", "flood-2", "football" })
        {
            lists.Indexed(flood[id]);
            lists.Recompute(id, joinNeighbours: true);
        }

        var kept = (await lists.GetAsync("flood-3", ct))!.Select(i => i.Id).ToList();
        Assert.Equal(related.Candidates("flood-3", RelatedLists.Depth)!.Select(c => c.Article.Id), kept);
        Assert.StartsWith("flood-", kept[0]);
    }

    private static StoredArticle Stored(string id, string title, string body, string? story = null)
    {
        var article = TestArticles.Enriched(title, body, story: story ?? id);
        return new StoredArticle(IndexedArticle.Of(id, 1, article), ArticleWords.Of(article));
    }
}
