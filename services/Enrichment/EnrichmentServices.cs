using ContentPipeline.Enrichment.Consumers;
using ContentPipeline.ServiceDefaults.Messaging;
using ContentPipeline.ServiceDefaults.Storage;

namespace ContentPipeline.Enrichment;

public static class EnrichmentServices
{
    private const string LedgerTable = "enrichment_versions";

    public static WebApplicationBuilder AddEnrichmentServices(this WebApplicationBuilder builder)
    {
        builder.AddDatabase<EnrichArticleConsumer>("enrichment", VersionLedger.CreateTable(1, LedgerTable));
        builder.Services.AddKeyedSingleton(typeof(EnrichArticleConsumer), (sp, key) =>
            new VersionLedger(sp.GetRequiredKeyedService<Database>(key), LedgerTable));
        builder.AddConsumers(bus => bus.AddConsumer<EnrichArticleConsumer>());
        return builder;
    }

    /// <summary>Enrichment has no public endpoints of its own beyond the operational ones.</summary>
    public static IEndpointRouteBuilder MapEnrichmentEndpoints(this IEndpointRouteBuilder app) => app;
}
