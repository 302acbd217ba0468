using System.Text.Json;
using ContentPipeline.Ingest.Articles;
using ContentPipeline.ServiceDefaults;
using Microsoft.Extensions.Options;

namespace ContentPipeline.Host.Seeding;

/// <summary>
/// On the first start of a data directory, submits the product's sample articles through ingest like any
/// other source. A marker file records that it ran, so articles a user withdrew do not come back on restart.
/// </summary>
public sealed class SampleDataSeeder(ArticleStore store, IOptions<PipelineOptions> options, IHostApplicationLifetime lifetime, ILogger<SampleDataSeeder> logger)
    : BackgroundService
{
    public static string SampleFile => Path.Combine(AppContext.BaseDirectory, "SampleData", "articles.ndjson");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var marker = options.Value.ResolveDataPath("sample-data-loaded");
        if (File.Exists(marker)) return;
        // Migrations and the bus start with the host; wait for them.
        if (!await lifetime.WaitForStartAsync(stoppingToken)) return;

        var articles = new List<ValidArticle>();
        foreach (var (line, number) in File.ReadLines(SampleFile).Select((l, i) => (l, i + 1)).Where(x => x.l.Length > 0))
        {
            var (article, errors) = ArticleValidation.Validate(JsonSerializer.Deserialize<ArticleInput>(line, ArticleStore.Json)!);
            if (article is null) throw new InvalidDataException($"{SampleFile} line {number}: {string.Join("; ", errors)}");
            articles.Add(article);
        }
        await store.SubmitAsync(articles, stoppingToken);
        await File.WriteAllTextAsync(marker, DateTimeOffset.UtcNow.ToString("O"), stoppingToken);
        logger.LogInformation("Loaded {Count} sample articles from {File}", articles.Count, SampleFile);
    }

}
