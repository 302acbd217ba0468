using ContentPipeline.Contracts;
using System.Text;
using ContentPipeline.Search;
using ContentPipeline.Search.LuceneEngine;
using ContentPipeline.Testing;
using ContentPipeline.Text;
using Microsoft.Extensions.Logging.Abstractions;
using ContentPipeline.SearchIndex.Tests.LuceneEngine;
using static ContentPipeline.SearchIndex.Tests.LuceneEngine.LuceneIndex;

namespace ContentPipeline.SearchIndex.Tests;

/// <summary>
/// The behaviour both engines promise. Runs against Lucene always, against Elasticsearch where one is reachable.
/// </summary>
public abstract class ArticleIndexContract : IAsyncLifetime
{
    protected IArticleIndex Index { get; private set; } = null!;
    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected abstract Task<IArticleIndex> CreateIndexAsync();

    public async ValueTask InitializeAsync() => Index = await CreateIndexAsync();

    public virtual ValueTask DisposeAsync() => ValueTask.CompletedTask;

    protected async Task<List<string>> IdsFor(string query) =>
        (await Index.SearchAsync(new SearchQuery { Text = query, Size = 50 }, Ct)).Items.Select(i => i.Article.Id).ToList();

    [Fact]
    public async Task Accent_free_query_finds_accented_text()
    {
        await Index.UpsertAsync("a", 1, Article("Hà Nội khai mạc kỳ họp HĐND"), Ct);
        Assert.Equal(["a"], await IdsFor("ha noi"));
        Assert.Equal(["a"], await IdsFor("Hà Nội"));
    }

    [Fact]
    public async Task An_acronym_finds_its_expansion_and_the_reverse()
    {
        // Enrichment lists the acronyms of an article whichever form its text uses.
        AcronymDefinition[] council = [new("HĐND", "Hội đồng nhân dân")];
        await Index.UpsertAsync("short", 1, Article("HĐND quận Hoàng Mai họp chuyên đề") with { Acronyms = council }, Ct);
        await Index.UpsertAsync("long", 1, Article("Hội đồng nhân dân quận Thanh Xuân chất vấn") with { Acronyms = council }, Ct);
        await Index.UpsertAsync("other", 1, Article("Quận Hoàng Mai khởi công trạm bơm"), Ct);
        Assert.Equal(["long", "short"], (await IdsFor("HĐND")).Order());
        Assert.Equal(["long", "short"], (await IdsFor("hoi dong nhan dan")).Order());
        Assert.Equal(["short"], await IdsFor("hội đồng nhân dân hoàng mai"));
        // The words a reader typed still rank first.
        Assert.Equal("long", (await IdsFor("Hội đồng nhân dân"))[0]);
    }

    [Fact]
    public async Task Ha_noi_does_not_match_cha_noi()
    {
        await Index.UpsertAsync("cha", 1, Article("Người cha nói với con về ngày khai giảng"), Ct);
        await Index.UpsertAsync("hn", 1, Article("Hà Nội đón học sinh ngày khai giảng"), Ct);
        Assert.Equal(["hn"], await IdsFor("ha noi"));
    }

    [Fact]
    public async Task Decomposed_document_and_composed_query_match_both_ways()
    {
        await Index.UpsertAsync("nfd", 1, Article("Lễ hội văn hoá ở Hà Nội".Normalize(NormalizationForm.FormD)), Ct);
        await Index.UpsertAsync("nfc", 1, Article("Tuần lễ văn hóa Huế"), Ct);
        Assert.Equal(["nfc", "nfd"], (await IdsFor("văn hóa")).Order());
        Assert.Equal(["nfc", "nfd"], (await IdsFor("văn hoá".Normalize(NormalizationForm.FormD))).Order());
        Assert.Contains("nfd", await IdsFor("Hà Nội"));
    }

    [Fact]
    public async Task Exact_accents_rank_above_folded_matches()
    {
        await Index.UpsertAsync("duong", 1, Article("Dương Văn Minh thắng giải cờ vua"), Ct);
        await Index.UpsertAsync("road", 1, Article("Đường Láng sửa chữa mặt đường"), Ct);
        Assert.Equal("road", (await IdsFor("đường"))[0]);
        Assert.Equal("duong", (await IdsFor("dương"))[0]);
    }

    [Fact]
    public async Task Phrase_outranks_scattered_syllables()
    {
        await Index.UpsertAsync("scattered", 1, Article("Nhân dân đồng lòng xây dựng hội quán", "Hội viên và đồng nghiệp cùng nhân dân góp sức."), Ct);
        await Index.UpsertAsync("phrase", 1, Article("Kỳ họp hội đồng nhân dân thành phố", "Đại biểu thảo luận."), Ct);
        Assert.Equal("phrase", (await IdsFor("hoi dong nhan dan"))[0]);
    }

    [Fact]
    public async Task Engine_syntax_in_a_query_is_just_text()
    {
        await Index.UpsertAsync("a", 1, Article("Lập trình C++ cho người mới"), Ct);
        Assert.Equal(["a"], await IdsFor("lập trình C++ ("));
        Assert.Empty(await IdsFor("C++ (AND title:\"x"));
        Assert.Empty(await IdsFor("*:* OR -"));
    }

    [Fact]
    public async Task Older_version_does_not_overwrite_newer()
    {
        Assert.Equal(WriteOutcome.Applied, await Index.UpsertAsync("a", 2, Article("Tiêu đề mới"), Ct));
        Assert.Equal(WriteOutcome.Stale, await Index.UpsertAsync("a", 1, Article("Tiêu đề cũ"), Ct));
        Assert.Equal("Tiêu đề mới", (await Index.GetAsync("a", Ct))!.Title);
    }

    [Fact]
    public async Task Duplicate_delivery_changes_nothing()
    {
        Assert.Equal(WriteOutcome.Applied, await Index.UpsertAsync("a", 1, Article("Bản gốc"), Ct));
        Assert.Equal(WriteOutcome.AlreadyApplied, await Index.UpsertAsync("a", 1, Article("Bản khác cùng phiên bản"), Ct));
        Assert.Equal("Bản gốc", (await Index.GetAsync("a", Ct))!.Title);
    }

    [Fact]
    public async Task Withdrawn_article_cannot_be_brought_back_by_an_older_version()
    {
        await Index.UpsertAsync("a", 1, Article("Bài sẽ bị gỡ"), Ct);
        Assert.Equal(WriteOutcome.Applied, await Index.WithdrawAsync("a", 2, Ct));
        Assert.Empty(await IdsFor("bai se bi go"));
        Assert.Equal(WriteOutcome.Stale, await Index.UpsertAsync("a", 1, Article("Bài sẽ bị gỡ"), Ct));
        Assert.Null(await Index.GetAsync("a", Ct));
        Assert.Equal(WriteOutcome.Applied, await Index.UpsertAsync("a", 3, Article("Bài đăng lại"), Ct));
        Assert.Equal(["a"], await IdsFor("bai dang lai"));
    }

    [Fact]
    public async Task Filters_facets_and_cursor_paging()
    {
        var start = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < 7; i++)
            await Index.UpsertAsync($"a{i}", 1, Article($"Tin Hà Nội số {i}", category: i % 2 == 0 ? "Thời sự" : "Kinh tế", published: start.AddDays(i)), Ct);

        var page1 = await Index.SearchAsync(new SearchQuery { Text = "ha noi", Category = "Thời sự", Sort = SearchSort.Newest, Size = 3 }, Ct);
        Assert.Equal(4, page1.Total);
        Assert.Equal(["a6", "a4", "a2"], page1.Items.Select(i => i.Article.Id));
        Assert.Equal(4, page1.Categories["Thời sự"]);
        Assert.Equal(3, page1.Categories["Kinh tế"]);

        // An article arriving between pages causes neither a repeat nor a gap.
        await Index.UpsertAsync("late", 1, Article("Tin Hà Nội đến muộn", category: "Thời sự", published: start.AddDays(10)), Ct);
        var page2 = await Index.SearchAsync(new SearchQuery { Text = "ha noi", Category = "Thời sự", Sort = SearchSort.Newest, Size = 3, Cursor = page1.NextCursor }, Ct);
        Assert.Equal(["a0"], page2.Items.Select(i => i.Article.Id));
        Assert.Null(page2.NextCursor);

        var ranged = await Index.SearchAsync(new SearchQuery { Text = "ha noi", From = start.AddDays(2), To = start.AddDays(3) }, Ct);
        Assert.Equal(["a2", "a3"], ranged.Items.Select(i => i.Article.Id).Order());
    }

    [Fact]
    public async Task Relevance_paging_visits_every_hit_once()
    {
        for (var i = 0; i < 25; i++)
            await Index.UpsertAsync($"a{i:00}", 1, Article($"Hà Nội {string.Join(' ', Enumerable.Repeat("mưa", i % 5 + 1))} ngày {i}"), Ct);
        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var page = await Index.SearchAsync(new SearchQuery { Text = "ha noi mua", Size = 4, Cursor = cursor }, Ct);
            seen.AddRange(page.Items.Select(i => i.Article.Id));
            cursor = page.NextCursor;
        } while (cursor is not null);
        Assert.Equal(25, seen.Count);
        Assert.Equal(25, seen.Distinct().Count());
    }

    [Fact]
    public virtual async Task Paging_holds_still_while_articles_arrive_change_and_go()
    {
        for (var i = 0; i < 12; i++)
            await Index.UpsertAsync($"a{i:00}", 1, Article($"Hà Nội {string.Join(' ', Enumerable.Repeat("mưa", i % 4 + 1))} ngày {i}"), Ct);
        var before = await IdsFor("ha noi mua");
        var first = await Index.SearchAsync(new SearchQuery { Text = "ha noi mua", Size = 4 }, Ct);
        var seen = first.Items.Select(i => i.Article.Id).ToList();

        // Between pages: new articles that would rank first, an unseen one rewritten to rank first, an unseen one withdrawn.
        for (var i = 0; i < 3; i++) await Index.UpsertAsync($"new{i}", 1, Article("Hà Nội mưa mưa mưa mưa mưa"), Ct);
        await Index.UpsertAsync(before[8], 2, Article("Hà Nội mưa mưa mưa mưa mưa mưa"), Ct);
        await Index.WithdrawAsync(before[10], 2, Ct);

        var cursor = first.NextCursor;
        while (cursor is not null)
        {
            var page = await Index.SearchAsync(new SearchQuery { Text = "ha noi mua", Size = 4, Cursor = cursor }, Ct);
            seen.AddRange(page.Items.Select(i => i.Article.Id));
            cursor = page.NextCursor;
        }
        // Every article of the first page's moment, once, in the order of that moment.
        Assert.Equal(before, seen);
        // A new search sees the index as it is now.
        var now = await IdsFor("ha noi mua");
        Assert.Contains("new0", now);
        Assert.DoesNotContain(before[10], now);
    }

    [Fact]
    public async Task A_cursor_this_index_did_not_write_is_refused()
    {
        await Assert.ThrowsAsync<InvalidCursorException>(() => Index.SearchAsync(new SearchQuery { Text = "x", Cursor = "not-a-cursor!" }, Ct));
    }

    [Fact]
    public async Task Highlights_mark_matches_in_the_text_readers_see()
    {
        await Index.UpsertAsync("a", 1, Article("Hà Nội <mưa> lớn"), Ct);
        var hit = (await Index.SearchAsync(new SearchQuery { Text = "ha noi" }, Ct)).Items.Single();
        Assert.Equal("<em>Hà</em> <em>Nội</em> &lt;mưa&gt; lớn", hit.Highlights["title"].Single());
        await Index.UpsertAsync("b", 1, Article("C.Ronaldo & \"CR7\" ghi bàn"), Ct);
        hit = (await Index.SearchAsync(new SearchQuery { Text = "ronaldo ghi" }, Ct)).Items.Single();
        Assert.Equal("C.<em>Ronaldo</em> &amp; &quot;CR7&quot; <em>ghi</em> bàn", hit.Highlights["title"].Single());
    }

    [Fact]
    public async Task Suggest_completes_an_accent_free_prefix_and_knows_a_whole_word_in_its_other_forms()
    {
        await Index.UpsertAsync("a", 1, Article("Hà Nội khai mạc kỳ họp"), Ct);
        await Index.UpsertAsync("b", 1, Article("Hải Phòng mở đường mới"), Ct);
        var suggestions = await Index.SuggestAsync("ha n", 5, Ct);
        Assert.Equal(["Hà Nội khai mạc kỳ họp"], suggestions.Select(s => s.Title));
        // A last word typed whole is also each of its other forms: words typed joined, a name's other spellings.
        await Index.UpsertAsync("c", 1, Article("TP.HCM mở đường mới"), Ct);
        Assert.Equal(["Hà Nội khai mạc kỳ họp"], (await Index.SuggestAsync("hanoi", 5, Ct)).Select(s => s.Title));
        Assert.Equal(["TP.HCM mở đường mới"], (await Index.SuggestAsync("tphcm", 5, Ct)).Select(s => s.Title));
        // Syllables typed with accents, but the last, lift the titles holding exactly those.
        // The longer title would come second on the words alone.
        await Index.UpsertAsync("d", 1, Article("Gia Lai vào vụ"), Ct);
        await Index.UpsertAsync("e", 1, Article("Giá vàng trong nước hôm nay tăng mạnh"), Ct);
        Assert.Equal(["Giá vàng trong nước hôm nay tăng mạnh", "Gia Lai vào vụ"], (await Index.SuggestAsync("giá v", 5, Ct)).Select(s => s.Title));
        Assert.Equal(2, (await Index.SuggestAsync("gia v", 5, Ct)).Count);
    }

    [Fact]
    public async Task Suggest_puts_titles_holding_the_words_as_typed_together_first()
    {
        await Index.UpsertAsync("scattered", 1, Article("Tượng chú thú đá"), Ct);
        await Index.UpsertAsync("together", 1, Article("Thủ tướng chủ trì phiên họp Chính phủ thường kỳ tháng tư"), Ct);
        // The shorter title would come first on the words alone.
        Assert.Equal(["together", "scattered"], (await Index.SuggestAsync("thu tuong ch", 5, Ct)).Select(s => s.Id));
        Assert.Equal(["together", "scattered"], (await Index.SuggestAsync("thu tuong", 5, Ct)).Select(s => s.Id));
    }

    [Fact]
    public async Task Suggest_puts_a_title_holding_the_words_together_first_though_one_has_a_letter_wrong()
    {
        await Index.UpsertAsync("pm", 1, Article("Thủ tướng chủ trì phiên họp Chính phủ thường kỳ tháng tư"), Ct);
        await Index.UpsertAsync("scattered", 1, Article("Tượng chú thú đá"), Ct);
        Assert.Equal(["pm", "scattered"], (await Index.SuggestAsync("thu tuonh ch", 5, Ct)).Select(s => s.Id));
    }

    [Fact]
    public async Task Suggest_forgives_one_wrong_letter_in_a_word_typed_whole_when_it_finds_too_few()
    {
        await Index.UpsertAsync("pm", 1, Article("Thủ tướng chủ trì phiên họp Chính phủ"), Ct);
        await Index.UpsertAsync("statue", 1, Article("Tượng đá cổ ở chùa"), Ct);
        Assert.Equal(["pm"], (await Index.SuggestAsync("thu tuonh ch", 5, Ct)).Select(s => s.Id));
        Assert.Equal(["pm", "statue"], (await Index.SuggestAsync("tuonh ch", 5, Ct)).Select(s => s.Id).Order());
        // One word mistyped, not two; and two letters of the word still being typed are never guessed at.
        Assert.Empty(await Index.SuggestAsync("thuu tuonh ch", 5, Ct));
        Assert.Empty(await Index.SuggestAsync("thu tuong cx", 5, Ct));
    }

    [Fact]
    public async Task Suggest_forgives_one_wrong_letter_in_the_word_being_typed_when_it_finds_nothing()
    {
        await Index.UpsertAsync("education", 1, Article("Bộ Giáo dục công bố lịch thi tốt nghiệp trung học phổ thông cho thí sinh cả nước"), Ct);
        await Index.UpsertAsync("transport", 1, Article("Bộ Giao thông mở tuyến metro"), Ct);
        await Index.UpsertAsync("scattered", 1, Article("Du học: bố giáo viên"), Ct);
        await Index.UpsertAsync("trade", 1, Article("Thương mại điện tử tăng"), Ct);
        // Nothing begins with "duv": "dục" with its last letter wrong, or "du…" with a letter too many; the title holding
        // the words together first.
        Assert.Equal(["education", "scattered"], (await Index.SuggestAsync("bo giao duv", 5, Ct)).Select(s => s.Id));
        Assert.Equal(["education"], (await Index.SuggestAsync("bo giao dyc", 5, Ct)).Select(s => s.Id));
        // Alone, from four letters.
        Assert.Equal(["trade"], (await Index.SuggestAsync("thuonh", 5, Ct)).Select(s => s.Id));
        // One word mistyped, not two; and a word being typed that begins some words as typed is not guessed at.
        Assert.Empty(await Index.SuggestAsync("bo giso duv", 5, Ct));
        Assert.Equal(["education"], (await Index.SuggestAsync("bo giao duc", 5, Ct)).Select(s => s.Id));
    }

    [Fact]
    public async Task A_long_query_also_finds_articles_missing_one_word_below_every_article_holding_every_word_near_one_another()
    {
        await Index.UpsertAsync("full", 1, Article("Tin ngắn buổi sáng", "Trạm bơm chống ngập ở quận Thanh Xuân chạy thử."), Ct);
        // Its title holds five of the six words: it would outscore the full match on words alone.
        await Index.UpsertAsync("one-missing", 1, Article("Trạm bơm chống ngập Thanh Trì", "Trạm bơm chống ngập huyện Thanh Trì khởi công."), Ct);
        await Index.UpsertAsync("two-missing", 1, Article("Trạm bơm chống ngập Yên Sở", "Trạm bơm Yên Sở chạy hết công suất."), Ct);
        // Every word, but far apart in a long text: not what was asked for above the full match.
        await Index.UpsertAsync("scattered", 1, Article("Mùa mưa năm nay",
            "Thanh niên tình nguyện dọn rác ven sông sau cơn mưa lớn hôm qua. Người dân ở phường Xuân La kể lại chuyện cũ của " +
            "khu phố trong nhiều năm. Cuối buổi, đoàn ghé trạm y tế và kho vật tư chống bão trước khi về. Chiếc máy bơm cũ " +
            "vẫn nằm ở góc sân, nước ngập đến mắt cá chân."), Ct);

        var found = await IdsFor("tram bom chong ngap thanh xuan");
        Assert.Equal("full", found[0]);
        Assert.Equal(["full", "one-missing", "scattered"], found.Order());
        var page = await Index.SearchAsync(new SearchQuery { Text = "tram bom chong ngap thanh xuan", Size = 1 }, Ct);
        Assert.Equal((3L, "full"), (page.Total, page.Items.Single().Article.Id));
    }

    [Fact]
    public async Task Words_near_one_another_rank_above_the_same_words_far_apart()
    {
        // Common syllables: every article holds all three; only one holds them as the name.
        await Index.UpsertAsync("name", 1, Article("Hội nghị Trung ương khai mạc",
            "Sáng nay, Tổng Bí thư Nguyễn Phú Trọng phát biểu khai mạc hội nghị trong không khí trang trọng."), Ct);
        await Index.UpsertAsync("title", 1, Article("Bức tượng phu nhân Phụ Hảo",
            "Ông Nguyễn Văn An kể lại chuyện tìm thấy bức tượng trong một ngôi mộ cổ."), Ct);
        await Index.UpsertAsync("accents", 1, Article("Ông Nguyễn Việt Thắng nằm trong danh sách",
            "Việc bổ nhiệm được công bố trong buổi họp. Phú Thọ và Phú Yên cũng có tên."), Ct);
        Assert.Equal("name", (await IdsFor("nguyen phu trong"))[0]);
        Assert.Equal("name", (await IdsFor("Nguyễn Phú Trọng"))[0]);
    }

    [Fact]
    public async Task A_number_is_found_however_its_thousands_are_grouped()
    {
        await Index.UpsertAsync("dotted", 1, Article("Dự án chống ngập 12.000 tỷ đồng được phê duyệt"), Ct);
        await Index.UpsertAsync("plain", 1, Article("Gói thầu 12000 tỷ đồng chống ngập"), Ct);
        await Index.UpsertAsync("other", 1, Article("Dự án 12 tỷ đồng"), Ct);
        foreach (var query in new[] { "12.000 tỷ đồng", "12 000 ty dong", "12000 ty dong", "12\u00A0000 tỷ đồng" })
            Assert.Equal(["dotted", "plain"], (await IdsFor(query)).Order());
        Assert.Equal(["other"], await IdsFor("12 ty dong"));
    }

    [Fact]
    public async Task One_city_under_every_spelling_finds_the_same_articles()
    {
        string[] spellings = ["TP.HCM", "TPHCM", "TP HCM", "TP. HCM", "Tp Hồ Chí Minh", "thành phố Hồ Chí Minh"];
        var city = await IndexEverySpellingAsync("city", spellings, spelling => $"Giá nhà ở {spelling} tăng");
        // Neither the person nor another city is the city.
        await Index.UpsertAsync("person", 1, Article("Bảo tàng Hồ Chí Minh đón khách"), Ct);
        await Index.UpsertAsync("other-city", 1, Article("Giá nhà ở thành phố Hải Phòng tăng"), Ct);

        await AssertEachFindsAsync(city, [.. spellings, "tphcm", "tp ho chi minh", "giá nhà TPHCM"]);
        Assert.Contains("person", await IdsFor("Hồ Chí Minh"));
    }

    [Fact]
    public async Task A_code_of_letters_and_a_number_is_found_however_it_is_written()
    {
        string[] spellings = ["U23", "U.23", "U-23", "U 23"];
        var team = await IndexEverySpellingAsync("team", spellings, spelling => $"{spelling} Việt Nam thắng đậm");
        // The letter and the number apart are not the code.
        await Index.UpsertAsync("apart", 1, Article("Khối u nặng 23 kg ở bệnh nhân Việt Nam"), Ct);
        await Index.UpsertAsync("other-team", 1, Article("U22 Việt Nam thắng đậm"), Ct);

        await AssertEachFindsAsync(team, [.. spellings, "u23", "u.23 viet nam"]);
        Assert.Equal(["other-team"], await IdsFor("U-22"));
    }

    /// <summary>An article under each spelling, titled by <paramref name="title"/>; their ids, in order.</summary>
    private async Task<List<string>> IndexEverySpellingAsync(string name, string[] spellings, Func<string, string> title)
    {
        for (var i = 0; i < spellings.Length; i++) await Index.UpsertAsync($"{name}-{i}", 1, Article(title(spellings[i])), Ct);
        return spellings.Select((_, i) => $"{name}-{i}").Order().ToList();
    }

    private async Task AssertEachFindsAsync(List<string> ids, IEnumerable<string> queries)
    {
        foreach (var query in queries) Assert.Equal(ids, (await IdsFor(query)).Order());
    }

    [Fact]
    public async Task What_news_abbreviates_is_found_spelled_out_and_the_other_way_round()
    {
        (string Short, string Long)[] pairs = [("HLV", "Huấn luyện viên"), ("BĐS", "bất động sản"), ("Man Utd", "Manchester United"), ("HĐQT", "Hội đồng quản trị")];
        for (var i = 0; i < pairs.Length; i++)
        {
            await Index.UpsertAsync($"short-{i}", 1, Article($"{pairs[i].Short} công bố kế hoạch mới"), Ct);
            await Index.UpsertAsync($"long-{i}", 1, Article($"{pairs[i].Long} công bố kế hoạch mới"), Ct);
        }
        for (var i = 0; i < pairs.Length; i++)
        {
            Assert.Equal([$"long-{i}", $"short-{i}"], (await IdsFor($"{pairs[i].Short} công bố")).Order());
            Assert.Equal([$"long-{i}", $"short-{i}"], (await IdsFor(VietnameseText.Fold(pairs[i].Long))).Order());
        }
    }

    [Fact]
    public async Task A_query_typed_in_Telex_finds_what_it_spells()
    {
        await Index.UpsertAsync("country", 1, Article("Việt Nam vào chung kết"), Ct);
        await Index.UpsertAsync("letter", 1, Article("Viết thư cho mẹ"), Ct);
        await Index.UpsertAsync("city", 1, Article("Đà Nẵng đón khách"), Ct);
        await Index.UpsertAsync("school", 1, Article("Học sinh đi học"), Ct);
        await Index.UpsertAsync("bus", 1, Article("Xe bus điện chạy thử"), Ct);
        await Index.UpsertAsync("baby", 1, Article("Em bé bú sữa mẹ"), Ct);
        await Index.UpsertAsync("president", 1, Article("Tổng thống Moon Jae-in thăm Hà Nội"), Ct);
        foreach (var (id, subject) in new[] { ("maths", "Toán"), ("literature", "Văn"), ("history", "Sử") })
            await Index.UpsertAsync(id, 1, Article($"Môn {subject} thi sáng nay"), Ct);
        // Marked by a doubled vowel or dd, a syllable is read at once.
        Assert.Equal(["country"], await IdsFor("vieejt nam"));
        Assert.Equal(["country", "letter"], (await IdsFor("vieejt")).Order());
        // Also as typed: a name that reads as Telex is still the name, and first, being rarer than the syllable.
        Assert.Equal("president", (await IdsFor("moon"))[0]);
        await Index.UpsertAsync("hospital", 1, Article("Bệnh viện Bạch Mai mở thêm khoa"), Ct);
        // One such syllable says the whole query is Telex: its syllables marked by a tone key too, at once.
        Assert.Equal(["hospital"], await IdsFor("benhj vieenj bachj mai"));
        // The words as they spell, standing together, lift a title as typed words would.
        await Index.UpsertAsync("forecast", 1, Article("Dự báo thời tiết hôm nay ở Hà Nội và các tỉnh miền Bắc có mưa rào"), Ct);
        await Index.UpsertAsync("yesterday", 1, Article("Nay thời tiết hôm qua"), Ct);
        Assert.Equal(["forecast", "yesterday"], await IdsFor("thoiw tieets hoom nay"));
        // Marked only by w or a tone key, when the words as typed find less than a page.
        Assert.Equal(["city"], await IdsFor("ddaf nawngx"));
        Assert.Equal(["school"], await IdsFor("hocj sinh"));
        // So a word of another language is found as typed first.
        Assert.Equal(["bus", "baby"], await IdsFor("bus"));
    }

    [Fact]
    public async Task A_word_typed_joined_finds_the_words_written_apart()
    {
        await Index.UpsertAsync("capital", 1, Article("Giá nhà ở Hà Nội tăng"), Ct);
        await Index.UpsertAsync("south", 1, Article("Sài Gòn mưa lớn chiều nay"), Ct);
        await Index.UpsertAsync("test", 1, Article("Xét nghiệm Covid-19 miễn phí"), Ct);
        await Index.UpsertAsync("phone", 1, Article("iPhone 15 giảm giá"), Ct);
        await Index.UpsertAsync("written-joined", 1, Article("Hanoi Times ra số mới"), Ct);
        await Index.UpsertAsync("abbreviated", 1, Article("Giá xăng ở HN giảm"), Ct);
        // The syllables apart, not standing together, are not the name.
        await Index.UpsertAsync("apart", 1, Article("Nhà hát Nội Bài hà khắc"), Ct);

        // Typed joined, a name is still found under each of its spellings.
        Assert.Equal(["abbreviated", "capital", "written-joined"], (await IdsFor("hanoi")).Order());
        Assert.Equal(["capital"], await IdsFor("gia nha hanoi"));
        Assert.Equal(["south"], await IdsFor("saigon"));
        Assert.Equal(["test"], await IdsFor("covid19"));
        Assert.Equal(["phone"], await IdsFor("iphone15"));
    }

    [Fact]
    public async Task A_query_typed_without_a_word_finds_nothing_and_an_empty_one_lists_the_newest()
    {
        await Index.UpsertAsync("gold", 1, Article("Giá vàng tăng mạnh"), Ct);
        Assert.Empty(await IdsFor("!!! ???"));
        // Longer than any word the index keeps.
        Assert.Empty(await IdsFor(string.Concat(Enumerable.Repeat("ngoan", 50))));
        var nothing = await Index.SearchAsync(new SearchQuery { Text = "—" }, Ct);
        Assert.Equal((0, 0), (nothing.Total, nothing.Categories.Count));
        Assert.Equal(["gold"], await IdsFor(""));
        Assert.Equal(["gold"], await IdsFor("  "));
    }

    [Fact]
    public async Task A_dot_between_letters_separates_words()
    {
        await Index.UpsertAsync("striker", 1, Article("C.Ronaldo lập cú đúp"), Ct);
        await Index.UpsertAsync("doctor", 1, Article("PGS.TS Nguyễn Văn An nhận giải"), Ct);
        await Index.UpsertAsync("price", 1, Article("Giá 12.000 đồng một cân"), Ct);
        Assert.Equal(["striker"], await IdsFor("Ronaldo"));
        Assert.Equal(["striker"], await IdsFor("C.Ronaldo"));
        Assert.Equal(["doctor"], await IdsFor("pgs ts nguyen"));
        Assert.Equal(["doctor"], await IdsFor("PGS.TS"));
        // Digits keep their dots: no "000" of its own.
        Assert.Empty(await IdsFor("000"));
    }

    [Fact]
    public async Task A_quoted_phrase_must_stand_in_that_order()
    {
        await Index.UpsertAsync("phrase", 1, Article("Bàn thắng đẹp nhất vòng đấu"), Ct);
        await Index.UpsertAsync("reversed", 1, Article("Thắng lợi bên bàn đàm phán"), Ct);
        Assert.Equal(["phrase", "reversed"], (await IdsFor("ban thang")).Order());
        Assert.Equal(["phrase"], await IdsFor("\"ban thang\""));
        Assert.Equal(["phrase"], await IdsFor("“bàn thắng” đẹp"));
        Assert.Empty(await IdsFor("\"thang ban\""));
    }

    [Fact]
    public async Task One_wrong_letter_in_a_long_word_still_finds_the_article_below_exact_matches()
    {
        await Index.UpsertAsync("exact", 1, Article("Vành đai 4 có thêm huy chương"), Ct);
        await Index.UpsertAsync("gold", 1, Article("Đội tuyển giành huy chương vàng"), Ct);
        await Index.UpsertAsync("silver", 1, Article("Đội tuyển giành huy chương bạc"), Ct);
        // "vanh" is "vàng" with one letter changed, and "vành" itself.
        Assert.Equal(["exact", "gold"], await IdsFor("huy chuong vanh"));
        Assert.Equal(["gold"], await IdsFor("huy chương vamg"));
        // One word mistyped, not two: "chuonh" and "vamg" together find nothing.
        Assert.Empty(await IdsFor("huy chuonh vamg"));
    }

    [Fact]
    public async Task A_syllable_that_finds_little_is_also_looked_for_as_the_words_it_may_join()
    {
        await Index.UpsertAsync("name", 1, Article("Nhà lưu niệm cố Tổng Bí thư Lê Duẩn"), Ct);
        await Index.UpsertAsync("project", 1, Article("Khởi công dự án cầu mới"), Ct);
        await Index.UpsertAsync("delegation", 1, Article("Đoàn công tác làm việc tại tỉnh"), Ct);
        await Index.UpsertAsync("apart", 1, Article("Ăn dự tiệc, trưa an toàn"), Ct);
        // "duan" is a syllable ("Duẩn") and "dự án" typed joined; the word as typed first, then the words it joins, then
        // one letter changed ("đoàn").
        Assert.Equal(["name", "project", "delegation"], await IdsFor("duan"));
        var project = (await Index.SearchAsync(new SearchQuery { Text = "duan" }, Ct)).Items.Single(i => i.Article.Id == "project");
        Assert.Equal("Khởi công <em>dự</em> <em>án</em> cầu mới", project.Highlights["title"].Single());
        Assert.Equal(["project"], await IdsFor("duan cau moi"));
        // Three letters that are no syllable, "y tế" typed joined.
        await Index.UpsertAsync("health", 1, Article("Bộ Y tế khuyến cáo người dân"), Ct);
        Assert.Equal(["health"], await IdsFor("yte"));
        // The words it joins weigh in the title as the word would: the title holding them comes first.
        await Index.UpsertAsync("schools", 1, Article("Bộ trưởng", "Y tế trường học: phòng y tế, cán bộ y tế"), Ct);
        Assert.Equal(["health", "schools"], await IdsFor("bo yte"));
        // A syllable that finds a page as typed is not cut: "hoan" is not "ho an" there.
        await Index.UpsertAsync("lake", 1, Article("Hồ An Phú cạn nước"), Ct);
        for (var i = 0; i < 10; i++) await Index.UpsertAsync($"finished-{i}", 1, Article($"Hoàn thành công trình số {i}"), Ct);
        var page = await Index.SearchAsync(new SearchQuery { Text = "hoan", Size = 10 }, Ct);
        Assert.Equal(10, page.Total);
        Assert.DoesNotContain("lake", page.Items.Select(i => i.Article.Id));
    }

    [Fact]
    public async Task A_tone_is_never_a_typo_and_short_words_are_not_guessed()
    {
        await Index.UpsertAsync("dog", 1, Article("Con chó nhà bên"), Ct);
        await Index.UpsertAsync("tree", 1, Article("Gỗ chò mọc ở rừng"), Ct);
        await Index.UpsertAsync("ghost", 1, Article("Chuyện ma ở làng"), Ct);
        // Folding finds both tones, and the exact one comes first.
        Assert.Equal("dog", (await IdsFor("chó"))[0]);
        Assert.Equal("tree", (await IdsFor("chò"))[0]);
        // A word of three letters or fewer is never changed: "mai" does not find "ma", nor "cha" "chò".
        Assert.Empty(await IdsFor("mai"));
        Assert.Empty(await IdsFor("cha"));
    }

    [Fact]
    public async Task Exact_accents_count_for_every_word_of_the_query()
    {
        await Index.UpsertAsync("piano", 1, Article("Bán dương cầm"), Ct);
        await Index.UpsertAsync("sugar", 1, Article("Thị trường bán đường mía cuối năm giảm mạnh"), Ct);
        await Index.UpsertAsync("road", 1, Article("Ban đường phố họp bàn việc sửa chữa"), Ct);
        Assert.Equal("sugar", (await IdsFor("bán đường"))[0]);
        Assert.Equal("piano", (await IdsFor("bán dương"))[0]);
        Assert.Equal("road", (await IdsFor("ban đường phố"))[0]);
    }

    [Fact]
    public async Task Queries_of_up_to_three_words_keep_every_word_required()
    {
        await Index.UpsertAsync("a", 1, Article("Trạm bơm chống ngập Thanh Trì"), Ct);
        Assert.Empty(await IdsFor("tram bom xuan"));
        Assert.Empty(await IdsFor("bom xuan"));
    }

    [Fact]
    public async Task An_articles_image_comes_back_wherever_the_article_does()
    {
        var pictured = Article("Hà Nội mở cầu mới qua sông Hồng", category: "Thời sự", published: DateTimeOffset.UtcNow);
        pictured = pictured with { Content = pictured.Content with { ImageUrl = "https://img.example.vn/cau-moi.jpg", ImageAlt = "Cây cầu mới" } };
        await Index.UpsertAsync("pictured", 1, pictured, Ct);
        await Index.UpsertAsync("plain", 1, Article("Hà Nội mở thêm tuyến buýt", category: "Thời sự", published: DateTimeOffset.UtcNow.AddHours(-1)), Ct);

        var found = (await Index.SearchAsync(new SearchQuery { Text = "cau moi" }, Ct)).Items.Single().Article;
        Assert.Equal(("https://img.example.vn/cau-moi.jpg", "Cây cầu mới"), (found.ImageUrl, found.ImageAlt));
        Assert.Equal("https://img.example.vn/cau-moi.jpg", (await Index.GetAsync("pictured", Ct))!.ImageUrl);
        var newest = (await Index.NewestAsync("Thời sự", null, 10, new HashSet<string>(), Ct)).Items;
        Assert.Equal([("pictured", "https://img.example.vn/cau-moi.jpg"), ("plain", null)], newest.Select(a => (a.Id, a.ImageUrl)));
    }

    [Fact]
    public async Task Read_all_gives_every_article_with_its_words_and_no_withdrawn_one()
    {
        var kept = Article("Hà Nội chống ngập", "Trạm bơm chống ngập nội đô.") with
        {
            NormalizedLead = "Mùa mưa đến sớm.",
            Keywords = [new WeightedKeyword("chống ngập", 1), new WeightedKeyword("trạm bơm", 0.5)],
        };
        await Index.UpsertAsync("a", 2, kept, Ct);
        await Index.UpsertAsync("b", 1, Article("Hải Phòng mở đường mới"), Ct);
        await Index.WithdrawAsync("b", 2, Ct);

        var all = new List<StoredArticle>();
        await foreach (var stored in Index.ReadAllAsync(Ct)) all.Add(stored);

        var only = Assert.Single(all);
        Assert.Equal(("a", 2L, "Hà Nội chống ngập"), (only.Article.Id, only.Article.Version, only.Article.Title));
        Assert.Equal(ArticleWords.Of(kept) with { Keywords = [] }, only.Words with { Keywords = [] });
        Assert.Equal(["chống ngập", "trạm bơm"], only.Words.Keywords);
    }

}

public sealed class LuceneArticleIndexTests : ArticleIndexContract
{
    private readonly LuceneIndex _lucene = new();

    protected override Task<IArticleIndex> CreateIndexAsync() => Task.FromResult<IArticleIndex>(_lucene.Index);

    [Fact]
    public async Task Index_survives_a_reopen()
    {
        using var folder = new TempDirectory();
        using (var index = new LuceneArticleIndex(folder.Path, NullLogger<LuceneArticleIndex>.Instance))
            await index.UpsertAsync("a", 4, Article("Bền vững sau khởi động lại"), Ct);
        using var reopened = new LuceneArticleIndex(folder.Path, NullLogger<LuceneArticleIndex>.Instance);
        Assert.Equal(4, (await reopened.GetAsync("a", Ct))!.Version);
        Assert.Equal(WriteOutcome.Stale, await reopened.UpsertAsync("a", 3, Article("Cũ"), Ct));
    }

    [Fact]
    public async Task A_form_of_several_syllables_is_highlighted_only_where_they_stand_together()
    {
        await Index.UpsertAsync("city", 1, Article("Thăm bảo tàng Hồ Chí Minh ở thành phố Hồ Chí Minh"), Ct);
        await Index.UpsertAsync("metro", 1, Article("Hoàn thành tuyến metro số 1 TP.HCM"), Ct);
        var titles = (await Index.SearchAsync(new SearchQuery { Text = "tphcm" }, Ct)).Items.ToDictionary(h => h.Article.Id, h => h.Highlights["title"].Single());
        Assert.Equal("Thăm bảo tàng Hồ Chí Minh ở <em>thành</em> <em>phố</em> <em>Hồ</em> <em>Chí</em> <em>Minh</em>", titles["city"]);
        Assert.Equal("Hoàn thành tuyến metro số 1 <em>TP</em>.<em>HCM</em>", titles["metro"]);
        // A word of one syllable stands anywhere.
        var hit = (await Index.SearchAsync(new SearchQuery { Text = "metro hoan" }, Ct)).Items.Single();
        Assert.Equal("<em>Hoàn</em> thành tuyến <em>metro</em> số 1 TP.HCM", hit.Highlights["title"].Single());
    }

    public override ValueTask DisposeAsync()
    {
        _lucene.Dispose();
        return ValueTask.CompletedTask;
    }
}
