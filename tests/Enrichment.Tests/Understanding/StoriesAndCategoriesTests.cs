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
    public void A_new_version_stays_in_its_story_and_a_headline_alone_is_a_story_of_its_own()
    {
        var enricher = Enrichers.Fresh();
        var (id, original) = Enrichers.Dantri()[5];
        enricher.Enrich(id, original);
        Assert.Equal(id, enricher.Enrich(id, original with { Body = "Nội dung đã thay đổi hoàn toàn." }).Article.StoryId);
        var teaser = enricher.Enrich("headline", new ArticleContent { Title = original.Title, IsTeaser = true }).Article;
        Assert.Equal("headline", teaser.StoryId);
        Assert.Equal("", teaser.StoryFingerprint);
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
