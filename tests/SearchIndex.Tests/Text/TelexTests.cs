using ContentPipeline.Search.Queries;

namespace ContentPipeline.SearchIndex.Tests.Text;

public sealed class TelexTests
{
    [Theory]
    [InlineData("vieejt", "việt", true)]
    [InlineData("vieetj", "việt", true)]
    [InlineData("ddaf", "đà", true)]
    [InlineData("nawngx", "nẵng", false)]
    [InlineData("nguwowif", "người", false)]
    [InlineData("nguoiwf", "người", false)]
    [InlineData("thoiwf", "thời", false)]
    [InlineData("tieets", "tiết", true)]
    [InlineData("hocj", "học", false)]
    [InlineData("nhaf", "nhà", false)]
    [InlineData("muwa", "mưa", false)]
    [InlineData("hoawcj", "hoặc", false)]
    [InlineData("quas", "quá", false)]
    [InlineData("giaf", "già", false)]
    [InlineData("hoaf", "hòa", false)]
    [InlineData("thuyr", "thủy", false)]
    [InlineData("tw", "tư", false)]
    [InlineData("khoong", "không", true)]
    [InlineData("ddieenj", "điện", true)]
    [InlineData("chuyeenr", "chuyển", true)]
    [InlineData("bus", "bú", false)]
    public void A_syllable_typed_in_Telex_reads_as_the_syllable_it_spells(string typed, string syllable, bool sure)
    {
        var reading = TelexReading.Of(typed);
        Assert.NotNull(reading);
        Assert.Equal((syllable, sure), (reading.Syllable, reading.Sure));
    }

    [Theory]
    [InlineData("viet")]
    [InlineData("trong")]
    [InlineData("google")]
    [InlineData("show")]
    [InlineData("law")]
    [InlineData("facebook")]
    [InlineData("news")]
    [InlineData("u23")]
    public void A_word_with_no_Telex_mark_or_no_Vietnamese_reading_has_none(string typed) => Assert.Null(TelexReading.Of(typed));
}
