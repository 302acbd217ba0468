using ContentPipeline.Contracts;

namespace ContentPipeline.SearchIndex.Tests.LuceneEngine;

public sealed class RelatedKeywordsTests
{
    [Fact]
    public async Task An_article_sharing_a_keyword_phrase_ranks_above_one_sharing_its_syllables_apart()
    {
        var ct = TestContext.Current.CancellationToken;
        using var lucene = new LuceneIndex();
        var index = lucene.Index;
        await index.UpsertAsync("source", 1, LuceneIndex.Article("Hội đồng nhân dân thành phố họp bàn ngân sách") with
        {
            Keywords = [new WeightedKeyword("hội đồng nhân dân", 1.0), new WeightedKeyword("ngân sách", 0.5)],
        }, ct);
        await index.UpsertAsync("phrase", 1, LuceneIndex.Article("Hội đồng nhân dân huyện thảo luận kế hoạch"), ct);
        await index.UpsertAsync("apart", 1, LuceneIndex.Article("Nhân dân đồng lòng, hội viên hội họp dân làng"), ct);

        var related = await index.MoreLikeThisAsync("source", 5, new HashSet<string>(), ct);
        Assert.Equal("phrase", related[0].Article.Id);
    }
}
