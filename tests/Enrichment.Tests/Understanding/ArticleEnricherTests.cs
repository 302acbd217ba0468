using System.Text;
using System.Text.Json;
using ContentPipeline.Contracts;
using ContentPipeline.Enrichment.Understanding;
using ContentPipeline.Testing;

namespace ContentPipeline.Enrichment.Tests.Understanding;

public sealed class ArticleEnricherTests
{
    /// <summary>Lines of the reference page: teasers in its blocks are articles of their own (title, summary).</summary>
    private static readonly string[] PageLines = File.ReadAllLines(SharedData.File("seed", "laodongthudo_hdnd_page.txt"));

    private static EnrichedArticle Teaser(ArticleEnricher enricher, string title)
    {
        // In the page text a teaser prints its title twice, then its summary.
        var summary = PageLines.SkipWhile(l => l != title).First(l => l.Trim().Length > 0 && l != title);
        return enricher.Enrich("teaser", new ArticleContent { Title = title, Lead = summary, IsTeaser = true }).Article;
    }

    [Fact]
    public void Decomposed_text_is_normalised_and_folded()
    {
        var article = Enrichers.Fresh().Enrich("a", new ArticleContent
        {
            Title = "Lan toả sâu rộng cách làm hiệu quả của HĐND các cấp".Normalize(NormalizationForm.FormD),
            Body = "Văn hoá Hà Nội".Normalize(NormalizationForm.FormD),
        }).Article;
        Assert.Equal("Lan tỏa sâu rộng cách làm hiệu quả của HĐND các cấp", article.NormalizedTitle);
        Assert.True(article.NormalizedBody.IsNormalized(NormalizationForm.FormC));
        Assert.Equal("Văn hóa Hà Nội", article.NormalizedBody);
        Assert.Equal("lan toa sau rong cach lam hieu qua cua hdnd cac cap", article.FoldedTitle);
        Assert.Equal("lan-toa-sau-rong-cach-lam-hieu-qua-cua-hdnd-cac-cap", article.Slug);
    }

    [Theory]
    [InlineData("Hội đồng nhân dân thành phố Hà Nội khai mạc kỳ họp thứ tư.", "vi")]
    [InlineData("Hoi dong nhan dan thanh pho Ha Noi khai mac ky hop cua cac dai bieu va nguoi dan.", "vi")]
    [InlineData("Thong xe ky thuat cau vuot bang thep khung nhat Ha Noi trong nam nay", "vi")]
    [InlineData("The council of the city opened its fourth session and the delegates discussed floods.", "en")]
    [InlineData("Quarterly profits at US media giant TimeWarner jumped 76% to $1.13bn", "en")]
    public void Language_is_detected_among_the_configured_ones_with_or_without_accents(string text, string language) =>
        Assert.Equal(language, Enrichers.Languages.Detect(text));

    [Fact]
    public void A_language_outside_the_configured_set_is_reported_as_the_nearest_configured_one_or_undetermined()
    {
        var detection = new LanguageDetection(["vi", "en", "fr"]);
        Assert.Equal("fr", detection.Detect("Le conseil municipal a ouvert sa quatrième session et les délégués ont discuté des inondations."));
        Assert.Equal("und", detection.Detect("   "));
    }

    [Fact]
    public void A_declared_language_is_kept()
    {
        var article = Enrichers.Fresh().Enrich("a", new ArticleContent { Title = "Hà Nội", Language = "en-GB" }).Article;
        Assert.Equal("en", article.Language);
    }

    [Fact]
    public void Acronyms_defined_in_the_text_and_common_ones_are_found()
    {
        var enricher = Enrichers.Fresh();
        var teaser = Teaser(enricher, "Chú trọng các phong trào thi đua trong công nhân, viên chức, lao động quận Bắc Từ Liêm");
        Assert.Equal("công nhân, viên chức, lao động", teaser.Acronyms.Single(a => a.Acronym == "CNVCLĐ").Expansion);

        var acronyms = enricher.Enrich("reference", Enrichers.ReferencePage()).Article.Acronyms.ToDictionary(a => a.Acronym, a => a.Expansion);
        Assert.Equal("Hội đồng nhân dân", acronyms["HĐND"]);
        Assert.Equal("Ủy ban nhân dân", acronyms["UBND"]);
        Assert.Equal("Mặt trận Tổ quốc", acronyms["MTTQ"]);
        Assert.Equal("thành phố", acronyms["TP"]);

        // Listed whichever form the text uses: search finds "HĐND" in an article that spells it out, and the reverse.
        var spelledOut = enricher.Enrich("long", new ArticleContent { Title = "Hội đồng nhân dân quận họp", Body = "Các đại biểu chất vấn." }).Article;
        Assert.Contains(spelledOut.Acronyms, a => a is { Acronym: "HĐND", Expansion: "Hội đồng nhân dân" });
    }

    [Fact]
    public void People_places_and_organisations_of_the_reference_page_are_found_with_their_mentions()
    {
        var entities = Enrichers.Fresh().Enrich("reference", Enrichers.ReferencePage()).Article.Entities;
        NamedEntity Entity(string text) => Assert.Single(entities, e => e.Text == text);
        Assert.Equal((EntityType.Person, 3), (Entity("Nguyễn Thị Bích Ngọc").Type, Entity("Nguyễn Thị Bích Ngọc").Mentions));
        Assert.Equal(EntityType.Person, Entity("Nguyễn Ngọc Tuấn").Type);
        Assert.Equal(EntityType.Place, Entity("Hà Nội").Type);
        Assert.Equal(EntityType.Place, Entity("quận Nam Từ Liêm").Type);
        Assert.Equal((EntityType.Organisation, 6), (Entity("HĐND TP Hà Nội").Type, Entity("HĐND TP Hà Nội").Mentions));
        Assert.Equal(EntityType.Organisation, Entity("HĐND quận Hà Đông").Type);
        // "Chủ tịch HĐND TP Nguyễn Thị Bích Ngọc": the council's place is TP Hà Nội, never the person after it.
        Assert.DoesNotContain(entities, e => e.Text.Contains("Hà Nội Nguyễn") || e.Text.StartsWith("HĐND TP Nguyễn"));
        Assert.DoesNotContain(entities, e => e.Text is "Phó Chủ" or "Chủ tịch");
    }

    [Fact]
    public void Organisations_are_named_with_where_they_are()
    {
        var enricher = Enrichers.Fresh();
        var teaser = enricher.Enrich("t", new ArticleContent { Title = "Phong trào văn hóa", Body = PageLines.Single(l => l.StartsWith("Liên đoàn Lao động (LĐLĐ)")) }).Article;
        Assert.Contains(teaser.Entities, e => e is { Text: "Liên đoàn Lao động thị xã Sơn Tây", Type: EntityType.Organisation });
        Assert.Contains(teaser.Entities, e => e is { Text: "thị xã Sơn Tây", Type: EntityType.Place });
        var painter = Teaser(enricher, "Họa sĩ Lê Thu Huyền: Người thổi hồn nhân văn vào trong từng nét cọ");
        Assert.Contains(painter.Entities, e => e is { Text: "Sơn Tây", Type: EntityType.Place });
        Assert.Contains(painter.Entities, e => e is { Text: "Lê Thu Huyền", Type: EntityType.Person });
        var ministry = enricher.Enrich("m", new ArticleContent { Title = "x", Body = "Sở Nội vụ Hà Nội cho biết, Ủy ban nhân dân thành phố Hà Nội đã phê duyệt." }).Article;
        Assert.Contains(ministry.Entities, e => e is { Text: "Sở Nội vụ Hà Nội", Type: EntityType.Organisation });
        Assert.Contains(ministry.Entities, e => e is { Text: "Ủy ban nhân dân thành phố Hà Nội", Type: EntityType.Organisation });
        var education = enricher.Enrich("e", new ArticleContent { Title = "x", Body = "Bộ GD&ĐT vừa công bố lịch thi; Sở GD&ĐT Hà Nội và Bộ KH&CN phối hợp." }).Article;
        Assert.Contains(education.Entities, e => e is { Text: "Bộ GD&ĐT", Type: EntityType.Organisation });
        Assert.Contains(education.Entities, e => e is { Text: "Sở GD&ĐT Hà Nội", Type: EntityType.Organisation });
        Assert.Contains(education.Entities, e => e is { Text: "Bộ KH&CN", Type: EntityType.Organisation });
        Assert.DoesNotContain(education.Entities, e => e.Text == "Bộ GD");
    }

    [Fact]
    public void Keywords_weighed_by_corpus_statistics_favour_what_is_particular_to_the_article()
    {
        var enricher = Enrichers.Dantri(out _);
        var keywords = enricher.Enrich("reference", Enrichers.ReferencePage()).Article.Keywords.Select(k => k.Term).ToList();
        Assert.Equal("hđnd", keywords[0]);
        // Multi-syllable words and names are single keywords, never split into their syllables.
        Assert.Contains("đại biểu", keywords);
        Assert.Contains("nguyễn thị bích ngọc", keywords);
        Assert.Contains("tọa đàm", keywords);
        Assert.DoesNotContain(keywords, k => k is "đại" or "biểu" or "nguyễn" or "ngọc" or "của" or "các" or "và" or "năm");
    }

    [Fact]
    public void A_phrase_that_recurs_whole_scores_as_one_keyword()
    {
        var corpus = Enrichers.Dantri(out _);
        var text = "Hội đồng nhân dân quận họp phiên thường kỳ. Hội đồng nhân dân quyết định ngân sách quận. "
            + "Các đại biểu hội đồng nhân dân chất vấn về trạm bơm chống ngập. Hội đồng nhân dân giao quận làm trạm bơm.";
        var keywords = corpus.Enrich("council", new ArticleContent { Title = "Quận họp về trạm bơm", Body = text }).Article.Keywords.Select(k => k.Term).ToList();
        Assert.Contains("hội đồng nhân dân", keywords);
        Assert.DoesNotContain(keywords, k => k is "hội đồng" or "nhân dân" or "hội" or "dân");
        Assert.Contains("trạm bơm", keywords);
    }

    [Fact]
    public void Keyword_weights_run_from_one_down_and_skip_function_words()
    {
        var keywords = Enrichers.Fresh().Enrich("reference", Enrichers.ReferencePage()).Article.Keywords;
        Assert.Equal(1.0, keywords[0].Weight);
        Assert.True(keywords.Zip(keywords.Skip(1)).All(p => p.First.Weight >= p.Second.Weight));
        Assert.DoesNotContain(keywords, k => k.Term.Split(' ').Any(VietnameseLexicon.StopWords.Contains));
    }

    [Fact]
    public void Summary_is_the_lead_or_else_the_first_sentences()
    {
        var enricher = Enrichers.Fresh();
        Assert.Equal("Sapo.", enricher.Enrich("a", new ArticleContent { Title = "T", Lead = "Sapo.", Body = "Câu một dài hơn mười ký tự. Câu hai." }).Article.Summary);
        var fromBody = enricher.Enrich("b", new ArticleContent { Title = "T", Body = "Câu thứ nhất khá dài. Câu thứ hai cũng dài. Câu thứ ba không lấy." }).Article.Summary;
        Assert.Equal("Câu thứ nhất khá dài. Câu thứ hai cũng dài.", fromBody);
    }

    [Fact]
    public void Publish_time_and_reading_time_are_kept()
    {
        var published = DateTimeOffset.Parse("2026-02-25T09:00:00+07:00");
        var article = Enrichers.Fresh().Enrich("r", Enrichers.ReferencePage() with { PublishedAt = published }).Article;
        Assert.Equal(published, article.Content.PublishedAt);
        Assert.InRange(article.ReadingTimeSeconds, 120, 900);  // about 1,100 words at 220 a minute
    }

    [Fact]
    public void Enrichment_is_deterministic_for_the_same_input_and_corpus_state()
    {
        string Run()
        {
            var enricher = Enrichers.Fresh();
            foreach (var (id, content) in Enrichers.Dantri().Take(300)) enricher.Enrich(id, content);
            return JsonSerializer.Serialize(enricher.Enrich("reference", Enrichers.ReferencePage()).Article);
        }
        Assert.Equal(Run(), Run());
    }

    [Fact]
    public void Enriching_a_version_again_counts_nothing_twice()
    {
        var enricher = Enrichers.Fresh();
        var first = enricher.Enrich("reference", Enrichers.ReferencePage());
        var documents = enricher.Corpus.Documents;
        var again = enricher.Enrich("reference", Enrichers.ReferencePage());
        Assert.NotNull(first.Contribution);
        Assert.Null(again.Contribution);
        Assert.Equal(documents, enricher.Corpus.Documents);
        Assert.Equal(JsonSerializer.Serialize(first.Article), JsonSerializer.Serialize(again.Article));
    }

    [Fact]
    public void A_decomposed_dantri_article_gives_what_an_editor_reads_in_it()
    {
        // news_business_168: market inspectors and traffic police of Quảng Ninh stop a lorry on the road to Lạng Sơn.
        var enricher = Enrichers.Dantri(out var articles);
        var (id, content) = articles.Single(a => a.Id == "news_business_168");
        Assert.False(content.Body.IsNormalized(NormalizationForm.FormC));
        var article = enricher.Enrich(id + "-again", content with { Category = null }).Article;
        Assert.Equal("business", article.Category);
        Assert.True(article.CategoryInferred);
        Assert.Equal("Quản lý thị trường", article.Acronyms.Single(a => a.Acronym == "QLTT").Expansion);
        var keywords = article.Keywords.Select(k => k.Term).ToList();
        Assert.Contains("qltt", keywords);
        Assert.Contains("tỉnh quảng ninh", keywords);
        Assert.Contains("cảnh sát giao thông", keywords);
        Assert.Contains(article.Entities, e => e is { Text: "Quảng Ninh", Type: EntityType.Place, Mentions: >= 5 });
        Assert.Contains(article.Entities, e => e is { Text: "Lạng Sơn", Type: EntityType.Place });
        Assert.Contains(article.Entities, e => e is { Text: "huyện Tiên Yên", Type: EntityType.Place });
        Assert.Contains(article.Entities, e => e is { Text: "Công an tỉnh Quảng Ninh", Type: EntityType.Organisation });
        Assert.Contains(article.Entities, e => e is { Text: "Cục QLTT Quảng Ninh", Type: EntityType.Organisation });
        Assert.StartsWith("doi-quan-ly-thi-truong-qltt-so-8-cuc-qltt-quang-ninh", article.Slug);
    }

    [Fact]
    public void Decomposed_corpus_articles_come_out_composed()
    {
        var (id, content) = Enrichers.Dantri().First(a => !a.Content.Body.IsNormalized(NormalizationForm.FormC));
        var article = Enrichers.Fresh().Enrich(id, content).Article;
        Assert.True(article.NormalizedBody.IsNormalized(NormalizationForm.FormC));
        Assert.Equal("vi", article.Language);
        Assert.DoesNotContain(article.Keywords, k => !k.Term.IsNormalized(NormalizationForm.FormC));
        Assert.Equal(content.Body, article.Content.Body);  // what readers see stays as the source wrote it
    }
}
