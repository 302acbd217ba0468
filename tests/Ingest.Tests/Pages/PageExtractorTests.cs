using ContentPipeline.Ingest.Pages;
using ContentPipeline.Testing;

namespace ContentPipeline.Ingest.Tests.Pages;

/// <summary>Extraction from the real saved pages, checked against what a careful editor reads on them.</summary>
public sealed class PageExtractorTests
{
    private static ExtractedPage Extract(string page, string url) => PageExtractor.FromHtml(File.ReadAllText(SharedData.File("pages", page)), url);

    [Fact]
    public void Dantri_article_comes_from_its_structured_data()
    {
        var article = Extract("dantri_article.html", "https://dantri.com.vn/saved").Article!;
        Assert.Equal("Giá vàng giảm, vẫn cao hơn thế giới gần 20 triệu đồng/lượng", article.Title);
        Assert.Equal(DateTimeOffset.Parse("2026-03-07T08:07:18+07:00"), article.PublishedAt);
        Assert.Equal("Kinh doanh", article.Category);
        Assert.Equal("Tri Túc", article.Author);
        Assert.StartsWith("Giá vàng trong nước tiếp tục giảm", article.Lead);  // the "(Dân trí) -" source tag is dropped
        Assert.Equal("https://dantri.com.vn/kinh-doanh/gia-vang-giam-van-cao-hon-the-gioi-gan-20-trieu-dongluong-20260307080054340.htm", article.Url);
    }

    [Fact]
    public void Twice_escaped_entities_are_decoded()
    {
        var article = Extract("tuoitre_article.html", "https://tuoitre.vn/saved").Article!;
        Assert.Equal("Chiến sự đẩy giá hoa nhập khẩu dịp 8-3 tăng mạnh", article.Title);
        Assert.Equal("NHẬT XUÂN, NGHI VŨ", article.Author);
        Assert.Equal(DateTimeOffset.Parse("2026-03-07T08:01:00+07:00"), article.PublishedAt);
    }

    [Fact]
    public void A_site_named_as_author_is_no_author_line()
    {
        Assert.Null(Extract("vnexpress_article.html", "https://vnexpress.net/saved").Article!.Author);
        Assert.Null(Extract("nld_article.html", "https://nld.com.vn/saved").Article!.Author);
    }

    [Theory]
    [InlineData("vnexpress_list.html", "https://vnexpress.net/kinh-doanh")]
    [InlineData("dantri_list.html", "https://dantri.com.vn/kinh-doanh.htm")]
    [InlineData("tuoitre_list.html", "https://tuoitre.vn/kinh-doanh.htm")]
    [InlineData("nld_list.html", "https://nld.com.vn/kinh-te.htm")]
    public void List_pages_are_no_article_but_many_teasers_of_the_same_site(string page, string url)
    {
        var extracted = Extract(page, url);
        Assert.Null(extracted.Article);
        Assert.True(extracted.Teasers.Count >= 15, $"{extracted.Teasers.Count} teasers");
        var host = new Uri(url).Host;
        Assert.All(extracted.Teasers, t => Assert.EndsWith(host, new Uri(t.Url!).Host));
        Assert.Equal(extracted.Teasers.Count, extracted.Teasers.Select(t => t.Url).Distinct().Count());
        Assert.Contains(extracted.Teasers, t => t.Lead is { Length: > 40 });
    }
}

public sealed class ReferencePageTextTests
{
    private static readonly ExtractedPage Page = PageExtractor.FromText(
        File.ReadAllText(SharedData.File("seed", "laodongthudo_hdnd_page.txt")), "https://laodongthudo.vn/lan-toa-sau-rong-cach-lam-hieu-qua-cua-hdnd-cac-cap.html");

    [Fact]
    public void Body_runs_from_the_first_paragraph_to_the_last_without_links_captions_or_author()
    {
        var paragraphs = Page.Article!.Body!.Split('\n');
        Assert.StartsWith("Sáng 25/02, Thường trực HĐND TP Hà Nội tổ chức hội nghị tọa đàm", paragraphs[0]);
        Assert.StartsWith("Chủ tịch HĐND TP Nguyễn Thị Bích Ngọc yêu cầu, sau hội nghị này", paragraphs[^1]);
        Assert.DoesNotContain(paragraphs, p => p.Contains("(ảnh:") || p.StartsWith("lan toa"));
    }

    [Fact]
    public void Captions_keep_their_photo_credits()
    {
        Assert.Equal(
        [
            "Đồng chí Nguyễn Thị Bích Ngọc - Phó Bí thư Thành ủy, Chủ tịch HĐND TP Hà Nội kết luận hội nghị. (ảnh: Thùy Linh)",
            "Quang cảnh hội nghị. (ảnh: Thùy Linh)",
        ], Page.Article!.Captions);
    }

    [Fact]
    public void The_author_line_is_recognised() => Assert.Equal("Nguyễn Công - Thùy Linh", Page.Article!.Author);

    [Fact]
    public void Inline_related_links_and_the_blocks_become_teasers()
    {
        var teasers = Page.Teasers.ToDictionary(t => t.Title!, t => t.Lead);
        Assert.Contains("Hỗ trợ hệ sinh thái khởi nghiệp đổi mới sáng tạo trong ngành giáo dục", teasers.Keys);
        Assert.Contains("Có nên trao quyền để người lao động lựa chọn “thời điểm nghỉ hưu”?", teasers.Keys);
        Assert.StartsWith("Sinh ra nơi mảnh đất Sơn Tây (Hà Nội)", teasers["Họa sĩ Lê Thu Huyền: Người thổi hồn nhân văn vào trong từng nét cọ"]);
        Assert.StartsWith("Cùng với nhiệm vụ bảo vệ quyền và lợi ích hợp pháp", teasers["Chú trọng các phong trào thi đua trong công nhân, viên chức, lao động quận Bắc Từ Liêm"]);
        Assert.All(Page.Teasers, t => Assert.StartsWith("teaser-", t.Id));
    }
}
