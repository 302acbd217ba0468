using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ContentPipeline.Ingest.Articles;
using ContentPipeline.Ingest.Importing;
using ContentPipeline.ServiceDefaults.Storage;
using ContentPipeline.Testing;

namespace ContentPipeline.Ingest.Tests.Importing;

public sealed class ImportCommandTests : IDisposable
{
    private readonly TempDirectory _folder = new();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string Source()
    {
        var source = Directory.CreateDirectory(_folder.Sub("source")).FullName;
        File.WriteAllLines(Path.Combine(source, "articles.ndjson"),
        [
            """{"id": "ours-1", "title": "Bài của chúng tôi", "body": "Nội dung.", "publishedAt": "2025-07-01T08:00:00+07:00"}""",
            """{"id": "corpus-1", "url": "https://dantri.com.vn/xa-hoi/a-1.htm", "body": "Câu đầu tiên của bài đủ dài. Câu sau.", "category": "news", "published": "2020-10-01"}""",
            "",
            """{"id": "broken", "title": """,
            """{"id": "no-text"}""",
        ]);
        Directory.CreateDirectory(Path.Combine(source, "pages"));
        File.WriteAllText(Path.Combine(source, "pages", "trang.html"),
            "<html><head><title>Trang đã lưu</title><script type=\"application/ld+json\">{\"@type\": \"NewsArticle\", \"headline\": \"Trang đã lưu\"}</script><link rel=\"canonical\" href=\"https://example.vn/trang-da-luu.html\"></head><body><article><p>Đoạn một.</p><p>Đoạn hai.</p></article></body></html>");
        File.WriteAllText(Path.Combine(source, "notes.md"), "not imported");
        return source;
    }

    private async Task<(ArticleStore Store, IImportTarget Target)> LocalAsync()
    {
        var store = await ArticleStore.OpenAsync(Database.Sqlite(_folder.Sub("ingest.db")), Ct);
        return (store, new StoreTarget(store));
    }

    [Fact]
    public async Task A_folder_is_imported_with_a_summary_and_a_file_of_rejects()
    {
        var source = Source();
        var (store, target) = await LocalAsync();
        var rejects = _folder.Sub("rejects.ndjson");

        var summary = await ImportCommand.ImportAsync(ImportSource.Files(source), source, target, rejects, Ct);

        Assert.Equal(new ImportSummary(Read: 5, Created: 3, Updated: 0, Unchanged: 0, Rejected: 2), summary);
        var corpus = await store.GetAsync("corpus-1", Ct);
        Assert.Equal(new DateTimeOffset(2020, 10, 1, 0, 0, 0, TimeSpan.Zero), corpus!.Content.PublishedAt);
        Assert.True(corpus.Content.TitleDerived);
        Assert.Equal("Trang đã lưu", (await store.GetAsync(ArticleIdentity.FromUrl("https://example.vn/trang-da-luu.html"), Ct))!.Content.Title);

        var reasons = File.ReadAllLines(rejects).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal(["articles.ndjson:4", "articles.ndjson:5"], reasons.Select(r => r["source"]!.GetValue<string>()));
        Assert.Contains("title or a body", reasons[1]["error"]!.GetValue<string>());
        Assert.Equal("no-text", reasons[1]["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Importing_the_same_files_again_changes_nothing()
    {
        var source = Source();
        var (store, target) = await LocalAsync();
        await ImportCommand.ImportAsync(ImportSource.Files(source), source, target, _folder.Sub("r1.ndjson"), Ct);
        var again = await ImportCommand.ImportAsync(ImportSource.Files(source), source, target, _folder.Sub("r2.ndjson"), Ct);
        Assert.Equal(new ImportSummary(Read: 5, Created: 0, Updated: 0, Unchanged: 3, Rejected: 2), again);
        Assert.Equal(1, (await store.GetAsync("ours-1", Ct))!.Version);
    }

    [Fact]
    public async Task A_running_ingest_service_can_be_the_target()
    {
        var source = Source();
        await using var ingest = await RunningApp.StartAsync(Program.Build, _folder.Sub("service"), new Dictionary<string, string?>());
        await using var target = new HttpTarget(ingest.Client.BaseAddress!, TestKeys.Key);
        var summary = await ImportCommand.ImportAsync(ImportSource.Files(source), source, target, _folder.Sub("rejects.ndjson"), Ct);
        Assert.Equal(new ImportSummary(Read: 5, Created: 3, Updated: 0, Unchanged: 0, Rejected: 2), summary);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await ingest.Client.GetAsync("/api/articles/corpus-1")).StatusCode);
    }

    [Fact]
    public async Task Teasers_sent_to_a_running_ingest_never_replace_a_full_article()
    {
        await using var ingest = await RunningApp.StartAsync(Program.Build, _folder.Sub("service"), new Dictionary<string, string?>());
        await ingest.Client.PostAsJsonAsync("/api/articles", new { id = "full", title = "Bài đầy đủ", body = "Toàn bộ nội dung." }, Ct);
        var source = Directory.CreateDirectory(_folder.Sub("teasers")).FullName;
        File.WriteAllLines(Path.Combine(source, "teasers.ndjson"),
        [
            """{"id": "full", "title": "Tiêu đề rút gọn", "isTeaser": true}""",
            """{"id": "new-stub", "title": "Bài mới chỉ có tiêu đề", "isTeaser": true}""",
        ]);
        await using var target = new HttpTarget(ingest.Client.BaseAddress!, TestKeys.Key);
        var summary = await ImportCommand.ImportAsync(ImportSource.Files(source), source, target, _folder.Sub("rejects.ndjson"), Ct);
        Assert.Equal(new ImportSummary(Read: 2, Created: 1, Updated: 0, Unchanged: 1, Rejected: 0), summary);
        var full = await ingest.Client.GetFromJsonAsync<JsonObject>("/api/articles/full", Ct);
        Assert.Equal("Bài đầy đủ", full!["article"]!["title"]!.GetValue<string>());
        Assert.Equal(1, full["version"]!.GetValue<long>());
    }

    [Fact]
    public async Task Without_a_write_key_the_import_stops_saying_which_key_to_set()
    {
        var source = Source();
        await using var ingest = await RunningApp.StartAsync(Program.Build, _folder.Sub("service"), new Dictionary<string, string?>());
        await using var target = new HttpTarget(ingest.Client.BaseAddress!, key: null);
        var summary = await ImportCommand.ImportAsync(ImportSource.Files(source), source, target, _folder.Sub("rejects.ndjson"), Ct);
        Assert.Equal(0, summary.Accepted);
        Assert.Contains("refused the key (401", summary.StoppedBecause);
        Assert.Contains(ImportCommand.KeyVariable, summary.StoppedBecause);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await ingest.Client.GetAsync("/api/articles/ours-1")).StatusCode);
    }

    public void Dispose() => _folder.Dispose();
}
