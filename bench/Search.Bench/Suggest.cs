using System.Diagnostics;
using ContentPipeline.Bench;
using ContentPipeline.Search.LuceneEngine;
using ContentPipeline.SearchIndex.Consumers;
using ContentPipeline.Testing;
using ContentPipeline.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace ContentPipeline.Search.Bench;

/// <summary>
/// Search-as-you-type: two or three consecutive words of a title, every other prefix typed accent-free, the last word
/// cut where the typing stopped (a letter at least); how often the title is among the suggestions (by its text: titles
/// repeat), as typed and with one letter wrong in a word typed whole or in the word being typed, what one costs alone,
/// and GET /api/suggest at 32 clients over HTTP next to /health/live on the same server. Every loop is bounded in count
/// and time.
/// </summary>
internal static class Suggest
{
    private const int Clients = 32, Shown = 8;
    private static readonly TimeSpan TimeLimit = TimeSpan.FromSeconds(60);

    public static async Task RunAsync(string corpusFiles, int requests)
    {
        var files = corpusFiles.Split('+');
        var articles = files.SelectMany((file, i) => BenchCorpus.Load(file).Select(a => files.Length == 1 ? a : a with { Id = $"{i}-{a.Id}" })).ToList();
        var random = new Random(17);
        var typed = articles.Select(a => Typed(a.IndexedTitle, random)).OfType<(string Prefix, string Title)>().ToArray();

        using var data = new TempDirectory();
        using (var index = new LuceneArticleIndex(data.Sub(Path.Combine("index", "articles")), NullLogger<LuceneArticleIndex>.Instance))
            foreach (var batch in articles.Chunk(500))
                await Task.WhenAll(batch.Select(a => index.UpsertAsync(a.Id, 1, a.Enriched, default)));

        await using var server = await RunningApp.StartAsync(SearchIndex.Program.Build, data.Path, new Dictionary<string, string?> { ["RateLimits:Enabled"] = "false" });
        var engine = server.Services.GetRequiredKeyedService<IArticleIndex>(typeof(IndexArticleConsumer));
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Clients }) { BaseAddress = server.Client.BaseAddress };

        // Found, and what one costs alone (the first pass warms the engine).
        var found = 0;
        var alone = new List<double>();
        foreach (var (prefix, title) in typed)
        {
            var started = Stopwatch.GetTimestamp();
            var suggestions = await engine.SuggestAsync(prefix, Shown, default);
            alone.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            if (suggestions.Any(s => s.Title == title)) found++;
        }
        alone.RemoveRange(0, Math.Min(1_000, alone.Count));
        // The same prefixes with one letter wrong in a word of four letters or more typed whole (not the last), and
        // apart from those, in the word being typed when it has three letters or more.
        var slipped = typed.Select(t => Slipped(t.Prefix, random) is { } prefix ? (prefix, t.Title) : default).Where(t => t.prefix is not null).ToList();
        var slippedLast = typed.Select(t => SlippedLast(t.Prefix, random) is { } prefix ? (prefix, t.Title) : default).Where(t => t.prefix is not null).ToList();
        async Task<double> FoundAmong(List<(string Prefix, string Title)> prefixes)
        {
            var hits = 0;
            foreach (var (prefix, title) in prefixes)
                if ((await engine.SuggestAsync(prefix, Shown, default)).Any(s => s.Title == title)) hits++;
            return hits / (double)prefixes.Count;
        }
        Console.WriteLine($"{articles.Count:N0} articles of {corpusFiles}; {typed.Length:N0} prefixes typed (2–3 words of a title, the last cut short)");
        Console.WriteLine($"The title among the first {Shown} suggestions: {found / (double)typed.Length:P1}; with one letter wrong in a word " +
            $"typed whole ({slipped.Count:N0} prefixes): {await FoundAmong(slipped):P1}; in the word being typed ({slippedLast.Count:N0} prefixes): " +
            $"{await FoundAmong(slippedLast):P1}; one suggestion alone (after the first 1,000): p50 {ClosedLoop.P(alone, 50):F2} ms, p99 {ClosedLoop.P(alone, 99):F2} ms");

        var rows = new List<string>
        {
            (await ClosedLoop.RunAsync(Clients, requests, TimeLimit, async i =>
            {
                using var response = await http.GetAsync($"/api/suggest?q={Uri.EscapeDataString(typed[i % typed.Length].Prefix)}");
                response.EnsureSuccessStatusCode();
                await response.Content.ReadAsByteArrayAsync();
            })).Row("GET /api/suggest over HTTP"),
            (await ClosedLoop.RunAsync(Clients, requests, TimeLimit, async _ =>
            {
                using var response = await http.GetAsync("/health/live");
                response.EnsureSuccessStatusCode();
            })).Row("floor: GET /health/live over HTTP"),
        };
        Console.WriteLine();
        Console.WriteLine($"| {Clients} clients, {articles.Count:N0} articles | requests | per second | p50 | p99 |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: |");
        rows.ForEach(Console.WriteLine);
    }

    /// <summary>The prefix accent-free with one letter wrong in one of its words typed whole of four letters or more; null if it has none.</summary>
    private static string? Slipped(string prefix, Random random)
    {
        var words = VietnameseText.Fold(prefix).ToLowerInvariant().Split(' ');
        var whole = Enumerable.Range(0, words.Length - 1).Where(i => words[i].Length >= 4 && words[i].All(char.IsAsciiLetterLower)).ToList();
        if (whole.Count == 0) return null;
        var at = whole[random.Next(whole.Count)];
        words[at] = KnownItem.Mistyped(words[at], random);
        return string.Join(' ', words);
    }

    /// <summary>The prefix accent-free with one letter wrong in the word being typed, when it has three letters or more; else null.</summary>
    private static string? SlippedLast(string prefix, Random random)
    {
        var words = VietnameseText.Fold(prefix).ToLowerInvariant().Split(' ');
        if (words[^1].Length < 3 || !words[^1].All(char.IsAsciiLetterLower)) return null;
        words[^1] = KnownItem.Mistyped(words[^1], random);
        return string.Join(' ', words);
    }

    /// <summary>Two or three words of the title, the last cut after one letter or more; null for a title too short.</summary>
    private static (string, string)? Typed(string title, Random random)
    {
        if (KnownItem.Query(title, random.Next(2, 4), accentFree: random.Next(2) == 0, random) is not { } words) return null;
        var last = words.LastIndexOf(' ') + 1;
        var cut = last + random.Next(1, words.Length - last + 1);
        return (words[..cut], title);
    }
}
