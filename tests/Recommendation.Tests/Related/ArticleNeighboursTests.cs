using ContentPipeline.Contracts;
using ContentPipeline.Recommendation.Related;
using ContentPipeline.Search;
using ContentPipeline.Search.LuceneEngine;
using ContentPipeline.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace ContentPipeline.Recommendation.Tests.Related;

public sealed class ArticleNeighboursTests
{
    private readonly ArticleNeighbours _neighbours = new();

    private static StoredArticle Stored(string id, string title, string body = "", long version = 1, DateTimeOffset? published = null, EnrichedArticle? with = null)
    {
        var article = with ?? TestArticles.Enriched(title, body, published: published);
        return new StoredArticle(IndexedArticle.Of(id, version, article), ArticleWords.Of(article));
    }

    private List<string> Nearest(string id, Func<IndexedArticle, bool>? keep = null) =>
        _neighbours.Nearest(id, 10, keep ?? (_ => true))!.Select(n => n.Article.Id).ToList();

    /// <summary>Unrelated articles, so that the words the tested ones share are rare enough to count.</summary>
    private void PutBackground()
    {
        string[] others =
        [
            "Giá vàng hôm nay tăng mạnh", "Đội tuyển bóng đá thắng trận giao hữu", "Mưa lớn kéo dài ở miền Trung",
            "Ngân hàng giảm lãi suất cho vay", "Học sinh thi tốt nghiệp trung học", "Giá xăng dầu điều chỉnh giảm",
        ];
        for (var i = 0; i < others.Length; i++) _neighbours.Put(Stored($"other{i}", others[i]));
    }

    [Fact]
    public void An_article_sharing_a_keyword_phrase_ranks_above_one_sharing_its_syllables_apart()
    {
        PutBackground();
        _neighbours.Put(Stored("source", "", with: TestArticles.Enriched("Hội đồng nhân dân thành phố họp bàn ngân sách") with
        {
            Keywords = [new WeightedKeyword("hội đồng nhân dân", 1.0), new WeightedKeyword("ngân sách", 0.5)],
        }));
        _neighbours.Put(Stored("phrase", "Hội đồng nhân dân huyện thảo luận kế hoạch"));
        _neighbours.Put(Stored("apart", "Nhân dân đồng lòng, hội viên hội họp dân làng"));

        Assert.Equal("phrase", Nearest("source")[0]);
    }

    [Fact]
    public void Words_that_folding_makes_one_are_told_apart_by_their_accents()
    {
        PutBackground();
        _neighbours.Put(Stored("source", "Tiểu thương bán hàng Tết"));
        // Folded, both are "cho dem ban hang tet": selling, and a trading partner.
        _neighbours.Put(Stored("selling", "Chợ đêm bán hàng Tết"));
        _neighbours.Put(Stored("partner", "Chợ đêm bạn hàng Tết"));

        var similarity = _neighbours.Nearest("source", 10, _ => true)!.ToDictionary(n => n.Article.Id, n => n.Similarity);

        Assert.True(similarity["selling"] > similarity["partner"], $"selling {similarity["selling"]}, partner {similarity["partner"]}");
        Assert.True(similarity["partner"] > 0, "the syllables, folded, still match");
    }

    [Fact]
    public void Text_with_its_marks_written_apart_counts_as_the_same_words()
    {
        PutBackground();
        var composed = TestArticles.Enriched("Hà Nội chống ngập mùa mưa");
        _neighbours.Put(new StoredArticle(IndexedArticle.Of("composed", 1, composed), ArticleWords.Of(composed)));
        // Decomposed (a mark after its letter), and a stray mark opening a word: read as the same syllables and pairs.
        var decomposed = ArticleWords.Of(composed) with { Title = "\u0301" + "Hà Nội chống ngập mùa mưa".Normalize(System.Text.NormalizationForm.FormD) };
        _neighbours.Put(new StoredArticle(IndexedArticle.Of("decomposed", 1, composed), decomposed));

        _neighbours.Put(new StoredArticle(IndexedArticle.Of("copy", 1, composed), ArticleWords.Of(composed)));

        var similarity = _neighbours.Nearest("composed", 10, _ => true)!.ToDictionary(n => n.Article.Id, n => n.Similarity);
        Assert.Equal(similarity["copy"], similarity["decomposed"], 1e-9);
    }

    [Fact]
    public void Nearest_never_gives_the_article_itself_nor_what_the_caller_refuses()
    {
        PutBackground();
        _neighbours.Put(Stored("a", "Hà Nội chống ngập mùa mưa", "Trạm bơm chống ngập nội đô Hà Nội."));
        _neighbours.Put(Stored("b", "Trạm bơm chống ngập Hà Nội", "Hà Nội xây thêm trạm bơm chống ngập."));
        _neighbours.Put(Stored("c", "Hà Nội mưa lớn gây ngập", "Nhiều tuyến phố Hà Nội ngập sâu."));

        var nearest = _neighbours.Nearest("a", 10, _ => true)!;
        Assert.Equal(["b", "c"], nearest.Take(2).Select(n => n.Article.Id).Order());
        Assert.DoesNotContain("a", nearest.Select(n => n.Article.Id));
        Assert.All(nearest, n => Assert.InRange(n.Similarity, 0, 1.0001));
        Assert.DoesNotContain("b", Nearest("a", keep: c => c.Id != "b"));
        Assert.Null(_neighbours.Nearest("unknown", 10, _ => true));
    }

    [Fact]
    public void A_new_version_replaces_the_old_words_and_an_older_one_changes_nothing()
    {
        PutBackground();
        _neighbours.Put(Stored("a", "Hà Nội chống ngập mùa mưa"));
        _neighbours.Put(Stored("flood", "Trạm bơm chống ngập mùa mưa"));
        _neighbours.Put(Stored("gold", "Giá vàng miếng lập đỉnh mới"));
        Assert.Equal("flood", Nearest("a")[0]);

        Assert.True(_neighbours.Put(Stored("a", "Giá vàng miếng hôm nay lập đỉnh", version: 2)));
        Assert.Equal("gold", Nearest("a")[0]);
        Assert.False(_neighbours.Put(Stored("a", "Hà Nội chống ngập mùa mưa", version: 1)));
        Assert.Equal(2, _neighbours.Get("a")!.Version);
    }

    [Fact]
    public void A_withdrawn_article_is_no_ones_neighbour_and_an_older_copy_cannot_bring_it_back()
    {
        PutBackground();
        _neighbours.Put(Stored("a", "Hà Nội chống ngập mùa mưa"));
        _neighbours.Put(Stored("b", "Trạm bơm chống ngập mùa mưa", version: 3));

        _neighbours.Remove("b", 4);
        Assert.DoesNotContain("b", Nearest("a"));
        // What the start-up load read before the withdrawal.
        Assert.False(_neighbours.Put(Stored("b", "Trạm bơm chống ngập mùa mưa", version: 3)));
        Assert.DoesNotContain("b", Nearest("a"));

        Assert.True(_neighbours.Put(Stored("b", "Trạm bơm chống ngập mùa mưa", version: 5)));
        Assert.Contains("b", Nearest("a"));
    }

    [Fact]
    public void Neighbours_stay_right_after_replaced_articles_are_compacted_away()
    {
        string[] topics = ["chống ngập trạm bơm", "giá vàng miếng", "bóng đá giao hữu", "lãi suất ngân hàng"];
        for (var version = 1; version <= 2; version++)
            for (var i = 0; i < 1600; i++)
                _neighbours.Put(Stored($"n{i}", $"{topics[i % 4]} bài {i} bản {version}", version: version));

        Assert.Equal(1600, _neighbours.Count);
        var nearest = _neighbours.Nearest("n0", 20, _ => true)!;
        Assert.Equal(20, nearest.Count);
        Assert.All(nearest, n => Assert.Equal(0, int.Parse(n.Article.Id[1..]) % 4));
        Assert.All(nearest, n => Assert.Equal(2, n.Article.Version));
    }

    [Fact]
    public void Terms_no_article_has_any_more_are_forgotten_and_their_ids_serve_new_terms_rightly()
    {
        // Enough articles to learn topics from: freed ids are used again only once the topics no longer weigh them.
        string[] topics = ["chống ngập trạm bơm", "giá vàng miếng", "bóng đá giao hữu", "lãi suất ngân hàng"];
        for (var i = 0; i < 240; i++) _neighbours.Put(Stored($"n{i}", $"{topics[i % 4]} bài số {i}"));
        var known = _neighbours.TermsKnown;
        _neighbours.Put(Stored("gone", "Khủng long bạo chúa hóa thạch khai quật"));
        Assert.True(_neighbours.TermsKnown > known);

        Assert.True(_neighbours.Remove("gone", 1));
        Assert.Equal(known, _neighbours.TermsKnown);
        Assert.True(_neighbours.LearnTopics());
        _neighbours.Put(Stored("x", "Thiên thạch rơi xuống sa mạc Sahara"));
        _neighbours.Put(Stored("y", "Mảnh thiên thạch ở sa mạc Sahara được tìm thấy"));

        var nearest = Nearest("x");
        Assert.Equal("y", nearest[0]);
        Assert.DoesNotContain("gone", nearest);
        Assert.True(_neighbours.Remove("x", 1) && _neighbours.Remove("y", 1));
        Assert.Equal(known, _neighbours.TermsKnown);
    }

    [Fact]
    public void Similarity_counts_every_term_though_an_article_is_found_by_its_strongest()
    {
        var neighbours = new ArticleNeighbours(keptTerms: 3);
        string[] others = ["Giá vàng hôm nay tăng mạnh", "Đội tuyển bóng đá thắng trận", "Mưa lớn kéo dài ở miền Trung"];
        for (var i = 0; i < others.Length; i++) neighbours.Put(Stored($"other{i}", others[i]));
        neighbours.Put(Stored("a", "Hà Nội chống ngập mùa mưa năm nay"));
        neighbours.Put(Stored("b", "Trạm bơm chống ngập mùa mưa Hà Nội"));

        var similar = neighbours.Similarities(["a", "b", "other0"]);
        Assert.True(similar[0, 1] > 0.3, $"a and b share most of their words, yet their cosine was {similar[0, 1]:F3}");
        Assert.True(similar[0, 1] > similar[0, 2]);
        Assert.Equal("b", neighbours.Nearest("a", 10, _ => true)![0].Article.Id);
    }

    [Fact]
    public async Task Loading_reads_every_article_the_index_holds_and_keeps_a_newer_one_given_meanwhile()
    {
        using var folder = new TempDirectory();
        using var index = new LuceneArticleIndex(folder.Path, NullLogger<LuceneArticleIndex>.Instance, IndexPurpose.Lookup);
        var ct = TestContext.Current.CancellationToken;
        await index.UpsertAsync("a", 1, TestArticles.Enriched("Hà Nội chống ngập mùa mưa"), ct);
        await index.UpsertAsync("b", 1, TestArticles.Enriched("Trạm bơm chống ngập mùa mưa"), ct);
        _neighbours.Put(Stored("b", "Giá vàng miếng lập đỉnh", version: 2));

        await _neighbours.LoadAsync(index, ct);

        Assert.True(_neighbours.Loaded.IsCompletedSuccessfully);
        Assert.Equal(2, _neighbours.Count);
        Assert.Equal(2, _neighbours.Get("b")!.Version);
    }

    [Fact]
    public async Task Loading_again_after_a_failed_read_takes_every_article_in_once()
    {
        using var folder = new TempDirectory();
        using var lucene = new LuceneArticleIndex(folder.Path, NullLogger<LuceneArticleIndex>.Instance, IndexPurpose.Lookup);
        var ct = TestContext.Current.CancellationToken;
        foreach (var id in new[] { "a", "b", "c" }) await lucene.UpsertAsync(id, 1, TestArticles.Enriched($"Hà Nội chống ngập {id}"), ct);
        var failing = new FailsAfterFirstArticle(lucene);

        await Assert.ThrowsAsync<IOException>(() => _neighbours.LoadAsync(failing, ct));
        Assert.False(_neighbours.Loaded.IsCompleted);
        await _neighbours.LoadAsync(lucene, ct);

        Assert.True(_neighbours.Loaded.IsCompletedSuccessfully);
        Assert.Equal(3, _neighbours.Count);
        Assert.Equal(["b", "c"], Nearest("a").Order());
    }

    /// <summary>An index whose reading breaks off after the first article, as a connection lost mid-way would.</summary>
    private sealed class FailsAfterFirstArticle(IArticleIndex index) : IArticleIndex
    {
        public async IAsyncEnumerable<StoredArticle> ReadAllAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
        {
            await foreach (var stored in index.ReadAllAsync(ct))
            {
                yield return stored;
                throw new IOException("connection lost");
            }
        }

        public Task<WriteOutcome> UpsertAsync(string articleId, long version, EnrichedArticle article, CancellationToken ct) => index.UpsertAsync(articleId, version, article, ct);
        public Task<WriteOutcome> WithdrawAsync(string articleId, long version, CancellationToken ct) => index.WithdrawAsync(articleId, version, ct);
        public Task<IndexedArticle?> GetAsync(string articleId, CancellationToken ct) => index.GetAsync(articleId, ct);
        public Task<SearchResults> SearchAsync(SearchQuery query, CancellationToken ct) => index.SearchAsync(query, ct);
        public Task<IReadOnlyList<Suggestion>> SuggestAsync(string prefix, int size, CancellationToken ct) => index.SuggestAsync(prefix, size, ct);
        public Task<FeedPage> NewestAsync(string? category, string? cursor, int size, IReadOnlySet<string> exclude, CancellationToken ct) => index.NewestAsync(category, cursor, size, exclude, ct);
        public Task<bool> PingAsync(CancellationToken ct) => index.PingAsync(ct);
    }
}

public sealed class RelatedArticlesTests
{
    private readonly ArticleNeighbours _neighbours = new();

    private void Put(string id, string title, DateTimeOffset? published = null, string? story = null)
    {
        var article = TestArticles.Enriched(title, published: published, story: story);
        _neighbours.Put(new StoredArticle(IndexedArticle.Of(id, 1, article), ArticleWords.Of(article)));
    }

    [Fact]
    public void Of_two_alike_articles_the_one_written_at_the_same_time_comes_first()
    {
        var reading = new DateTimeOffset(2019, 6, 1, 8, 0, 0, TimeSpan.FromHours(7));
        Put("source", "Hà Nội chống ngập mùa mưa năm nay", reading);
        Put("then", "Hà Nội chống ngập mùa mưa", reading.AddDays(-2));
        Put("now", "Hà Nội chống ngập mùa mưa", reading.AddYears(2));
        Put("other", "Giá vàng miếng lập đỉnh mới", reading);

        var ranked = new RelatedArticles(_neighbours).Ranked("source", 10)!;
        Assert.Equal(["then", "now"], ranked.Take(2).Select(i => i.Id));
        Assert.True(ranked[0].Score > ranked[1].Score * 1.5, $"{ranked[0].Score} vs {ranked[1].Score}");
    }

    [Fact]
    public void Rewrites_of_one_angle_give_way_to_another_angle_before_they_fill_the_list()
    {
        Put("source", "Trạm bơm Yên Sở chạy hết công suất chống ngập sau mưa lớn ở phố cổ Hà Nội");
        // Three rewrites of the pumping station, each its own story, and one piece on the flooded old quarter.
        Put("pump1", "Trạm bơm Yên Sở chạy hết công suất chống ngập", story: "p1");
        Put("pump2", "Trạm bơm Yên Sở chạy hết công suất để chống ngập", story: "p2");
        Put("pump3", "Yên Sở: trạm bơm chạy hết công suất chống ngập", story: "p3");
        Put("quarter", "Phố cổ ngập sâu sau mưa lớn", story: "q");
        string[] others = ["Giá vàng miếng lập đỉnh mới", "Đội tuyển bóng đá thắng trận giao hữu", "Ngân hàng giảm lãi suất cho vay"];
        for (var i = 0; i < 40; i++) Put($"other{i}", $"{others[i % others.Length]} kỳ {i}");

        var bySimilarity = _neighbours.Nearest("source", 10, _ => true)!.Select(n => n.Article.Id).ToList();
        Assert.Equal(["pump1", "pump2", "pump3", "quarter"], bySimilarity.Take(4));
        var ranked = new RelatedArticles(_neighbours).Ranked("source", 10)!.Select(i => i.Id).ToList();
        Assert.Equal(["pump1", "quarter"], ranked.Take(2));
    }
}
