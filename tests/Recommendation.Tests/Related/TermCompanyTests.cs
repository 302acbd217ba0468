using ContentPipeline.Recommendation.Related;

namespace ContentPipeline.Recommendation.Tests.Related;

public sealed class TermCompanyTests
{
    /// <summary>Articles of twenty subjects, each of twelve words drawn from its subject's own thirty (term ids subject · 100 + n).</summary>
    private static List<TopicSpace.Article> Subjects(int count)
    {
        var random = new Random(11);
        return Enumerable.Range(0, count).Select(i =>
        {
            var terms = Enumerable.Range(0, 30).OrderBy(_ => random.Next()).Take(12).Select(n => i % 20 * 100 + n).Order().ToArray();
            return new TopicSpace.Article($"a{i}", terms, terms.Select(_ => 1f).ToArray());
        }).ToList();
    }

    private static float Cosine(TermCompany company, int[] first, int[] second) =>
        Dot(company.Place(first, first.Select(_ => 1f).ToArray())!, company.Place(second, second.Select(_ => 1f).ToArray())!);

    private static float Dot(float[] a, float[] b) => a.Zip(b, (x, y) => x * y).Sum();

    [Fact]
    public void Articles_whose_words_keep_the_same_company_lie_close_without_a_word_in_common()
    {
        var company = TermCompany.Learn(Subjects(600), _ => true)!;

        Assert.True(Cosine(company, [0, 1, 2, 3], [10, 11, 12, 13]) > 0.7, $"same subject: {Cosine(company, [0, 1, 2, 3], [10, 11, 12, 13])}");
        Assert.True(Cosine(company, [0, 1, 2, 3], [100, 101, 102, 103]) < 0.2, $"other subject: {Cosine(company, [0, 1, 2, 3], [100, 101, 102, 103])}");
        Assert.Null(company.Place([5000, 5001], [1f, 1f]));
        Assert.Equal(600, company.Terms);
    }

    [Fact]
    public void A_word_in_too_few_articles_or_in_more_than_half_of_them_places_nothing()
    {
        var articles = Subjects(600);
        // 7777 is in two articles, 8888 in every one.
        articles = [.. articles.Select((a, i) => i < 2 ? a with { Terms = [.. a.Terms, 7777], Weights = [.. a.Weights, 1f] } : a)];
        articles = [.. articles.Select(a => a with { Terms = [.. a.Terms, 8888], Weights = [.. a.Weights, 1f] })];

        var company = TermCompany.Learn(articles, _ => true)!;

        Assert.Null(company.Place([7777], [1f]));
        Assert.Null(company.Place([8888], [1f]));
        Assert.NotNull(company.Place([0], [1f]));
    }

    [Fact]
    public void Articles_with_no_two_terms_met_together_teach_nothing()
    {
        var lone = Enumerable.Range(0, 10).Select(i => new TopicSpace.Article($"a{i}", [i % 2], [1f])).ToList();

        Assert.Null(TermCompany.Learn(lone, _ => true));
    }

    [Fact]
    public void Long_articles_are_not_learnt_from()
    {
        // Each subject's articles padded with words of their own to one term more than is learnt from.
        var padded = Subjects(600).Select((a, i) =>
        {
            int[] terms = [.. a.Terms, .. Enumerable.Range(0, TermCompany.LongestArticleLearntFrom + 1 - a.Terms.Length).Select(n => 100_000 + i * 1_000 + n)];
            return a with { Terms = terms, Weights = terms.Select(_ => 1f).ToArray() };
        }).ToList();

        Assert.Null(TermCompany.Learn(padded, _ => true));
        Assert.NotNull(TermCompany.Learn([.. padded.Take(300), .. Subjects(600).Skip(300)], _ => true));
    }

    [Fact]
    public void The_same_articles_in_another_order_give_the_same_places()
    {
        var articles = Subjects(600);
        var learnt = TermCompany.Learn(articles, _ => true)!;
        var reversed = TermCompany.Learn(Enumerable.Reverse(articles).ToList(), _ => true)!;

        int[] terms = [0, 1, 2, 3, 104];
        Assert.True(Dot(learnt.Place(terms, [1, 1, 1, 1, 1])!, reversed.Place(terms, [1, 1, 1, 1, 1])!) > 0.999);
    }
}
