using ContentPipeline.Ingest.Sections;
using ContentPipeline.ServiceDefaults;

namespace ContentPipeline.Ingest.Tests.Articles;

public sealed class SectionNamesTests
{
    [Theory]
    [InlineData("health", "Sức khỏe")]
    [InlineData("suc-khoe", "Sức khỏe")]
    [InlineData("Sức khoẻ", "Sức khỏe")]
    [InlineData("SỨC KHỎE", "Sức khỏe")]
    [InlineData("education", "Giáo dục")]
    [InlineData("Thời sự", "Thời sự")]
    [InlineData("Chuyện lạ", "Chuyện lạ")]
    public void The_shipped_map_gives_one_vietnamese_name_per_section(string given, string shown) =>
        Assert.Equal(shown, SectionNames.Shipped.DisplayName(given));

    [Fact]
    public void Every_section_of_the_corpora_we_import_has_a_vietnamese_name()
    {
        foreach (var code in new[] { "education", "society", "health", "tech", "world", "science", "sport", "entertainment", "business", "travel", "politics" })
            Assert.NotEqual(code, SectionNames.Shipped.DisplayName(code));
    }

    [Fact]
    public void A_code_listed_under_two_names_or_a_malformed_file_is_refused_with_what_to_change()
    {
        var twice = Assert.Throws<StartupRefusedException>(() => new SectionNames(new Dictionary<string, string[]> { ["Y tế"] = ["health"], ["Sức khỏe"] = ["Health"] }));
        Assert.Contains("'Health' is listed under both 'Y tế' and 'Sức khỏe'", twice.Message);

        using var folder = new ContentPipeline.Testing.TempDirectory();
        var path = Path.Combine(folder.Path, "sections.json");
        File.WriteAllText(path, """{ "Y tế": "health" }""");
        Assert.Contains("array of strings", Assert.Throws<StartupRefusedException>(() => SectionNames.Load(path)).Message);
        File.WriteAllText(path, "{ not json");
        Assert.Contains("not valid JSON", Assert.Throws<StartupRefusedException>(() => SectionNames.Load(path)).Message);
    }
}
