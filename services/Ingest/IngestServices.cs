using ContentPipeline.Ingest.Api;
using ContentPipeline.Ingest.Articles;
using ContentPipeline.Ingest.Consumers;
using ContentPipeline.Ingest.Outbox;
using ContentPipeline.ServiceDefaults.Messaging;
using ContentPipeline.ServiceDefaults.Storage;
using ContentPipeline.Ingest.Sections;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ContentPipeline.Ingest;

public static class IngestServices
{
    public static WebApplicationBuilder AddIngestServices(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<IngestOptions>().BindConfiguration(IngestOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.AddDatabase<ArticleStore>("ingest", IngestSchema.Migrations);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<OutboxSignal>();
        // Read now, so that a missing or broken map stops the start rather than the first article.
        builder.Services.AddSingleton(SectionNames.Load(builder.Configuration.GetSection(IngestOptions.Section).Get<IngestOptions>()?.SectionNamesFile));
        builder.Services.AddSingleton<ArticleStore>();
        builder.Services.AddHostedService<OutboxRelay>();
        builder.AddConsumers(bus => bus.AddConsumer<TrackArticleProgressConsumer>());
        return builder;
    }

    public static IEndpointRouteBuilder MapIngestEndpoints(this IEndpointRouteBuilder app) =>
        app.MapArticleEndpoints().MapPageEndpoints();
}
