using ContentPipeline.Contracts;
using ContentPipeline.Enrichment.Understanding;

namespace ContentPipeline.Enrichment.Tests.Understanding;

public sealed class StoriesAndCategoriesTests
{
    [Fact]
    public void A_rewrite_with_small_edits_joins_the_story_of_the_original()
    {
        var enricher = Enrichers.Fresh();
        var (id, original) = Enrichers.Dantri().First(a => a.Content.Body.Length > 2000);
        var first = enricher.Enrich(id, original).Article;
        var paragraphs = original.Body.Split('\n').ToList();
        // Another outlet's copy: its own headline, one paragraph dropped, a dateline and a credit added.
        var rewrite = original with
        {
            Title = "Cập nhật: " + original.Title,
            Body = "HÀ NỘI - " + string.Join('\n', paragraphs.Where((_, i) => i != paragraphs.Count / 2)) + "\nTheo Dân trí",
        };
        var second = enricher.Enrich("rewrite", rewrite).Article;
        Assert.Equal(id, first.StoryId);
        Assert.Equal(first.StoryId, second.StoryId);
    }

    [Fact]
    public void Different_articles_on_one_topic_keep_stories_of_their_own()
    {
        var enricher = Enrichers.Fresh();
        var sport = Enrichers.Dantri().Where(a => a.Content.Category == "sport").Take(200).ToList();
        var stories = sport.Select(a => enricher.Enrich(a.Id, a.Content).Article.StoryId).ToList();
        Assert.Equal(sport.Select(a => a.Id), stories);
    }

    [Fact]
    public void Copies_of_a_short_article_share_its_story_and_a_near_copy_joins_it()
    {
        var enricher = Enrichers.Fresh();
        var original = new ArticleContent
        {
            Title = "Doanh thu của các hãng bay nội địa tăng mạnh",
            Body = "Các hãng hàng không nội địa báo cáo doanh thu tăng gần một phần ba so với cùng kỳ năm trước, nhờ lượng khách " +
                "du lịch nội địa phục hồi và giá vé máy bay ổn định hơn trong những tháng đầu năm.",
        };
        var first = enricher.Enrich("short-1", original).Article;
        var longerTitle = enricher.Enrich("short-2", original with { Title = original.Title + " trong quý I" }).Article;
        var copy = enricher.Enrich("short-3", original).Article;

        Assert.Equal(["short-1", "short-1", "short-1"], new[] { first.StoryId, longerTitle.StoryId, copy.StoryId });
        // A fingerprint of what a short text has: every bin filled, not mostly empty.
        Assert.DoesNotContain(uint.MaxValue, StoryIndex.Decode(first.StoryFingerprint)!);
    }

    [Fact]
    public void Headlines_with_their_sapo_marked_as_repeats_share_a_story_and_others_keep_their_own()
    {
        var enricher = Enrichers.Fresh();
        var records = Enrichers.VnExpress().Take(6_000).ToList();
        var stories = records.ToDictionary(r => r.Id, r => enricher.Enrich(r.Id, r.Content).Article.StoryId);

        var repeats = records.Where(r => r.DuplicateOf is not null && stories.ContainsKey(r.DuplicateOf)).ToList();
        Assert.True(repeats.Count > 100, $"only {repeats.Count} marked repeats");
        Assert.All(repeats, r => Assert.Equal(stories[r.DuplicateOf!], stories[r.Id]));
        // Different texts join another's story only when they are near copies: a few in a thousand.
        var texts = records.Where(r => r.DuplicateOf is null).GroupBy(r => (r.Content.Title, r.Content.Lead)).Select(g => g.First()).ToList();
        var joined = texts.Count(r => stories[r.Id] != r.Id);
        Assert.True(joined <= texts.Count / 200, $"{joined} of {texts.Count} different texts joined another's story");
    }

    [Fact]
    public void A_new_version_stays_in_its_story_and_a_headline_alone_is_a_story_of_its_own()
    {
        var enricher = Enrichers.Fresh();
        var (id, original) = Enrichers.Dantri()[5];
        enricher.Enrich(id, original);
        Assert.Equal(id, enricher.Enrich(id, original with { Body = "Nội dung đã thay đổi hoàn toàn." }).Article.StoryId);
        var teaser = enricher.Enrich("headline", new ArticleContent { Title = original.Title, IsTeaser = true }).Article;
        Assert.Equal("headline", teaser.StoryId);
        // Too few syllables to tell: no fingerprint, so only an exact copy could join it.
        var brief = enricher.Enrich("brief", new ArticleContent { Title = "Giá vàng hôm nay", IsTeaser = true }).Article;
        Assert.Equal(("brief", ""), (brief.StoryId, brief.StoryFingerprint));
    }

    [Fact]
    public void A_missing_section_is_inferred_from_the_labelled_articles_with_a_confidence()
    {
        var enricher = Enrichers.Fresh();
        var articles = Enrichers.Dantri();
        // Every fifth article comes without its section, after the rest taught the sections.
        foreach (var (id, content) in articles.Where((_, i) => i % 5 != 0)) enricher.Enrich(id, content);
        var heldBack = articles.Where((_, i) => i % 5 == 0).ToList();
        var inferred = heldBack.Select(a => (Truth: a.Content.Category, Article: enricher.Enrich(a.Id, a.Content with { Category = null }).Article)).ToList();
        Assert.All(inferred, i => Assert.True(i.Article.CategoryInferred));
        Assert.All(inferred, i => Assert.InRange(i.Article.CategoryConfidence!.Value, 0.0, 1.0));
        var accuracy = inferred.Count(i => i.Article.Category == i.Truth) / (double)inferred.Count;
        Assert.True(accuracy >= 0.80, $"accuracy {accuracy:P1} on {inferred.Count} held-back articles");
        // Sure guesses are right more often than unsure ones: the confidence means something.
        var sure = inferred.Where(i => i.Article.CategoryConfidence >= 0.8).ToList();
        var unsure = inferred.Where(i => i.Article.CategoryConfidence < 0.8).ToList();
        Assert.True(sure.Count(i => i.Article.Category == i.Truth) / (double)sure.Count > unsure.Count(i => i.Article.Category == i.Truth) / (double)Math.Max(1, unsure.Count));
    }

    [Fact]
    public void A_given_section_is_kept_and_nothing_is_guessed_before_enough_articles_are_labelled()
    {
        var enricher = Enrichers.Fresh();
        var given = enricher.Enrich("a", new ArticleContent { Title = "Bóng đá", Body = "Trận đấu", Category = "Thể thao" }).Article;
        Assert.Equal(("Thể thao", false, (double?)null), (given.Category, given.CategoryInferred, given.CategoryConfidence));
        var unlabelled = enricher.Enrich("b", new ArticleContent { Title = "Bóng đá", Body = "Trận đấu" }).Article;
        Assert.Null(unlabelled.Category);
        Assert.False(unlabelled.CategoryInferred);
    }
}
