using ContentPipeline.Enrichment.Consumers;
using ContentPipeline.Enrichment.Corpus;
using ContentPipeline.Enrichment.Understanding;
using ContentPipeline.ServiceDefaults.Messaging;
using ContentPipeline.ServiceDefaults.Storage;

namespace ContentPipeline.Enrichment;

public static class EnrichmentServices
{
    private const string LedgerTable = "enrichment_versions";

    public static WebApplicationBuilder AddEnrichmentServices(this WebApplicationBuilder builder)
    {
        builder.AddDatabase<EnrichArticleConsumer>("enrichment", [VersionLedger.CreateTable(1, LedgerTable), .. CorpusStore.Migrations]);
        builder.Services.AddKeyedSingleton(typeof(EnrichArticleConsumer), (sp, key) =>
            new VersionLedger(sp.GetRequiredKeyedService<Database>(key), LedgerTable));
        builder.Services.AddSingleton(sp => new CorpusStore(sp.GetRequiredKeyedService<Database>(typeof(EnrichArticleConsumer)), sp.GetRequiredService<ILogger<CorpusStore>>()));

        // Language candidates are configured, never "all": each model costs memory and more candidates misread more.
        var languages = builder.Configuration.GetSection("ContentPipeline:Languages").Get<string[]>() ?? ["vi", "en"];
        builder.Services.AddSingleton(_ => new LanguageDetection(languages));
        builder.Services.AddSingleton<CorpusStatistics>();
        builder.Services.AddSingleton<StoryIndex>();
        builder.Services.AddSingleton<ArticleEnricher>();
        builder.Services.AddHostedService<CorpusLoader>();
        builder.AddConsumers(bus => bus.AddConsumer<EnrichArticleConsumer>());
        return builder;
    }

    /// <summary>Enrichment has no public endpoints of its own beyond the operational ones.</summary>
    public static IEndpointRouteBuilder MapEnrichmentEndpoints(this IEndpointRouteBuilder app) => app;
}
