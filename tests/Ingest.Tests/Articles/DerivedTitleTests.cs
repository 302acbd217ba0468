using ContentPipeline.Ingest.Articles;

namespace ContentPipeline.Ingest.Tests.Articles;

/// <summary>Headlines derived from bodies as unc_dantri's untitled articles open (issue 17).</summary>
public sealed class DerivedTitleTests
{
    [Theory]
    [InlineData("Với quyết định nói trên, UBND TP. Hà Nội yêu cầu các quận huyện triển khai ngay. Câu sau.",
        "Với quyết định nói trên, UBND TP. Hà Nội yêu cầu các quận huyện triển khai ngay")]
    [InlineData("Hà Nội và TP. Hồ Chí Minh dẫn đầu cả nước về số doanh nghiệp mới. Câu sau.",
        "Hà Nội và TP. Hồ Chí Minh dẫn đầu cả nước về số doanh nghiệp mới")]
    [InlineData("PGS.TS. Nguyễn Văn A, ThS. Trần B và BS. Lê C cùng tham gia ca mổ. Câu sau.",
        "PGS.TS. Nguyễn Văn A, ThS. Trần B và BS. Lê C cùng tham gia ca mổ")]
    [InlineData("Ông Nguyễn Q. Hùng ở Q. 3 đã nộp đơn lên tòa. Câu sau.", "Ông Nguyễn Q. Hùng ở Q. 3 đã nộp đơn lên tòa")]
    [InlineData("Sở Y tế tỉnh Hà Nam cho biết, bệnh nhân N.V.Đ. đã khỏi bệnh. Câu sau.", "Sở Y tế tỉnh Hà Nam cho biết, bệnh nhân N.V.Đ. đã khỏi bệnh")]
    public void A_headline_never_ends_at_an_abbreviation(string body, string expected) =>
        Assert.Equal(expected, DerivedTitle.From(null, body));

    [Theory]
    [InlineData("Dịch Covid-19 diễn biến phức tạp ở Ấn Độ (Ảnh: Getty).\nSố ca nhiễm ở Ấn Độ tăng mạnh trong những ngày gần đây, các nhà máy tạm dừng.",
        "Số ca nhiễm ở Ấn Độ tăng mạnh trong những ngày gần đây, các nhà máy tạm dừng")]
    [InlineData("Tỷ phú Warren Buffett (ảnh: Flickr).\nVới khối tài sản ròng 102,8 tỷ USD, Warren Buffett là một trong những tỷ phú giàu nhất.",
        "Với khối tài sản ròng 102,8 tỷ USD, Warren Buffett là một trong những tỷ phú giàu nhất")]
    [InlineData("Ảnh: Minh Hoàng\nCơn mưa lớn chiều qua khiến nhiều tuyến phố ngập sâu.", "Cơn mưa lớn chiều qua khiến nhiều tuyến phố ngập sâu")]
    public void A_photo_caption_is_never_the_headline(string body, string expected) =>
        Assert.Equal(expected, DerivedTitle.From(null, body));

    [Fact]
    public void A_sentence_of_a_few_words_gives_way_to_the_next()
    {
        Assert.Equal("Giá vàng miếng hôm nay tăng thêm nửa triệu đồng", DerivedTitle.From(null, "Sáng nay. Giá vàng miếng hôm nay tăng thêm nửa triệu đồng."));
    }

    [Fact]
    public void Decomposed_text_is_read_as_composed()
    {
        var body = "Nhà máy ngừng sản xuất (Ảnh: Reuters).\nSố ca nhiễm tăng mạnh ở nhiều bang.".Normalize(System.Text.NormalizationForm.FormD);
        Assert.Equal("Số ca nhiễm tăng mạnh ở nhiều bang", DerivedTitle.From(null, body));
    }

    [Fact]
    public void Text_with_no_usable_sentence_still_gets_its_first_words()
    {
        Assert.Equal("Tỷ phú Warren Buffett", DerivedTitle.From(null, "Tỷ phú Warren Buffett (Ảnh: Flickr)."));
        Assert.Equal("Mưa", DerivedTitle.From(null, "Mưa."));
    }

    [Fact]
    public void A_long_headline_is_cut_at_a_word_without_trailing_punctuation()
    {
        var body = "Theo thông tin từ Tổng cục Quản lý thị trường, ngày 26/4, Đoàn kiểm tra liên ngành của thành phố Nha Trang gồm Cục Quản lý thị trường, Phòng Y tế thành phố, Công an thành phố đã kiểm tra.";
        var title = DerivedTitle.From(null, body);
        Assert.True(title.Length <= DerivedTitle.MaxChars, title);
        Assert.EndsWith("…", title);
        Assert.DoesNotContain(",…", title);
        Assert.StartsWith("Theo thông tin từ Tổng cục Quản lý thị trường", title);
    }

    [Fact]
    public void Every_untitled_article_of_unc_dantri_gets_a_headline_a_reader_can_use()
    {
        var file = ContentPipeline.Testing.SharedData.File("corpus", "unc_dantri.jsonl");
        var untitled = File.ReadLines(file).Select(l => System.Text.Json.Nodes.JsonNode.Parse(l)!)
            .Where(r => string.IsNullOrEmpty(r["title"]?.GetValue<string>())).Select(r => r["body"]!.GetValue<string>()).ToList();
        Assert.True(untitled.Count > 2000);
        var titles = untitled.Select(body => DerivedTitle.From(null, body)).ToList();
        Assert.All(titles, t => Assert.InRange(t.Length, 1, DerivedTitle.MaxChars));
        Assert.DoesNotContain(titles, t => t.EndsWith(" TP.", StringComparison.Ordinal) || t.EndsWith(" TP", StringComparison.Ordinal));
        Assert.DoesNotContain(titles, t => t.Contains("Ảnh:", StringComparison.OrdinalIgnoreCase));
        Assert.True(titles.Count(t => t.Split(' ').Length >= DerivedTitle.MinWords) > untitled.Count * 0.99);
    }
}
