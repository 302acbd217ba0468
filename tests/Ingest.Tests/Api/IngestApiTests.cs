using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ContentPipeline.Ingest.Articles;
using ContentPipeline.Testing;

namespace ContentPipeline.Ingest.Tests.Api;

/// <summary>Ingest on its own (SQLite, in-memory bus), through real HTTP.</summary>
public sealed class IngestApiTests : IAsyncLifetime
{
    private readonly TempDirectory _data = new();
    private RunningApp _ingest = null!;
    private HttpClient Http => _ingest.Client;

    public async ValueTask InitializeAsync() =>
        _ingest = await RunningApp.StartAsync(Program.Build, _data.Path, new Dictionary<string, string?>());

    public async ValueTask DisposeAsync()
    {
        await _ingest.DisposeAsync();
        _data.Dispose();
    }

    private static async Task<JsonObject> Problem(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    [Fact]
    public async Task Accepted_article_is_stored_with_its_version_and_status()
    {
        var response = await Http.PostAsJsonAsync("/api/articles", new { id = "a1", title = "Hà Nội", body = "Nội dung" });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("/api/articles/a1", response.Headers.Location?.ToString());
        var stored = await Http.GetFromJsonAsync<JsonObject>("/api/articles/a1");
        Assert.Equal(1, stored!["version"]!.GetValue<long>());
        Assert.Equal("submitted", stored["status"]!.GetValue<string>());
        Assert.Equal("Hà Nội", stored["article"]!["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task Broken_json_gets_a_problem_saying_where()
    {
        var response = await Http.PostAsync("/api/articles", new StringContent("{\"id\": \"a1\", \"title\": ", Encoding.UTF8, "application/json"));
        var problem = await Problem(response, HttpStatusCode.BadRequest);
        Assert.Contains("line 1", problem["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_article_without_title_or_body_is_refused_with_the_field()
    {
        var problem = await Problem(await Http.PostAsJsonAsync("/api/articles", new { id = "a1", lead = "chỉ có sapo" }), HttpStatusCode.BadRequest);
        Assert.NotNull(problem["errors"]!["title"]);
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetAsync("/api/articles/a1")).StatusCode);
    }

    [Fact]
    public async Task Bulk_reports_bad_lines_by_number_and_keeps_the_good_ones()
    {
        var lines = Enumerable.Range(1, 10).Select(i => i == 7
            ? "{\"id\": \"b7\", \"title\": broken"
            : i == 9 ? "{\"id\": \"b9\"}" : $"{{\"id\": \"b{i}\", \"title\": \"Bài {i}\", \"body\": \"Nội dung {i}\"}}");
        var response = await Http.PostAsync("/api/articles/bulk", new StringContent(string.Join('\n', lines), Encoding.UTF8, "application/x-ndjson"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(8, result["accepted"]!.GetValue<int>());
        var rejected = result["rejected"]!.AsArray();
        Assert.Equal([7, 9], rejected.Select(r => r!["line"]!.GetValue<int>()));
        Assert.Equal("b9", rejected[1]!["id"]!.GetValue<string>());
        Assert.Contains("title or a body", rejected[1]!["error"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await Http.GetAsync("/api/articles/b10")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetAsync("/api/articles/b7")).StatusCode);
    }

    [Fact]
    public async Task Bulk_with_invalid_utf8_on_one_line_keeps_the_other_lines()
    {
        var before = Encoding.UTF8.GetBytes("{\"id\": \"u1\", \"title\": \"Trước\"}\n");
        byte[] bad = [.. "{\"id\": \"u2\", \"title\": \""u8, 0xC3, 0x28, .. "\"}\n"u8];
        var after = Encoding.UTF8.GetBytes("{\"id\": \"u3\", \"title\": \"Sau\"}");
        var response = await Http.PostAsync("/api/articles/bulk", new ByteArrayContent([.. before, .. bad, .. after]) { Headers = { ContentType = new("application/x-ndjson") } });
        var result = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(2, result["accepted"]!.GetValue<int>());
        var rejection = result["rejected"]!.AsArray().Single()!;
        Assert.Equal(2, rejection["line"]!.GetValue<int>());
        Assert.Contains("UTF-8", rejection["error"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await Http.GetAsync("/api/articles/u1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Http.GetAsync("/api/articles/u3")).StatusCode);
    }

    [Fact]
    public async Task Invalid_utf8_in_an_article_is_named_as_such()
    {
        byte[] body = [.. "{\"id\": \"a1\", \"title\": \""u8, 0xC3, 0x28, .. "\"}"u8];
        var problem = await Problem(await Http.PostAsync("/api/articles", new ByteArrayContent(body) { Headers = { ContentType = new("application/json") } }), HttpStatusCode.BadRequest);
        Assert.Contains("not valid UTF-8", problem["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_wrong_content_type_is_a_415_problem_with_a_detail()
    {
        var problem = await Problem(await Http.PostAsync("/api/articles", new StringContent("{}", Encoding.UTF8, "text/csv")), HttpStatusCode.UnsupportedMediaType);
        Assert.Contains("text/csv", problem["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_page_nested_a_hundred_thousand_levels_deep_is_refused()
    {
        var html = "<html><body>" + string.Concat(Enumerable.Repeat("<div>", 100_000)) + "<p>x</p>" + string.Concat(Enumerable.Repeat("</div>", 100_000));
        var problem = await Problem(await Http.PostAsync("/api/pages?url=https://example.vn/deep", new StringContent(html, Encoding.UTF8, "text/html")), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("levels deep", problem["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_bulk_body_over_the_configured_cap_is_a_413_problem()
    {
        using var data = new TempDirectory();
        await using var small = await RunningApp.StartAsync(Program.Build, data.Path, new Dictionary<string, string?> { ["Ingest:MaxBulkBytes"] = "100" });
        var body = string.Join('\n', Enumerable.Range(0, 5).Select(i => $"{{\"id\": \"c{i}\", \"title\": \"Bài số {i}\"}}"));
        var response = await small.Client.PostAsync("/api/articles/bulk", new StringContent(body, Encoding.UTF8, "application/x-ndjson"));
        var problem = await Problem(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("at most 100", problem["detail"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, (await small.Client.GetAsync("/api/articles/c0")).StatusCode);
    }

    [Fact]
    public async Task Sections_get_the_sites_display_name_and_keep_the_sources_own()
    {
        await Http.PostAsJsonAsync("/api/articles", new { id = "s1", title = "Tiêm vắc xin", category = "health" });
        await Http.PostAsJsonAsync("/api/articles", new { id = "s2", title = "Khám bệnh", category = "Sức khoẻ" });
        await Http.PostAsJsonAsync("/api/articles", new { id = "s3", title = "Ẩm thực", category = "Ẩm thực Hà thành" });

        var first = (await Http.GetFromJsonAsync<JsonObject>("/api/articles/s1"))!["article"]!;
        Assert.Equal("Sức khỏe", first["category"]!.GetValue<string>());
        Assert.Equal("health", first["sourceCategory"]!.GetValue<string>());
        Assert.Equal("Sức khỏe", (await Http.GetFromJsonAsync<JsonObject>("/api/articles/s2"))!["article"]!["category"]!.GetValue<string>());
        var unknown = (await Http.GetFromJsonAsync<JsonObject>("/api/articles/s3"))!["article"]!;
        Assert.Equal("Ẩm thực Hà thành", unknown["category"]!.GetValue<string>());
        Assert.Null(unknown["sourceCategory"]);
    }

    [Fact]
    public async Task An_operators_section_map_replaces_the_shipped_one_and_a_missing_one_stops_the_start()
    {
        using var data = new TempDirectory();
        var map = Path.Combine(data.Path, "sections.json");
        await File.WriteAllTextAsync(map, """{ "Y tế": ["health", "suc-khoe"] }""", TestContext.Current.CancellationToken);
        await using (var own = await RunningApp.StartAsync(Program.Build, data.Sub("a"), new Dictionary<string, string?> { ["Ingest:SectionNamesFile"] = map }))
        {
            await own.Client.PostAsJsonAsync("/api/articles", new { id = "s1", title = "Tiêm vắc xin", category = "Sức khoẻ" });
            Assert.Equal("Y tế", (await own.Client.GetFromJsonAsync<JsonObject>("/api/articles/s1"))!["article"]!["category"]!.GetValue<string>());
        }
        var refused = await Assert.ThrowsAnyAsync<Exception>(() => RunningApp.StartAsync(Program.Build, data.Sub("b"),
            new Dictionary<string, string?> { ["Ingest:SectionNamesFile"] = Path.Combine(data.Path, "missing.json") }));
        Assert.Contains("does not exist", refused.ToString());
    }

    [Fact]
    public async Task Withdrawing_an_unknown_article_is_a_404_problem()
    {
        var problem = await Problem(await Http.DeleteAsync("/api/articles/nope"), HttpStatusCode.NotFound);
        Assert.Contains("nope", problem["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_page_needs_an_absolute_url_and_a_text_content_type()
    {
        await Problem(await Http.PostAsync("/api/pages?url=relative/path", new StringContent("x", Encoding.UTF8, "text/plain")), HttpStatusCode.BadRequest);
        await Problem(await Http.PostAsync("/api/pages?url=https://example.vn/a", new StringContent("{}", Encoding.UTF8, "application/json")), HttpStatusCode.UnsupportedMediaType);
        await Problem(await Http.PostAsync("/api/pages?url=https://example.vn/a", new StringContent("<html><body></body></html>", Encoding.UTF8, "text/html")), HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task The_reference_page_text_becomes_an_article_without_its_links_and_blocks()
    {
        var text = await File.ReadAllTextAsync(SharedData.File("seed", "laodongthudo_hdnd_page.txt"));
        var response = await Http.PostAsync("/api/pages?url=https://laodongthudo.vn/lan-toa-sau-rong-cach-lam-hieu-qua-cua-hdnd-cac-cap.html",
            new StringContent(text, Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var page = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        var article = (await Http.GetFromJsonAsync<JsonObject>($"/api/articles/{page["id"]!.GetValue<string>()}"))!["article"]!;
        Assert.Equal("Lan tỏa sâu rộng cách làm hiệu quả của HĐND các cấp", article["title"]!.GetValue<string>());
        var body = article["body"]!.GetValue<string>();
        Assert.StartsWith("Sáng 25/02, Thường trực HĐND TP Hà Nội", body);
        Assert.DoesNotContain("lan toa sau rong", body);
        Assert.DoesNotContain("Nên xem", body);
        Assert.DoesNotContain("Họa sĩ Lê Thu Huyền", body);

        // The inline related links are on the article, so recommendations can leave them out; the blocks are named.
        var linked = article["linkedArticleIds"]!.AsArray().Select(l => l!.GetValue<string>()).ToList();
        Assert.Equal(3, linked.Count);
        Assert.Equal(linked, page["linkedArticleIds"]!.AsArray().Select(l => l!.GetValue<string>()));
        var worthWatching = page["blocks"]!["Nên xem"]!.AsArray().Select(t => t!.GetValue<string>()).ToList();
        Assert.Equal(7, worthWatching.Count);
        var first = (await Http.GetFromJsonAsync<JsonObject>($"/api/articles/{worthWatching[0]}"))!["article"]!;
        Assert.Equal("Họa sĩ Lê Thu Huyền: Người thổi hồn nhân văn vào trong từng nét cọ", first["title"]!.GetValue<string>());
        Assert.True(first["isTeaser"]!.GetValue<bool>());
        foreach (var linkedId in linked) Assert.Equal(HttpStatusCode.OK, (await Http.GetAsync($"/api/articles/{linkedId}")).StatusCode);
    }

    [Theory]
    [InlineData("windows-1258", "<meta charset=\"windows-1258\">", null)]
    [InlineData("windows-1258", "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1258\">", null)]
    [InlineData("windows-1258", "<meta charset=\"utf-8\">", "windows-1258")]  // the server's header wins over the page
    [InlineData("utf-8", "", null)]
    public async Task A_page_is_read_in_the_charset_its_header_or_meta_names(string encodingName, string meta, string? headerCharset)
    {
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        const string title = "Hội đồng nhân dân thành phố Hà Nội họp thường kỳ";
        var html = $"<html><head>{meta}<title>{title}</title></head><body><h1>{title}</h1>"
            + string.Concat(Enumerable.Repeat("<p>Đại biểu thảo luận về ngân sách, đầu tư công và an sinh xã hội của Thủ đô trong năm tới.</p>", 30)) + "</body></html>";
        var content = new ByteArrayContent(System.Text.Encoding.GetEncoding(encodingName).GetBytes(encodingName == "windows-1258" ? ToneMarksApart(html) : html));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/html") { CharSet = headerCharset };
        var response = await Http.PostAsync("/api/pages?url=https://example.vn/thoi-su/hdnd-ha-noi-hop-thuong-ky-123.html", content);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        var article = (await Http.GetFromJsonAsync<JsonObject>($"/api/articles/{id}"))!["article"]!;
        Assert.Equal(title, article["title"]!.GetValue<string>());
        Assert.StartsWith("Đại biểu thảo luận về ngân sách", article["body"]!.GetValue<string>());
    }

    /// <summary>Windows-1258 writes "ộ" as "ô" followed by a combining dot below: letters whole, tone marks apart.</summary>
    private static string ToneMarksApart(string text)
    {
        var result = new StringBuilder();
        var letters = System.Globalization.StringInfo.GetTextElementEnumerator(text);
        while (letters.MoveNext())
        {
            var decomposed = letters.GetTextElement().Normalize(NormalizationForm.FormD);
            var tones = decomposed.Where(c => c is '\u0300' or '\u0301' or '\u0303' or '\u0309' or '\u0323').ToArray();
            result.Append(new string([.. decomposed.Where(c => !tones.Contains(c))]).Normalize(NormalizationForm.FormC)).Append(tones);
        }
        return result.ToString();
    }

    [Fact]
    public async Task Linked_articles_are_given_as_urls_or_ids_and_stored_as_ids()
    {
        var response = await Http.PostAsJsonAsync("/api/articles", new
        {
            id = "with-links", title = "Bài có liên kết", body = "Nội dung",
            linkedArticles = new[] { "https://example.vn/tin/bai-lien-quan-so-1.html", "other-article", "with-links" },
        });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var stored = (await Http.GetFromJsonAsync<JsonObject>("/api/articles/with-links"))!["article"]!;
        Assert.Equal([ArticleIdentity.FromUrl("https://example.vn/tin/bai-lien-quan-so-1.html"), "other-article"],
            stored["linkedArticleIds"]!.AsArray().Select(l => l!.GetValue<string>()));  // never the article itself

        var problem = await Problem(await Http.PostAsJsonAsync("/api/articles",
            new { id = "bad-links", title = "Bài", linkedArticles = new[] { "not an id or a url" } }), HttpStatusCode.BadRequest);
        Assert.Contains("not an id or a url", problem["errors"]!["linkedArticles"]![0]!.GetValue<string>());
    }

    [Theory]
    [InlineData("giaoduc_home_mojibake.html", "https://giaoduc.net.vn/")]
    [InlineData("laodong_home_mojibake.html", "https://laodong.vn/")]
    [InlineData("tintaynguyen_home_mojibake.html", "https://tintaynguyen.com/")]
    public async Task Double_encoded_home_pages_give_teasers_in_proper_Vietnamese(string page, string url)
    {
        var html = await File.ReadAllTextAsync(SharedData.File("pages", page));
        var response = await Http.PostAsync($"/api/pages?url={url}", new StringContent(html, Encoding.UTF8, "text/html"));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var result = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Null(result["id"]);  // a home page is no article of its own
        var teasers = result["teasers"]!.AsArray().Select(t => t!.GetValue<string>()).ToList();
        Assert.True(teasers.Count >= 10, $"{teasers.Count} teasers");
        var titles = new List<string>();
        foreach (var id in teasers.Take(10))
        {
            var stored = (await Http.GetFromJsonAsync<JsonObject>($"/api/articles/{id}"))!["article"]!;
            var title = stored["title"]!.GetValue<string>();
            Assert.DoesNotMatch("Ã|á»|áº|Ä", title);
            Assert.True(title.IsNormalized(NormalizationForm.FormC));
            Assert.True(stored["isTeaser"]!.GetValue<bool>());
            Assert.StartsWith(url.TrimEnd('/'), stored["url"]!.GetValue<string>().Replace("www.", ""));
            titles.Add(title);
        }
        // Vietnamese headlines nearly all carry diacritics; a few (names, numbers) need none.
        Assert.True(titles.Count(t => Regex.IsMatch(t.ToLowerInvariant(), "[àáảãạăâđèéêìíòóôơùúưỳý]")) >= 8, string.Join(" | ", titles));
    }

    [Fact]
    public async Task A_teaser_never_replaces_the_full_article()
    {
        await Http.PostAsJsonAsync("/api/articles", new { url = "https://example.vn/tin/bai-viet-day-du-so-1.html", title = "Bài viết đầy đủ", body = "Toàn bộ nội dung bài viết." });
        var listPage = "<html><body><ul><li><a href=\"/tin/bai-viet-day-du-so-1.html\">Tiêu đề rút gọn của bài viết đầy đủ trên trang chủ</a></li>"
            + "<li><a href=\"/tin/bai-viet-moi-chi-co-tom-tat-2.html\">Một bài viết mới chỉ có tiêu đề và tóm tắt</a><p>Tóm tắt của bài viết mới, đủ dài để là một đoạn sapo.</p></li></ul></body></html>";
        var response = await Http.PostAsync("/api/pages?url=https://example.vn/", new StringContent(listPage, Encoding.UTF8, "text/html"));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);

        var full = (await Http.GetFromJsonAsync<JsonObject>($"/api/articles/{ArticleIdentity.FromUrl("https://example.vn/tin/bai-viet-day-du-so-1.html")}"))!;
        Assert.Equal(1, full["version"]!.GetValue<long>());
        Assert.Equal("Bài viết đầy đủ", full["article"]!["title"]!.GetValue<string>());
        var stub = (await Http.GetFromJsonAsync<JsonObject>($"/api/articles/{ArticleIdentity.FromUrl("https://example.vn/tin/bai-viet-moi-chi-co-tom-tat-2.html")}"))!["article"]!;
        Assert.Equal("Một bài viết mới chỉ có tiêu đề và tóm tắt", stub["title"]!.GetValue<string>());
        Assert.Equal("Tóm tắt của bài viết mới, đủ dài để là một đoạn sapo.", stub["lead"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_real_html_page_gives_its_title_and_canonical_url()
    {
        var html = await File.ReadAllTextAsync(SharedData.File("pages", "dantri_article.html"));
        var response = await Http.PostAsync("/api/pages?url=https://dantri.com.vn/saved-copy.htm", new StringContent(html, Encoding.UTF8, "text/html"));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        var article = (await Http.GetFromJsonAsync<JsonObject>($"/api/articles/{id}"))!["article"]!;
        Assert.Equal("Giá vàng giảm, vẫn cao hơn thế giới gần 20 triệu đồng/lượng", article["title"]!.GetValue<string>());
        Assert.Equal("https://dantri.com.vn/kinh-doanh/gia-vang-giam-van-cao-hon-the-gioi-gan-20-trieu-dongluong-20260307080054340.htm", article["url"]!.GetValue<string>());
        Assert.True(article["body"]!.GetValue<string>().Length > 500, "the body paragraphs were found");
    }
}
