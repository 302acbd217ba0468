using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ContentPipeline.Search;
using ContentPipeline.SearchIndex.Api;
using ContentPipeline.SearchIndex.Consumers;
using ContentPipeline.SearchIndex.Tests.LuceneEngine;
using ContentPipeline.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ContentPipeline.SearchIndex.Tests.Api;

/// <summary>/api/search and /api/suggest as a client sees them: the service on Kestrel, its own index filled directly.</summary>
public sealed class SearchApiTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2025, 3, 1, 8, 0, 0, TimeSpan.FromHours(7));
    private readonly TempDirectory _data = new();
    private RunningApp _app = null!;
    private CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _app = await RunningApp.StartAsync(Program.Build, _data.Path, new Dictionary<string, string?>());
        var index = _app.Services.GetRequiredKeyedService<IArticleIndex>(typeof(IndexArticleConsumer));
        await Task.WhenAll(Enumerable.Range(0, 120).Select(i => index.UpsertAsync($"a{i:000}", 1,
            LuceneIndex.Article($"Hà Nội mở rộng tuyến phố số {i}", "Thành phố lát lại vỉa hè.", i % 2 == 0 ? "Thời sự" : "Đời sống", Start.AddDays(i)), Ct)));
    }

    private async Task<(HttpStatusCode Status, JsonObject Body)> Get(string url)
    {
        using var response = await _app.Client.GetAsync(url, Ct);
        return (response.StatusCode, (await response.Content.ReadFromJsonAsync<JsonObject>(Ct))!);
    }

    [Fact]
    public async Task A_query_over_the_length_cap_is_a_400_that_says_the_limit()
    {
        var (status, problem) = await Get($"/api/search?q={new string('a', SearchEndpoints.MaxQueryLength + 1)}");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains($"at most {SearchEndpoints.MaxQueryLength}", problem["detail"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await Get($"/api/search?q={new string('a', SearchEndpoints.MaxQueryLength)}")).Status);
    }

    [Fact]
    public async Task Page_size_is_capped()
    {
        var (status, body) = await Get("/api/search?q=ha+noi&size=1000");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(120, body["total"]!.GetValue<long>());
        Assert.Equal(SearchEndpoints.MaxPageSize, body["items"]!.AsArray().Count);
    }

    [Fact]
    public async Task Dates_category_and_sort_filter_the_hits_and_facets_count_every_section()
    {
        var from = Uri.EscapeDataString(Start.AddDays(10).ToString("O"));
        var to = Uri.EscapeDataString(Start.AddDays(19).ToString("O"));
        var (_, body) = await Get($"/api/search?q=ha+noi&from={from}&to={to}&category={Uri.EscapeDataString("Thời sự")}&sort=newest");
        Assert.Equal(["a018", "a016", "a014", "a012", "a010"], body["items"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()));
        Assert.Equal(5, body["facets"]!["category"]!["Đời sống"]!.GetValue<long>());
    }

    [Fact]
    public async Task Publish_times_are_given_in_utc()
    {
        var (_, body) = await Get("/api/search?q=ha+noi&sort=newest&size=1");
        // a119 was published at 08:00 +07:00, 119 days after the start.
        Assert.Equal("2025-06-28T01:00:00Z", body["items"]![0]!["publishedAt"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("/api/search?q=ha&sort=popular", "sort must be")]
    [InlineData("/api/search?q=ha&cursor=not-ours", "start again")]
    [InlineData("/api/search?q=ha&from=2025-03-10T00:00:00Z&to=2025-03-01T00:00:00Z", "'from' is after 'to'")]
    [InlineData("/api/search?q=ha&size=abc", "abc")]
    public async Task Bad_parameters_are_400_problems_a_person_can_act_on(string url, string detail)
    {
        using var response = await _app.Client.GetAsync(url, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains(detail, (await response.Content.ReadFromJsonAsync<JsonObject>(Ct))!["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Engine_syntax_is_searched_as_text()
    {
        var (status, body) = await Get($"/api/search?q={Uri.EscapeDataString("C++ (AND title:\"x")}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(0, body["total"]!.GetValue<long>());
    }

    [Fact]
    public async Task Suggest_completes_an_accent_free_prefix()
    {
        var (_, body) = await Get("/api/suggest?q=ha+n");
        var titles = body["items"]!.AsArray().Select(i => i!["title"]!.GetValue<string>()).ToList();
        Assert.NotEmpty(titles);
        Assert.All(titles, t => Assert.StartsWith("Hà Nội", t));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _data.Dispose();
    }
}
