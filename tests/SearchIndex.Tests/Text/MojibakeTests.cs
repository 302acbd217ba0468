using System.Text;
using ContentPipeline.Text;

namespace ContentPipeline.SearchIndex.Tests.Text;

public sealed class MojibakeTests
{

    private static string DoubleEncoded(string text, bool windows1252)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        if (!windows1252) return Encoding.Latin1.GetString(bytes);
        // Windows-1252 shows 0x80-0x9F as printable characters instead of controls.
        var map = new Dictionary<byte, char> { [0x80] = '€', [0x81] = '\u0081', [0x87] = '‡', [0x90] = '\u0090', [0x99] = '™', [0x9B] = '›', [0x9D] = '\u009D' };
        return string.Concat(bytes.Select(b => map.TryGetValue(b, out var c) ? c : (char)b));
    }

    [Theory]
    [InlineData("Giáo dục Việt Nam")]
    [InlineData("Lao Động Online | Tin tức mới nhất 24h")]
    [InlineData("Tin Tây Nguyên, tin tức mới nhất về Tây Nguyên")]
    public void Double_encoded_Vietnamese_is_repaired(string original)
    {
        Assert.Equal(original, Mojibake.Repair(DoubleEncoded(original, windows1252: false)));
        Assert.Equal(original, Mojibake.Repair(DoubleEncoded(original, windows1252: true)));
    }

    [Theory]
    [InlineData("Hà Nội khai mạc kỳ họp HĐND")]
    [InlineData("Un café à Paris, déjà vu")]
    [InlineData("Â là chữ cái, Ã cũng vậy")]
    public void Correct_text_is_left_alone(string text) => Assert.Equal(text, Mojibake.Repair(text));

    [Fact]
    public void Mixed_text_repairs_only_the_double_encoded_part()
    {
        var mixed = "Hà Nội: " + DoubleEncoded("tin tức mới nhất về Tây Nguyên", windows1252: false) + " — café";
        Assert.Equal("Hà Nội: tin tức mới nhất về Tây Nguyên — café", Mojibake.Repair(mixed));
    }
}
