using ContentPipeline.Ingest.Pages;
using ContentPipeline.Testing;

namespace ContentPipeline.Ingest.Tests.Pages;

/// <summary>Extraction from the real saved pages, checked against what a careful editor reads on them.</summary>
public sealed class PageExtractorTests
{
    private static ExtractedPage Extract(string page, string url) => PageExtractor.FromHtml(File.ReadAllText(SharedData.File("pages", page)), url);

    private static IReadOnlyList<string?> Block(ExtractedPage page, string name) =>
        [.. page.Blocks.Where(b => b.Name == name).SelectMany(b => b.Teasers).Select(t => t.Title)];

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
        // NLĐ's meta and JSON-LD name only the site (or nobody); the page marks the writer up with data-role="author".
        Assert.Equal("Minh Chiến", Extract("nld_article.html", "https://nld.com.vn/saved").Article!.Author);
    }

    [Theory]
    [InlineData("dantri_article.html", "Giá vàng giảm, vẫn cao hơn thế giới gần 20 triệu đồng/lượng", "https://dantri.com.vn/kinh-doanh/gia-vang-giam-van-cao-hon-the-gioi-gan-20-trieu-dongluong-20260307080054340.htm")]
    [InlineData("nld_article.html", "Những sai sót hộ kinh doanh thường gặp khi thực hiện quy định thuế mới", "https://nld.com.vn/nhung-sai-sot-ho-kinh-doanh-thuong-gap-khi-thuc-hien-quy-dinh-moi-ve-thue-196260307071308923.htm")]
    [InlineData("vnexpress_article.html", "Cách các nước đối phó cú sốc năng lượng từ Trung Đông", "https://vnexpress.net/cach-cac-nuoc-doi-pho-cu-soc-nang-luong-tu-trung-dong-5047363.html")]
    [InlineData("tuoitre_article.html", "Chiến sự đẩy giá hoa nhập khẩu dịp 8-3 tăng mạnh", "https://tuoitre.vn/chien-su-day-gia-hoa-nhap-khau-dip-8-3-tang-manh-20260307075519174.htm")]
    // No canonical link: og:url names the page.
    [InlineData("phapluatplus_article.html", "''Mổ xẻ'' bài thuốc nam chữa khỏi bệnh trĩ bằng Đông y ở Việt Nam", "http://www.phapluatplus.vn/mo-xe-bai-thuoc-nam-chua-khoi-benh-tri-bang-dong-y-o-viet-nam-d4617.html")]
    public void Article_pages_give_their_title_and_canonical_address(string page, string title, string url)
    {
        var article = Extract(page, "https://example.vn/saved").Article!;
        Assert.Equal(title, article.Title);
        Assert.Equal(url, article.Url);
    }

    [Theory]
    [InlineData("dantri_article.html", "Giá vàng trong nước tiếp tục giảm", "2026-03-07T08:07:18+07:00", "Cụ thể, chốt phiên 6/3, giá vàng miếng SJC", "Tỷ giá USD tại Sở giao dịch Ngân hàng Nhà nước", "Kinh doanh", "Tri Túc")]
    [InlineData("nld_article.html", "Không ít hộ kinh doanh chưa quen", "2026-03-07T08:06:00+07:00", "Chính phủ vừa ban hành Nghị định 68/2026/NĐ-CP", "\"Xu hướng quản lý thuế hiện nay là quản lý dựa trên dữ liệu.", "Kinh tế", "Minh Chiến")]
    [InlineData("vnexpress_article.html", "Trung Quốc, Nhật Bản, Thái Lan hạn chế xuất khẩu", "2026-03-07T00:05:00+07:00", "Xung đột giữa Mỹ - Israel với Iran đã bước sang ngày thứ 6", "Trước mắt, cơ quan quản lý tăng kiểm tra tình hình nhập khẩu", "Kinh doanh", "Hà Thu")]
    [InlineData("tuoitre_article.html", "Xung đột ở khu vực Trung Đông khiến các shop hoa", "2026-03-07T08:01:00+07:00", "Nhiều chuyến bay vận chuyển hoa từ các thị trường truyền thống", "Theo các cửa hàng hoa, những loại hoa chịu tác động rõ nhất", "Kinh doanh", "NHẬT XUÂN, NGHI VŨ")]
    // phapluatplus.vn prints its time as "17:26 - 18/01/2016" and names its section "News" in meta: the real one
    // ("Giáo dục - Sức khỏe") stands next to the time, which its entry in page-hints.json points at.
    [InlineData("phapluatplus_article.html", "Tại Hoài Đức, Hà Nội có vị lương y trẻ", "2016-01-18T17:26:00+07:00", "Thời gian gần đây, báo chí không ngừng đưa tin về một vị lương y", "Chia tay chúng tôi, lương y Hiền nhanh chóng bước vào phòng", "Giáo dục - Sức khỏe", null)]
    public void Article_pages_give_lead_time_section_author_and_body_from_first_to_last_paragraph(
        string page, string lead, string published, string first, string last, string section, string? author)
    {
        var article = Extract(page, "https://example.vn/saved").Article!;
        Assert.StartsWith(lead, article.Lead);
        Assert.Equal(DateTimeOffset.Parse(published), article.PublishedAt);
        var paragraphs = article.Body!.Split('\n');
        Assert.StartsWith(first, paragraphs[0]);
        Assert.StartsWith(last, paragraphs[^1]);
        Assert.Equal(section, article.Category);
        Assert.Equal(author, article.Author);
        Assert.DoesNotContain(paragraphs, p => p == article.Lead || article.Captions!.Contains(p));
    }

    [Theory]
    // JSON-LD's image where the page has one (tuoitre lists three crops of one photo: the first), else OpenGraph's.
    [InlineData("dantri_article.html", "https://cdnphoto.dantri.com.vn/veWYJWZvf4nKvFO95aNwtBvvBME=/zoom/1200_630/2026/03/07/dang-bao-dan-tri-nhung-luu-y-khi-mua-vang-ngay-than-tai-2024-1-cropped-cropped-cropped-1772845181578.jpg", "Giá vàng giảm, vẫn cao hơn thế giới gần 20 triệu đồng/lượng")]
    [InlineData("nld_article.html", "https://nld.mediacdn.vn/zoom/700_438/291774122806476800/2026/3/7/hkd-17728420216891004424574-0-0-352-563-crop-17728422519911397533903.jpg", null)]
    [InlineData("vnexpress_article.html", "https://i1-kinhdoanh.vnecdn.net/2026/03/06/myanmar-gas-station-1772775193-4167-8169-1772775403.jpg?w=1200&h=0&q=100&dpr=1&fit=crop&s=H7_n-9-hMXKbuKFqz5gKGQ", null)]
    [InlineData("tuoitre_article.html", "https://cdn2.tuoitre.vn/zoom/700_700/471584752817336320/2026/3/7/hoa-17728446153721869841046-237-0-1309-2048-crop-1772844735343888368771.jpg", "Chiến sự đẩy giá hoa nhập khẩu dịp 8-3 tăng mạnh")]
    [InlineData("phapluatplus_article.html", "http://media.phapluatplus.vn/resize/534x280/files/news/2016/01/18/mo-xe-bai-thuoc-nam-chua-khoi-benh-tri-bang-dong-y-o-viet-nam.jpg?v=1453108189", null)]
    public void The_lead_image_is_the_one_the_page_gives_previews(string page, string image, string? alt)
    {
        var article = Extract(page, "https://example.vn/saved").Article!;
        Assert.Equal(image, article.ImageUrl);
        Assert.Equal(alt, article.ImageAlt);
    }

    [Fact]
    public void Without_structured_data_or_previews_the_first_figure_of_the_article_is_its_image()
    {
        var page = PageExtractor.FromHtml("""
            <html><head><link rel="canonical" href="https://example.vn/thoi-su/bai-viet-123.html">
            <script type="application/ld+json">{"@type":"NewsArticle","headline":"Thông xe cầu mới qua sông Hồng"}</script></head><body>
            <header><figure><img src="/logo.png" alt="Logo"></figure></header>
            <article>
              <figure><img src="data:image/gif;base64,R0lGODlhAQABAAAAACH5BAEKAAEALAAAAAABAAEAAAICTAEAOw==" data-src="/anh/cau-moi.jpg" alt="Cây cầu mới bắc qua sông Hồng - Ảnh 1."></figure>
              <p>Cây cầu mới bắc qua sông Hồng được thông xe sáng nay sau hai năm thi công, nối hai bờ của thành phố.</p>
              <p>Theo ban quản lý dự án, cầu dài hơn một cây số với sáu làn xe và hai làn dành cho người đi bộ hai bên.</p>
              <p>Người dân hai bên bờ sông cho biết thời gian đi lại giảm còn một nửa so với trước khi có cầu mới.</p>
              <p>Thành phố dự kiến xây thêm hai cây cầu nữa trong năm năm tới để giảm tải cho các cầu hiện có trên sông.</p>
              <p>Các chuyên gia giao thông đánh giá cây cầu sẽ góp phần quan trọng vào việc phát triển khu vực phía bắc.</p>
            </article></body></html>
            """, "https://example.vn/thoi-su/bai-viet-123.html").Article!;
        Assert.Equal("https://example.vn/anh/cau-moi.jpg", page.ImageUrl);
        Assert.Equal("Cây cầu mới bắc qua sông Hồng", page.ImageAlt);
    }

    [Theory]
    [InlineData("<meta property=\"og:image\" content=\"javascript:alert(1)\">")]
    [InlineData("<meta property=\"og:image\" content=\"/logo.svg\">")]
    [InlineData("<meta property=\"og:image\" content=\"data:image/png;base64,AAAA\">")]
    public void An_image_that_is_not_a_photo_over_http_is_no_image(string meta)
    {
        var html = $"<html><head>{meta}<script type=\"application/ld+json\">{{\"@type\":\"NewsArticle\",\"headline\":\"Tiêu đề bài viết\"}}</script></head>" +
            "<body><p>Đoạn văn thứ nhất của bài viết.</p></body></html>";
        Assert.Null(PageExtractor.FromHtml(html, "https://example.vn/bai-viet-123.html").Article!.ImageUrl);
    }

    [Theory]
    [InlineData("vnexpress_list.html", "https://vnexpress.net/kinh-doanh")]
    [InlineData("nld_list.html", "https://nld.com.vn/kinh-te.htm")]
    public void Teasers_on_list_pages_carry_their_thumbnails(string file, string url)
    {
        var teasers = Extract(file, url).Teasers;
        var withImage = teasers.Where(t => t.ImageUrl is not null).ToList();
        Assert.True(withImage.Count * 2 > teasers.Count, $"{withImage.Count} of {teasers.Count} teasers have a thumbnail");
        Assert.All(withImage, t => Assert.Matches("^https://[^ ]+$", t.ImageUrl));
        Assert.Equal(withImage.Count, withImage.Select(t => t.ImageUrl).Distinct().Count());
    }

    [Theory]
    [InlineData("tuoitre_article.html", 2, "Theo cửa hàng hoa, một bó hoa hồng từ 10 - 20 bông dao động từ 400.000 đồng đến 1 triệu đồng - Ảnh: H.Y.T.")]
    [InlineData("vnexpress_article.html", 2, "Công nhân đi qua các ống dẫn dầu tại một nhà máy lọc dầu ở Vũ Hán (Hồ Bắc, Trung Quốc). Ảnh: Reuters")]
    [InlineData("nld_article.html", 2, "Chuyên gia về thuế đã nêu một số sai sót phổ biến của hộ kinh doanh khi tiếp cận các quy định mới về thuế (Ảnh minh hoạ)")]
    [InlineData("phapluatplus_article.html", 4, "Theo ghi nhận của nhóm pv chúng tôi, mới 7h sáng nhưng đã rất đông bệnh nhân tìm đến nhà lương y Hiền.")]
    [InlineData("dantri_article.html", 0, null)]
    public void Image_captions_keep_their_photo_credits_in_page_order(string page, int count, string? first)
    {
        var captions = Extract(page, "https://example.vn/saved").Article!.Captions!;
        Assert.Equal(count, captions.Count);
        if (first is not null) Assert.Equal(first, captions[0]);
    }

    [Theory]
    // Dân trí links only a topic page from its body; VnExpress links two articles inline and loads its blocks by script.
    [InlineData("dantri_article.html", new string[0])]
    [InlineData("vnexpress_article.html", new[]
    {
        "https://vnexpress.net/nhung-nuoc-chiu-tac-dong-manh-nhat-khi-iran-dong-eo-bien-hormuz-5046457.html",
        "https://vnexpress.net/bo-cong-thuong-nguon-cung-xang-dau-thang-3-duoc-bao-dam-5047368.html",
    })]
    [InlineData("tuoitre_article.html", new[] { "https://tuoitre.vn/xung-dot-o-trung-dong-khien-xuat-khau-viet-lao-dao-vi-phu-phi-cua-logistics-20260306231657525.htm" })]
    public void Inline_related_links_are_the_articles_the_body_links_to(string page, string[] links)
    {
        var extracted = Extract(page, "https://example.vn/saved");
        Assert.Equal(links, extracted.Article!.LinkedArticles);
        if (page == "vnexpress_article.html") Assert.Empty(extracted.Teasers);
    }

    [Fact]
    public void Tuoitre_blocks_are_named_and_hold_their_own_teasers()
    {
        var page = Extract("tuoitre_article.html", "https://tuoitre.vn/saved");
        Assert.Equal(
            ["Xuất khẩu ứng phó thế nào với chiến sự Trung Đông?", "Chiến sự ở Trung Đông có thể khiến hàng hóa từ TP.HCM đi châu Âu kéo dài thêm 7-10 ngày", "Xuất khẩu xoay xở với giá dầu tăng"],
            Block(page, "Tin liên quan"));
        Assert.Contains("Đến siêu thị dịp 8-3: Trao món quà nhỏ, gửi lời yêu lớn", Block(page, "Tin cùng chuyên mục"));
        // The related link inside the body is an inline link of the article; topic tags and the paper's own promo are furniture.
        Assert.Equal(["https://tuoitre.vn/xung-dot-o-trung-dong-khien-xuat-khau-viet-lao-dao-vi-phu-phi-cua-logistics-20260306231657525.htm"], page.Article!.LinkedArticles);
        Assert.DoesNotContain(page.Teasers, t => t.Title is "50 năm thành lập báo Tuổi Trẻ" or "Chiến tranh Iran - Israel");
    }

    [Fact]
    public void Nld_related_box_is_both_a_block_and_links_already_on_the_page()
    {
        var page = Extract("nld_article.html", "https://nld.com.vn/saved");
        Assert.Contains("Chính phủ quy định chi tiết ngưỡng doanh thu miễn các loại thuế với hộ kinh doanh", Block(page, "Tin liên quan"));
        Assert.Contains("https://nld.com.vn/chinh-phu-quy-dinh-chi-tiet-nguong-doanh-thu-mien-cac-loai-thue-voi-ho-kinh-doanh-196260306072546744.htm", page.Article!.LinkedArticles!);
        Assert.Equal("Hộ kinh doanh phải kê khai tất cả tài khoản nhận tiền bán hàng từ ngày 5-3",
            page.Teasers.Single(t => t.Url!.EndsWith("196260306111541276.htm")).Title);
    }

    [Fact]
    public void Phapluatplus_related_links_under_the_lead_are_inline_and_classifieds_are_furniture()
    {
        var page = Extract("phapluatplus_article.html", "https://phapluatplus.vn/saved");
        Assert.Equal(
        [
            "http://www.phapluatplus.vn/du-an-gan-600-ty-tai-thanh-hoa-co-dau-hieu-rut-ruot-cong-trinh-d4622.html",
            "http://www.phapluatplus.vn/hai-phong-lap-doan-kiem-tra-lien-nganh-thuc-pham-dip-tet-binh-than-d4628.html",
        ], page.Article!.LinkedArticles);
        // An inline link has no summary of its own: the body's first paragraph is not one.
        Assert.All(page.Teasers.Where(t => page.Article.LinkedArticles!.Contains(t.Url!)), t => Assert.Null(t.Lead));
        Assert.Contains("Thông xe kỹ thuật cầu vượt bằng thép \"khủng\" nhất Hà Nội", Block(page, "Tin liên quan"));
        Assert.Contains("Ngăn chặn thực phẩm nhập lậu qua biên giới", Block(page, "Tin liên quan"));
        Assert.Contains("Số phận kỳ lạ của loài ong", Block(page, "Đọc nhiều"));
        Assert.DoesNotContain(page.Teasers, t => t.Title!.StartsWith("Cần bán căn hộ") || t.Title.StartsWith("Tuyển gấp"));
    }

    [Fact]
    public void Dantri_related_articles_are_teasers_with_summaries_and_event_tags_and_menus_are_not()
    {
        var teasers = Extract("dantri_article.html", "https://dantri.com.vn/saved").Teasers;
        Assert.StartsWith("Giá vàng thế giới giảm sau khi Tổng thống Mỹ Donald Trump",
            teasers.Single(t => t.Title == "Giá vàng miếng SJC giảm, người mua lỗ gần 3 triệu đồng/lượng").Lead);
        Assert.DoesNotContain(teasers, t => t.Title!.StartsWith('#') || t.Url!.Contains("/event/") || t.Title == "Ngoại thần kinh - Cột sống");
        Assert.DoesNotContain(teasers, t => t.Title == "Chính sách bảo mật dữ liệu cá nhân");  // the footer
    }

    [Theory]
    [InlineData("vnexpress_list.html", "https://vnexpress.net/kinh-doanh", 40)]
    [InlineData("dantri_list.html", "https://dantri.com.vn/kinh-doanh.htm", 40)]
    [InlineData("tuoitre_list.html", "https://tuoitre.vn/kinh-doanh.htm", 13)]  // the saved page holds 15 article links; the rest load by script
    [InlineData("nld_list.html", "https://nld.com.vn/kinh-te.htm", 30)]
    public void List_pages_are_no_article_but_many_teasers_of_the_same_site(string page, string url, int atLeast)
    {
        var extracted = Extract(page, url);
        Assert.Null(extracted.Article);
        Assert.True(extracted.Teasers.Count >= atLeast, $"{extracted.Teasers.Count} teasers");
        var host = new Uri(url).Host;
        Assert.All(extracted.Teasers, t => Assert.EndsWith(host, new Uri(t.Url!).Host));
        Assert.Equal(extracted.Teasers.Count, extracted.Teasers.Select(t => t.Url).Distinct().Count());
        Assert.Contains(extracted.Teasers, t => t.Lead is { Length: > 40 });
    }

    [Fact]
    public void A_teaser_summary_is_the_one_printed_under_it_not_its_neighbours()
    {
        var teasers = Extract("nld_list.html", "https://nld.com.vn/kinh-te.htm").Teasers.ToDictionary(t => t.Title!, t => t.Lead);
        Assert.StartsWith("Sau nhiều ngày suy yếu, giá vàng hôm nay, 7-3", teasers["Giá vàng hôm nay, 7-3: Bật tăng trở lại"]);  // "(NLĐO) –" dropped
        Assert.StartsWith("Siêu thị Bách Hóa Xanh nướng cá lóc", teasers["Siêu thị lấn sang mặt hàng đặc thù"]);
        Assert.Null(teasers["Hội đồng Vàng thế giới: Xu hướng đồng USD tiếp tục giảm tác động tới giá vàng"]);

        var home = Extract("tintaynguyen_home_mojibake.html", "https://tintaynguyen.com/").Teasers.ToDictionary(t => t.Title!, t => t.Lead);
        Assert.Equal("Tỉnh Đắk Lắk vừa điều động, bổ nhiệm hàng loạt cán bộ ở các sở, ngành.", home["Điều động, bổ nhiệm hàng loạt lãnh đạo sở, ngành Đắk Lắk"]);
        Assert.Null(home["Đình chỉ giám đốc trung tâm y tế Bảo Lộc vì lơ là chống dịch COVID-19"]);
    }

    [Fact]
    public void Home_pages_leave_out_comments_and_business_promotions()
    {
        var giaoduc = Extract("giaoduc_home_mojibake.html", "https://giaoduc.net.vn/").Teasers;
        // The "latest comments" box links each comment to its article: the article's title, never the comment.
        Assert.Contains(giaoduc, t => t.Title == "Ai mới có năng lực chấm sáng kiến kinh nghiệm của giáo viên?");
        Assert.DoesNotContain(giaoduc, t => t.Title!.Contains("Chào thầy!"));
        Assert.DoesNotContain(giaoduc, t => t.Url!.Contains("/thong-tin-can-biet/"));
        Assert.Contains("Nữ sinh Đại học Mở Hà Nội tài sắc vẹn toàn", Block(Extract("giaoduc_home_mojibake.html", "https://giaoduc.net.vn/"), "Đọc nhiều"));

        var laodong = Extract("laodong_home_mojibake.html", "https://laodong.vn/").Teasers;
        Assert.True(laodong.Count >= 100, $"{laodong.Count} teasers");
        Assert.DoesNotContain(laodong, t => t.Title!.StartsWith("Mời chào giá"));
        // The section comes from the teaser's address, named as the site's own menu names it.
        Assert.Equal("Xã hội", laodong.Single(t => t.Title == "Chủ tịch Hà Nội: Kiểm soát mạnh hơn số người làm việc tại các cơ quan").Category);
        Assert.Equal("Kinh doanh", Extract("dantri_list.html", "https://dantri.com.vn/kinh-doanh.htm").Teasers
            .Single(t => t.Title == "Vùng Vịnh đóng mỏ, giá dầu nguy cơ vọt lên 150 USD/thùng").Category);
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
    public void Inline_related_links_are_the_articles_links_and_teasers()
    {
        Assert.Equal(
        [
            "teaser-ho-tro-he-sinh-thai-khoi-nghiep-doi-moi-sang-tao-trong-nganh-giao-duc",
            "teaser-co-nen-trao-quyen-de-nguoi-lao-dong-lua-chon-thoi-diem-nghi-huu",
            "teaser-giai-phap-nang-cao-chat-luong-day-va-hoc-ngoai-ngu",
        ], Page.Article!.LinkedArticles);
        var teasers = Page.Teasers.ToDictionary(t => t.Title!, t => t.Lead);
        Assert.Contains("Hỗ trợ hệ sinh thái khởi nghiệp đổi mới sáng tạo trong ngành giáo dục", teasers.Keys);
        Assert.Contains("Có nên trao quyền để người lao động lựa chọn “thời điểm nghỉ hưu”?", teasers.Keys);
        Assert.All(Page.Teasers, t => Assert.StartsWith("teaser-", t.Id));
    }

    [Fact]
    public void The_blocks_after_the_body_keep_their_names_and_summaries()
    {
        // "Có thể bạn quan tâm" is empty in the saved text (the site fills it by script); "Ý kiến bạn đọc" is comments.
        Assert.Equal(["Nên xem", "Tin khác"], Page.Blocks.Select(b => b.Name));
        var worthWatching = Page.Blocks[0].Teasers;
        Assert.Equal(7, worthWatching.Count);
        Assert.Equal("Họa sĩ Lê Thu Huyền: Người thổi hồn nhân văn vào trong từng nét cọ", worthWatching[0].Title);
        Assert.StartsWith("Sinh ra nơi mảnh đất Sơn Tây (Hà Nội)", worthWatching[0].Lead);
        Assert.StartsWith("Cùng với nhiệm vụ bảo vệ quyền và lợi ích hợp pháp",
            worthWatching.Single(t => t.Title == "Chú trọng các phong trào thi đua trong công nhân, viên chức, lao động quận Bắc Từ Liêm").Lead);
        var otherNews = Page.Blocks[1].Teasers;
        Assert.Equal(10, otherNews.Count);
        Assert.Equal("Chủ tịch thành phố Hà Nội nghiêm cấm hủy trái phép tài liệu khi sắp xếp bộ máy", otherNews[0].Title);
        Assert.Equal("Tiếp tục tháo gỡ khó khăn cho các doanh nghiệp", otherNews[^1].Title);
    }
}
