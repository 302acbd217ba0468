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
        // VnExpress names itself (an Organization) as the JSON-LD author; the byline under the body names the writer.
        Assert.Equal("Hà Thu", Extract("vnexpress_article.html", "https://vnexpress.net/saved").Article!.Author);
        Assert.Null(Extract("nld_article.html", "https://nld.com.vn/saved").Article!.Author);
    }

    [Theory]
    [InlineData("dantri_article.html", "Cụ thể, chốt phiên 6/3, giá vàng miếng SJC", "Tỷ giá USD tại Sở giao dịch Ngân hàng Nhà nước", "Kinh doanh", "Tri Túc")]
    [InlineData("nld_article.html", "Chính phủ vừa ban hành Nghị định 68/2026/NĐ-CP", "\"Xu hướng quản lý thuế hiện nay là quản lý dựa trên dữ liệu.", "Kinh tế", null)]
    [InlineData("vnexpress_article.html", "Xung đột giữa Mỹ - Israel với Iran đã bước sang ngày thứ 6", "Trước mắt, cơ quan quản lý tăng kiểm tra tình hình nhập khẩu", "Kinh doanh", "Hà Thu")]
    [InlineData("tuoitre_article.html", "Nhiều chuyến bay vận chuyển hoa từ các thị trường truyền thống", "Theo các cửa hàng hoa, những loại hoa chịu tác động rõ nhất", "Kinh doanh", "NHẬT XUÂN, NGHI VŨ")]
    [InlineData("phapluatplus_article.html", "Thời gian gần đây, báo chí không ngừng đưa tin về một vị lương y", "Chia tay chúng tôi, lương y Hiền nhanh chóng bước vào phòng", "News", null)]
    public void Article_pages_give_their_body_from_first_to_last_paragraph(string page, string first, string last, string section, string? author)
    {
        var article = Extract(page, "https://example.vn/saved").Article!;
        var paragraphs = article.Body!.Split('\n');
        Assert.StartsWith(first, paragraphs[0]);
        Assert.StartsWith(last, paragraphs[^1]);
        Assert.Equal(section, article.Category);
        Assert.Equal(author, article.Author);
        Assert.DoesNotContain(paragraphs, p => p == article.Lead);
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
