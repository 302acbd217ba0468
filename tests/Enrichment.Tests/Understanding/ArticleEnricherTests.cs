using System.Text;
using System.Text.Json;
using ContentPipeline.Contracts;
using ContentPipeline.Enrichment.Understanding;
using ContentPipeline.Testing;

namespace ContentPipeline.Enrichment.Tests.Understanding;

public sealed class ArticleEnricherTests
{
    private static EnrichedArticle ReferencePage()
    {
        var lines = File.ReadAllLines(SharedData.File("seed", "laodongthudo_hdnd_page.txt"));
        return ArticleEnricher.Enrich("reference", new ArticleContent { Title = lines[0], Body = string.Join('\n', lines.Skip(1)) });
    }

    [Fact]
    public void Decomposed_text_is_normalised_and_folded()
    {
        var article = ArticleEnricher.Enrich("a", new ArticleContent
        {
            Title = "Lan toả sâu rộng cách làm hiệu quả của HĐND các cấp".Normalize(NormalizationForm.FormD),
            Body = "Văn hoá Hà Nội".Normalize(NormalizationForm.FormD),
        });
        Assert.Equal("Lan tỏa sâu rộng cách làm hiệu quả của HĐND các cấp", article.NormalizedTitle);
        Assert.True(article.NormalizedBody.IsNormalized(NormalizationForm.FormC));
        Assert.Equal("Văn hóa Hà Nội", article.NormalizedBody);
        Assert.Equal("lan toa sau rong cach lam hieu qua cua hdnd cac cap", article.FoldedTitle);
        Assert.Equal("lan-toa-sau-rong-cach-lam-hieu-qua-cua-hdnd-cac-cap", article.Slug);
    }

    [Theory]
    [InlineData("Hội đồng nhân dân thành phố Hà Nội khai mạc kỳ họp thứ tư.", "vi")]
    [InlineData("Hoi dong nhan dan thanh pho Ha Noi khai mac ky hop cua cac dai bieu va nguoi dan.", "vi")]
    [InlineData("The council of the city opened its fourth session and the delegates discussed floods.", "en")]
    public void Language_is_detected_with_or_without_accents(string text, string language) =>
        Assert.Equal(language, ArticleEnricher.DetectLanguage(text));

    [Fact]
    public void A_declared_language_is_kept()
    {
        var article = ArticleEnricher.Enrich("a", new ArticleContent { Title = "Hà Nội", Language = "en-GB" });
        Assert.Equal("en", article.Language);
    }

    [Fact]
    public void Acronyms_defined_in_the_text_and_common_ones_are_found()
    {
        var acronyms = ReferencePage().Acronyms.ToDictionary(a => a.Acronym, a => a.Expansion);
        Assert.Equal("công nhân, viên chức, lao động", acronyms["CNVCLĐ"]);
        Assert.Equal("Hội đồng nhân dân", acronyms["HĐND"]);
        Assert.Equal("Ủy ban nhân dân", acronyms["UBND"]);
        Assert.Equal("Mặt trận Tổ quốc", acronyms["MTTQ"]);
    }

    [Fact]
    public void People_and_places_of_the_reference_page_are_found()
    {
        var entities = ReferencePage().Entities;
        Assert.Contains(entities, e => e is { Text: "Nguyễn Thị Bích Ngọc", Type: EntityType.Person });
        Assert.Contains(entities, e => e is { Text: "Nguyễn Ngọc Tuấn", Type: EntityType.Person });
        Assert.Contains(entities, e => e is { Text: "Hà Nội", Type: EntityType.Place });
        Assert.Contains(entities, e => e is { Text: "quận Nam Từ Liêm", Type: EntityType.Place });
        Assert.DoesNotContain(entities, e => e.Text.Contains("Hà Nội Nguyễn"));
    }

    [Fact]
    public void Keywords_favour_the_title_and_skip_function_words()
    {
        var keywords = ReferencePage().Keywords;
        Assert.Contains(keywords, k => k.Term == "hđnd");
        Assert.DoesNotContain(keywords, k => k.Term is "của" or "các" or "và");
        Assert.Equal(1.0, keywords[0].Weight);
        Assert.True(keywords.Zip(keywords.Skip(1)).All(p => p.First.Weight >= p.Second.Weight));
    }

    [Fact]
    public void Summary_is_the_lead_or_else_the_first_sentences()
    {
        Assert.Equal("Sapo.", ArticleEnricher.Enrich("a", new ArticleContent { Title = "T", Lead = "Sapo.", Body = "Câu một dài hơn mười ký tự. Câu hai." }).Summary);
        var fromBody = ArticleEnricher.Enrich("a", new ArticleContent { Title = "T", Body = "Câu thứ nhất khá dài. Câu thứ hai cũng dài. Câu thứ ba không lấy." }).Summary;
        Assert.Equal("Câu thứ nhất khá dài. Câu thứ hai cũng dài.", fromBody);
    }

    [Fact]
    public void Enrichment_is_deterministic()
    {
        var first = JsonSerializer.Serialize(ReferencePage());
        var second = JsonSerializer.Serialize(ReferencePage());
        Assert.Equal(first, second);
    }

    [Fact]
    public void Decomposed_corpus_articles_come_out_composed()
    {
        var nfd = File.ReadLines(SharedData.File("corpus", "unc_dantri.jsonl"))
            .Select(l => JsonDocument.Parse(l).RootElement)
            .Select(e => e.GetProperty("body").GetString()!)
            .First(b => !b.IsNormalized(NormalizationForm.FormC));
        var article = ArticleEnricher.Enrich("nfd", new ArticleContent { Title = ArticleEnricher.Enrich("x", new ArticleContent { Title = "x", Body = nfd }).Summary, Body = nfd });
        Assert.True(article.NormalizedBody.IsNormalized(NormalizationForm.FormC));
        Assert.Equal("vi", article.Language);
        Assert.DoesNotContain(article.Keywords, k => !k.Term.IsNormalized(NormalizationForm.FormC));
    }
}
