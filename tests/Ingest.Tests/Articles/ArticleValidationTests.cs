using ContentPipeline.Ingest.Articles;

namespace ContentPipeline.Ingest.Tests.Articles;

public sealed class ArticleValidationTests
{
    [Fact]
    public void An_article_needs_a_title_or_a_body()
    {
        var (article, errors) = ArticleValidation.Validate(new ArticleInput(Id: "a1", Lead: "chỉ có sapo"));
        Assert.Null(article);
        Assert.Contains(errors, e => e.Field == "title" && e.Message.Contains("title or a body"));
    }

    [Theory]
    [InlineData("có dấu")]
    [InlineData("a/b")]
    [InlineData("a b")]
    public void Ids_with_characters_that_are_not_url_safe_are_refused(string id)
    {
        var (_, errors) = ArticleValidation.Validate(new ArticleInput(Id: id, Title: "T"));
        Assert.Contains(errors, e => e.Field == "id" && e.Message.Contains("may contain only"));
    }

    [Fact]
    public void Ids_longer_than_128_characters_are_refused()
    {
        var (_, errors) = ArticleValidation.Validate(new ArticleInput(Id: new string('a', 129), Title: "T"));
        Assert.Contains(errors, e => e.Field == "id" && e.Message.Contains("129 characters"));
        Assert.Empty(ArticleValidation.Validate(new ArticleInput(Id: new string('a', 128), Title: "T")).Errors);
    }

    [Fact]
    public void A_body_over_one_megabyte_is_refused()
    {
        var (_, errors) = ArticleValidation.Validate(new ArticleInput(Id: "a", Body: new string('x', ArticleValidation.MaxBodyChars + 1)));
        Assert.Contains(errors, e => e.Field == "body");
    }

    [Fact]
    public void Without_id_or_url_the_article_is_refused()
    {
        var (_, errors) = ArticleValidation.Validate(new ArticleInput(Title: "T"));
        Assert.Contains(errors, e => e.Field == "id");
    }

    [Fact]
    public void The_id_is_derived_from_the_canonical_url()
    {
        var one = ArticleValidation.Validate(new ArticleInput(Url: "https://DanTri.com.vn/kinh-doanh/gia-vang-giam-20260307080054340.htm?utm_source=fb#top", Title: "T")).Article!;
        var two = ArticleValidation.Validate(new ArticleInput(Url: "https://dantri.com.vn/kinh-doanh/gia-vang-giam-20260307080054340.htm", Title: "T")).Article!;
        Assert.Equal(one.Id, two.Id);
        Assert.StartsWith("dantri-com-vn-gia-vang-giam-20260307080054340-", one.Id);
        Assert.Null(ArticleIdentity.Problem(one.Id));
        Assert.Equal("https://dantri.com.vn/kinh-doanh/gia-vang-giam-20260307080054340.htm", one.Content.Url);
    }

    [Fact]
    public void A_given_id_wins_over_the_url()
    {
        var article = ArticleValidation.Validate(new ArticleInput(Id: "mine", Url: "https://example.vn/a", Title: "T")).Article!;
        Assert.Equal("mine", article.Id);
    }

    [Fact]
    public void A_body_without_title_gets_its_first_sentence_as_a_derived_title()
    {
        var article = ArticleValidation.Validate(new ArticleInput(Id: "a",
            Body: "Bảng xếp hạng Top 10 do Campaign Asia-Pacific thực hiện. Câu thứ hai không thuộc tiêu đề.")).Article!;
        Assert.Equal("Bảng xếp hạng Top 10 do Campaign Asia-Pacific thực hiện.", article.Content.Title);
        Assert.True(article.Content.TitleDerived);
    }

    [Fact]
    public void A_long_first_sentence_is_cut_at_a_word()
    {
        var body = string.Join(' ', Enumerable.Repeat("người lao động", 40)) + ".";
        var title = ArticleValidation.DeriveTitle(body);
        Assert.True(title.Length <= 160);
        Assert.EndsWith("…", title);
    }
}
