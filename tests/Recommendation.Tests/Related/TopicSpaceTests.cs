using ContentPipeline.Recommendation.Related;
using ContentPipeline.Search;
using ContentPipeline.Testing;

namespace ContentPipeline.Recommendation.Tests.Related;

public sealed class TopicSpaceTests
{
    /// <summary>
    /// Articles of as many subjects as there are broad topics, each of twelve words drawn from its subject's own thirty
    /// (term ids subject · 100 + n).
    /// </summary>
    private static List<TopicSpace.Article> Subjects(int count)
    {
        var random = new Random(7);
        return Enumerable.Range(0, count).Select(i =>
        {
            var terms = Enumerable.Range(0, 30).OrderBy(_ => random.Next()).Take(12).Select(n => i % TopicSpace.BroadDimensions * 100 + n).Order().ToArray();
            return new TopicSpace.Article($"a{i}", terms, terms.Select(_ => 1f).ToArray());
        }).ToList();
    }

    private static TopicPlace? Place(TopicSpace space, params int[] terms) => space.Place(terms, terms.Select(_ => 1f).ToArray());

    [Fact]
    public void Articles_on_one_subject_lie_close_among_the_topics_without_a_word_in_common()
    {
        var (space, _) = TopicSpace.Learn(Subjects(600), _ => true);

        var first = Place(space, 0, 1, 2, 3);
        var sameSubject = Place(space, 10, 11, 12, 13);
        var otherSubject = Place(space, 100, 101, 102, 103);

        Assert.True(TopicSpace.Similarity(first, sameSubject).Broad > 0.8, $"same subject: {TopicSpace.Similarity(first, sameSubject)}");
        Assert.True(TopicSpace.Similarity(first, otherSubject).Broad < 0.3, $"other subject: {TopicSpace.Similarity(first, otherSubject)}");
        // Placed by the company their terms keep as well.
        Assert.True(TopicSpace.Similarity(first, sameSubject).Company > 0.7, $"same subject: {TopicSpace.Similarity(first, sameSubject)}");
        Assert.True(TopicSpace.Similarity(first, otherSubject).Company < 0.2, $"other subject: {TopicSpace.Similarity(first, otherSubject)}");
        Assert.Null(Place(space, 5000, 5001));
    }

    [Fact]
    public void A_space_kept_to_its_most_frequent_terms_still_tells_subjects_apart()
    {
        var articles = Subjects(600);
        // One word every article of subject 0 has: the most frequent term, so it stays.
        articles = [.. articles.Select((a, i) => i % TopicSpace.BroadDimensions == 0 ? a with { Terms = [.. a.Terms, 99], Weights = [.. a.Weights, 1f] } : a)];
        var (space, places) = TopicSpace.Learn(articles, _ => true, maxTerms: 300);

        Assert.Equal(300, space.Terms);
        Assert.NotNull(Place(space, 99));
        Assert.All(places, Assert.NotNull);
        var first = Place(space, 0, 1, 2, 3, 4, 5, 99);
        Assert.True(TopicSpace.Similarity(first, places[20]).Broad > TopicSpace.Similarity(first, places[1]).Broad);
    }

    [Fact]
    public void A_place_between_two_subjects_drawn_towards_its_nearest_articles_lies_in_their_subject()
    {
        var (space, _) = TopicSpace.Learn(Subjects(600), _ => true);
        var between = Place(space, 0, 1, 2, 100, 101, 102);
        var firstSubject = Place(space, 10, 11, 12, 13);
        var secondSubject = Place(space, 110, 111, 112, 113);
        TopicPlace?[] nearest = [Place(space, 3, 4, 5, 6), null, Place(space, 7, 8, 9, 14)];

        var drawn = TopicSpace.Towards(between, nearest, ArticleNeighbours.FeedbackWeight);

        var before = TopicSpace.Similarity(between, firstSubject).Broad - TopicSpace.Similarity(between, secondSubject).Broad;
        var after = TopicSpace.Similarity(drawn, firstSubject).Broad - TopicSpace.Similarity(drawn, secondSubject).Broad;
        Assert.True(Math.Abs(before) < 0.2, $"between the two subjects: {before}");
        Assert.True(after > 0.5, $"drawn into the first: {after}");
        Assert.Null(TopicSpace.Towards(between, [null, null], ArticleNeighbours.FeedbackWeight));
        Assert.Null(TopicSpace.Towards(null, nearest, ArticleNeighbours.FeedbackWeight));
    }

    [Fact]
    public void The_same_articles_in_another_order_give_the_same_places()
    {
        var articles = Subjects(600);
        var (learnt, _) = TopicSpace.Learn(articles, _ => true);
        var (reversed, _) = TopicSpace.Learn(Enumerable.Reverse(articles).ToList(), _ => true);

        var a = Place(learnt, 0, 1, 2, 3, 104)!;
        var b = Place(reversed, 0, 1, 2, 3, 104)!;
        var (broad, fine, _) = TopicSpace.Similarity(a, b);
        Assert.True(broad > 0.999 && fine > 0.99, $"{broad}, {fine}");
    }

    /// <summary>
    /// Subjects written each in its own made-up syllables (s0w1…s0w30, s1w1…), so that only the learnt topics can tell
    /// that two articles without a word in common are about one thing.
    /// </summary>
    internal static StoredArticle Article(string id, string title, long version = 1)
    {
        var article = TestArticles.Enriched(title);
        return new StoredArticle(IndexedArticle.Of(id, version, article), ArticleWords.Of(article));
    }

    internal static IEnumerable<StoredArticle> WrittenSubjects(int count)
    {
        var random = new Random(11);
        for (var i = 0; i < count; i++)
        {
            var subject = $"s{i % TopicSpace.BroadDimensions}w";
            yield return Article($"a{i}", string.Join(' ', Enumerable.Range(1, 30).OrderBy(_ => random.Next()).Take(10).Select(n => subject + n)));
        }
    }

    [Fact]
    public void Once_topics_are_learnt_an_article_of_the_same_subject_outranks_one_sharing_more_words_but_not_the_subject()
    {
        var neighbours = new ArticleNeighbours();
        foreach (var article in WrittenSubjects(400)) neighbours.Put(article);
        neighbours.Put(Article("reading", "s0w1 s0w2 s0w3 s0w4 chung riêng"));
        neighbours.Put(Article("same-subject", "s0w5 s0w6 s0w7 s0w8 chung"));
        neighbours.Put(Article("shared-words", "s1w1 s1w2 s1w3 s1w4 chung riêng"));
        // Among every other article (its nearest, of its own subject, also draw its place towards that subject).
        List<string> Order() => neighbours.Nearest("reading", 500, _ => true)!.Select(n => n.Article.Id).Where(id => id is "same-subject" or "shared-words").ToList();

        Assert.Equal(["shared-words", "same-subject"], Order());
        Assert.True(neighbours.LearnTopics());
        Assert.Equal(["same-subject", "shared-words"], Order());
    }

    [Theory]
    [InlineData(ArticleNeighbours.MaxArticlesForCompany)]
    [InlineData(250)]
    public void Topics_learnt_from_a_sample_of_a_large_site_place_every_article_including_those_left_out(int maxArticlesForCompany)
    {
        // 403 articles, topics learnt from 250 of them, the company of terms from all or the same 250: "reading" and its
        // two candidates may or may not be among those.
        var neighbours = new ArticleNeighbours(maxArticlesForTopics: 250, maxArticlesForCompany: maxArticlesForCompany);
        foreach (var article in WrittenSubjects(400)) neighbours.Put(article);
        neighbours.Put(Article("reading", "s0w1 s0w2 s0w3 s0w4 chung riêng"));
        neighbours.Put(Article("same-subject", "s0w5 s0w6 s0w7 s0w8 chung"));
        neighbours.Put(Article("shared-words", "s1w1 s1w2 s1w3 s1w4 chung riêng"));

        Assert.True(neighbours.LearnTopics());
        Assert.Equal(["same-subject", "shared-words"],
            neighbours.Nearest("reading", 300, a => a.Id is "same-subject" or "shared-words")!.Select(n => n.Article.Id));
        // Every article has its place: each one's nearest are of its own subject.
        foreach (var id in new[] { "a0", "a1", "a399" })
        {
            var title = neighbours.Get(id)!.Title;
            var subject = title[..(title.IndexOf('w') + 1)];
            Assert.All(neighbours.Nearest(id, 5, _ => true)!, n => Assert.StartsWith(subject, n.Article.Title));
        }
    }

    [Fact]
    public void Topics_are_due_once_the_site_has_enough_articles_and_again_when_a_quarter_as_many_have_come_or_changed()
    {
        var neighbours = new ArticleNeighbours();
        var articles = WrittenSubjects(260).ToList();
        foreach (var article in articles.Take(ArticleNeighbours.MinArticlesForTopics - 1)) neighbours.Put(article);
        Assert.False(neighbours.TopicsDue);
        Assert.False(neighbours.LearnTopics());

        neighbours.Put(articles[ArticleNeighbours.MinArticlesForTopics - 1]);
        Assert.True(neighbours.TopicsDue);
        Assert.True(neighbours.LearnTopics());
        Assert.False(neighbours.TopicsDue);

        foreach (var article in articles.Skip(ArticleNeighbours.MinArticlesForTopics).Take(50)) neighbours.Put(article);
        Assert.False(neighbours.TopicsDue);
        neighbours.Put(articles[250]);
        Assert.True(neighbours.TopicsDue);

        // New versions of articles it has, as many again, with the site's size unchanged.
        Assert.True(neighbours.LearnTopics());
        foreach (var article in articles.Take(62)) neighbours.Put(Article(article.Article.Id, article.Article.Title, version: 2));
        Assert.False(neighbours.TopicsDue);
        neighbours.Put(Article(articles[62].Article.Id, articles[62].Article.Title, version: 2));
        Assert.True(neighbours.TopicsDue);
    }
}
