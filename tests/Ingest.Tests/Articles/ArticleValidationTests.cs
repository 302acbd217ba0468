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
        Assert.Equal("Bảng xếp hạng Top 10 do Campaign Asia-Pacific thực hiện", article.Content.Title);
        Assert.True(article.Content.TitleDerived);
    }

    [Fact]
    public void Without_a_title_the_leads_first_sentence_is_the_headline()
    {
        var article = ArticleValidation.Validate(new ArticleInput(Id: "a", Lead: "Giá xăng giảm lần thứ ba liên tiếp. Chi tiết bên dưới.",
            Body: "Chiều nay, liên Bộ Công Thương - Tài chính điều chỉnh giá bán lẻ xăng dầu.")).Article!;
        Assert.Equal("Giá xăng giảm lần thứ ba liên tiếp", article.Content.Title);
    }

    [Fact]
    public void A_long_first_sentence_is_cut_at_a_word()
    {
        var body = string.Join(' ', Enumerable.Repeat("người lao động", 40)) + ".";
        var title = DerivedTitle.From(null, body);
        Assert.True(title.Length <= DerivedTitle.MaxChars + 1, title);
        Assert.EndsWith("…", title);
        Assert.Contains(title[..^1].Split(' ')[^1], new[] { "người", "lao", "động" });
    }
    [Theory]
    [InlineData(".")]
    [InlineData("..")]
    public void Ids_that_a_url_path_cannot_address_are_refused(string id)
    {
        var (_, errors) = ArticleValidation.Validate(new ArticleInput(Id: id, Title: "T"));
        Assert.Contains(errors, e => e.Field == "id" && e.Message.Contains("cannot be addressed"));
    }

    [Theory]
    [InlineData("\u0000")]
    [InlineData("\u200b")]
    [InlineData("\u202e")]
    [InlineData(" \u200b\u200c\ufeff ")]
    public void A_title_with_nothing_a_reader_can_see_is_refused(string escaped)
    {
        var title = System.Text.RegularExpressions.Regex.Unescape(escaped);
        var (article, errors) = ArticleValidation.Validate(new ArticleInput(Id: "t", Title: title, Body: "Nội dung."));
        Assert.Null(article);
        Assert.Contains(errors, e => e.Field == "title");
    }

    [Theory]
    [InlineData("category", "Thời\u0000sự", "U+0000")]
    [InlineData("category", "<b>x</b>\u202eevil", "U+202E")]
    [InlineData("author", "Nguyễn\u0007Văn A", "U+0007")]
    [InlineData("title", "Tiêu đề\u202eđảo ngược", "U+202E")]
    public void One_line_fields_refuse_control_and_bidirectional_characters(string field, string escaped, string named)
    {
        var text = System.Text.RegularExpressions.Regex.Unescape(escaped);
        var input = field switch
        {
            "category" => new ArticleInput(Id: "c", Title: "Tiêu đề", Category: text),
            "author" => new ArticleInput(Id: "c", Title: "Tiêu đề", Author: text),
            _ => new ArticleInput(Id: "c", Title: text),
        };
        var (article, errors) = ArticleValidation.Validate(input);
        Assert.Null(article);
        Assert.Contains(errors, e => e.Field == field && e.Message.Contains(named));
    }

    [Fact]
    public void Every_field_has_a_length_limit_so_whatever_is_accepted_can_be_indexed()
    {
        Assert.Contains(ArticleValidation.Validate(new ArticleInput(Id: "c", Title: "T", Category: new string('x', 100_000))).Errors, e => e.Field == "category");
        Assert.Contains(ArticleValidation.Validate(new ArticleInput(Id: "c", Title: "T", Author: new string('x', 201))).Errors, e => e.Field == "author");
        Assert.Contains(ArticleValidation.Validate(new ArticleInput(Id: "c", Title: "T", Language: "vi-" + new string('x', 20))).Errors, e => e.Field == "language");
        Assert.Contains(ArticleValidation.Validate(new ArticleInput(Id: "c", Title: "T", Tags: [.. Enumerable.Range(0, 51).Select(i => $"tag {i}")])).Errors, e => e.Message.Contains("51 tags"));
        Assert.Contains(ArticleValidation.Validate(new ArticleInput(Id: "c", Title: "T", Url: "https://example.vn/" + new string('a', 2100))).Errors, e => e.Field == "url");
        Assert.NotNull(ArticleValidation.Validate(new ArticleInput(Id: "c", Title: "T", Category: new string('x', 100))).Article);
    }

    [Fact]
    public void Stray_control_characters_of_scraped_bodies_are_dropped_and_line_breaks_in_one_line_fields_become_spaces()
    {
        // Real Dân trí bodies carry backspaces and C1 characters of a wrong decoding.
        var (article, errors) = ArticleValidation.Validate(new ArticleInput(Id: "s", Title: "Tiêu\nđề", Body: "Đoạn một\b.\nĐoạn\u0096 hai.\tHết.", Category: "Thời sự\r\n"));
        Assert.Empty(errors);
        Assert.Equal("Đoạn một.\nĐoạn hai.\tHết.", article!.Content.Body);
        Assert.Equal("Tiêu đề", article.Content.Title);
        Assert.Equal("Thời sự", article.Content.Category);
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("data:image/png;base64,AAAA")]
    [InlineData("/anh/cau-moi.jpg")]
    [InlineData("https://example.vn/a b.jpg")]
    public void An_image_must_be_an_absolute_http_url(string imageUrl)
    {
        var (article, errors) = ArticleValidation.Validate(new ArticleInput(Id: "i", Title: "T", ImageUrl: imageUrl));
        Assert.Null(article);
        Assert.Contains(errors, e => e.Field == "imageUrl" && e.Message.Contains("not an absolute http or https URL"));
    }

    [Fact]
    public void An_image_is_kept_with_its_description_and_a_description_of_no_image_is_dropped()
    {
        var image = ArticleValidation.Validate(new ArticleInput(Id: "i", Title: "T", ImageUrl: " https://img.example.vn/cau.jpg ", ImageAlt: "Cây cầu\nmới")).Article!;
        Assert.Equal("https://img.example.vn/cau.jpg", image.Content.ImageUrl);
        Assert.Equal("Cây cầu mới", image.Content.ImageAlt);
        Assert.Null(ArticleValidation.Validate(new ArticleInput(Id: "i", Title: "T", ImageAlt: "Cây cầu")).Article!.Content.ImageAlt);
        Assert.Contains(ArticleValidation.Validate(new ArticleInput(Id: "i", Title: "T", ImageUrl: "https://example.vn/" + new string('a', 2100))).Errors, e => e.Field == "imageUrl");
        Assert.Contains(ArticleValidation.Validate(new ArticleInput(Id: "i", Title: "T", ImageUrl: "https://example.vn/a.jpg", ImageAlt: new string('x', 501))).Errors, e => e.Field == "imageAlt");
    }
}
