using System.Text;
using System.Text.Json;
using ContentPipeline.Contracts;
using ContentPipeline.Enrichment.Tests.Understanding;
using MassTransit.Serialization;

namespace ContentPipeline.Enrichment.Tests.Consumers;

/// <summary>What enrichment publishes, as the bus serialises it: each text once unless normalising changed it.</summary>
public sealed class EnrichedMessageTests
{
    private static readonly JsonSerializerOptions Bus = SystemTextJsonMessageSerializer.Options;

    private static int Occurrences(string json, string text) => (json.Length - json.Replace(text, "").Length) / text.Length;

    [Fact]
    public void Text_already_normalised_is_sent_once_and_reads_back_the_same()
    {
        var article = Enrichers.Fresh().Enrich("a", new ArticleContent
        {
            Title = "Hà Nội chống ngập mùa mưa",
            Lead = "Trạm bơm Yên Sở chạy hết công suất.",
            Body = "Mưa lớn kéo dài khiến nhiều tuyến phố ngập sâu, trạm bơm chạy suốt đêm.",
        }).Article;

        var json = JsonSerializer.Serialize(new ArticleEnriched { ArticleId = "a", Version = 1, Article = article }, Bus);

        Assert.Equal(1, Occurrences(json, "trạm bơm chạy suốt đêm"));
        Assert.DoesNotContain("normalizedBody", json);
        var back = JsonSerializer.Deserialize<ArticleEnriched>(json, Bus)!.Article;
        Assert.Equal(JsonSerializer.Serialize(article, Bus), JsonSerializer.Serialize(back, Bus));
        Assert.Equal(article.NormalizedBody, back.NormalizedBody);
        Assert.Equal(("Hà Nội chống ngập mùa mưa", "Trạm bơm Yên Sở chạy hết công suất."), (back.NormalizedTitle, back.NormalizedLead));
    }

    [Fact]
    public void Text_normalising_changed_is_sent_both_ways_and_reads_back_the_same()
    {
        var given = "Văn hoá Hà Nội".Normalize(NormalizationForm.FormD);
        var article = Enrichers.Fresh().Enrich("a", new ArticleContent { Title = "Văn hoá Hà Nội", Body = given }).Article;

        var json = JsonSerializer.Serialize(article, Bus);

        Assert.Contains("normalizedBody", json);
        Assert.Contains("normalizedTitle", json);
        var back = JsonSerializer.Deserialize<EnrichedArticle>(json, Bus)!;
        Assert.Equal(json, JsonSerializer.Serialize(back, Bus));
        Assert.Equal(("Văn hóa Hà Nội", "Văn hóa Hà Nội", given), (back.NormalizedTitle, back.NormalizedBody, back.Content.Body));
    }
}
