using System.Text;
using ContentPipeline.Text;

namespace ContentPipeline.SearchIndex.Tests.Text;

public sealed class VietnameseTextTests
{
    [Theory]
    [InlineData("hoá", "hóa")]
    [InlineData("văn hoá", "văn hóa")]
    [InlineData("thuỷ", "thủy")]
    [InlineData("Thuỳ Linh", "Thùy Linh")]
    [InlineData("khoẻ", "khỏe")]
    [InlineData("HOÀ BÌNH", "HÒA BÌNH")]
    [InlineData("quý", "quý")]
    [InlineData("giá", "giá")]
    [InlineData("người", "người")]
    [InlineData("hoàng", "hoàng")]
    [InlineData("khuỷu", "khuỷu")]
    public void Tone_marks_move_to_one_canonical_place(string written, string canonical)
    {
        Assert.Equal(canonical, VietnameseText.Normalize(written));
        Assert.Equal(VietnameseText.Normalize(canonical), VietnameseText.Normalize(written));
    }

    [Fact]
    public void Decomposed_text_becomes_the_same_string_as_composed()
    {
        var nfd = "Hà Nội và văn hoá".Normalize(NormalizationForm.FormD);
        Assert.NotEqual("Hà Nội và văn hóa", nfd);
        Assert.Equal("Hà Nội và văn hóa", VietnameseText.Normalize(nfd));
    }

    [Theory]
    // Datelines of vnexpress_title_sapo_train's sapos, as scraped.
    [InlineData("HÀ NỘIPhó chủ tịch Tổng liên đoàn", "HÀ NỘI Phó chủ tịch Tổng liên đoàn")]
    [InlineData("TP HCMNằm trên đường Sư Vạn Hạnh", "TP HCM Nằm trên đường Sư Vạn Hạnh")]
    [InlineData("MỸCác nhà khoa học", "MỸ Các nhà khoa học")]
    [InlineData("BÀ RỊA - VŨNG TÀUKhách hàng", "BÀ RỊA - VŨNG TÀU Khách hàng")]
    [InlineData("ANHCác cầu thủ", "ANH Các cầu thủ")]
    [InlineData("ITALYChính phủ", "ITALY Chính phủ")]
    [InlineData("Tin sáng\nHÀ NỘIPhó chủ tịch", "Tin sáng\nHÀ NỘI Phó chủ tịch")]
    // Brand names that look like a glued dateline, opening a line or not.
    [InlineData("VPBank tăng vốn, FUNiX và PVOil hợp tác", "VPBank tăng vốn, FUNiX và PVOil hợp tác")]
    [InlineData("Cổ phiếu VPBank ngược dòng", "Cổ phiếu VPBank ngược dòng")]
    [InlineData("FUNiX phát triển nguồn nhân lực", "FUNiX phát triển nguồn nhân lực")]
    // Not datelines: plurals of acronyms, brand names, acronyms alone.
    [InlineData("KOLs và CEOs của TikTok, VinFast, iPhone", "KOLs và CEOs của TikTok, VinFast, iPhone")]
    [InlineData("UBND TP.HCM và HĐND", "UBND TP.HCM và HĐND")]
    public void A_dateline_glued_to_the_next_word_is_split_from_it(string text, string expected)
    {
        Assert.Equal(expected, VietnameseText.Normalize(text));
        Assert.Equal(expected, VietnameseText.Normalize(expected));
    }

    [Theory]
    [InlineData("café", "café")]
    [InlineData("Zürich", "Zürich")]
    [InlineData("C++ (AND", "C++ (AND")]
    public void Words_that_are_not_Vietnamese_syllables_are_left_alone(string text, string expected) =>
        Assert.Equal(expected, VietnameseText.Normalize(text));

    [Theory]
    [InlineData("Hà Nội", "Ha Noi")]
    [InlineData("Đường Lâm", "Duong Lam")]
    [InlineData("đường", "duong")]
    [InlineData("HĐND", "HDND")]
    public void Folding_removes_every_accent_and_maps_d_with_stroke(string text, string folded)
    {
        Assert.Equal(folded, VietnameseText.Fold(text));
        Assert.Equal(folded, VietnameseText.Fold(text.Normalize(NormalizationForm.FormD)));
    }

    [Fact]
    public void Slug_matches_the_reference_page()
    {
        Assert.Equal("lan-toa-sau-rong-cach-lam-hieu-qua-cua-hdnd-cac-cap",
            VietnameseText.Slug("Lan tỏa sâu rộng cách làm hiệu quả của HĐND các cấp"));
    }

    [Fact]
    public void Long_slugs_are_cut_at_a_word_boundary()
    {
        var slug = VietnameseText.Slug(string.Join(' ', Enumerable.Repeat("Hội đồng nhân dân", 20)), 40);
        Assert.True(slug.Length <= 40, slug);
        Assert.All(slug.Split('-'), word => Assert.Contains(word, new[] { "hoi", "dong", "nhan", "dan" }));
    }
}
