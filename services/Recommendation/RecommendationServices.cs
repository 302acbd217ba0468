using ContentPipeline.Recommendation.Api;
using ContentPipeline.Recommendation.Consumers;
using ContentPipeline.Recommendation.Featured;
using ContentPipeline.Recommendation.Related;
using ContentPipeline.Search;
using ContentPipeline.ServiceDefaults.Messaging;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ContentPipeline.Recommendation;

public static class RecommendationServices
{
    public const string WidgetCorsPolicy = "widget";

    public static WebApplicationBuilder AddRecommendationServices(this WebApplicationBuilder builder)
    {
        builder.AddArticleIndex<RememberArticleConsumer>("related", IndexPurpose.Lookup);
        builder.Services.TryAddSingleton(TimeProvider.System);
        var halfLife = builder.Configuration.GetValue("Recommendation:TrendingHalfLife", TimeSpan.FromHours(6));
        builder.Services.AddSingleton(sp => new TrendingTracker(sp.GetRequiredService<TimeProvider>(), halfLife));
        builder.Services.AddHostedService<TrendingCheckpoints>();
        builder.Services.AddSingleton<ArticleNeighbours>();
        builder.Services.AddSingleton<RelatedArticles>();
        builder.Services.AddSingleton<RelatedLists>();
        builder.Services.AddHostedService<RelatedListWorker>();
        builder.Services.AddSingleton<FeaturedPins>();
        builder.Services.AddSingleton<FeaturedFeed>();
        var readerWindow = builder.Configuration.GetValue("Recommendation:ReaderWindow", TimeSpan.FromHours(1));
        var readersPerAddress = builder.Configuration.GetValue("Recommendation:ReadersPerAddress", 1);
        builder.Services.AddSingleton(sp => new ReaderGate(sp.GetRequiredService<TimeProvider>(), readerWindow, readersPerAddress));

        // The widget runs on the news sites' pages and sends readers' events from there. Listed origins are echoed
        // with credentials allowed, so a beacon (always sent with credentials) is not refused by the browser.
        var origins = WidgetOrigins.From(builder.Configuration);
        builder.Services.AddSingleton(origins);
        builder.Services.AddCors(o => o.AddPolicy(WidgetCorsPolicy, p => p.SetIsOriginAllowed(origins.Allows).AllowCredentials()
            .WithMethods("POST").WithHeaders("Content-Type")));
        builder.AddConsumers(bus =>
        {
            bus.AddConsumer<RememberArticleConsumer>();
            bus.AddConsumer<ForgetArticleConsumer>();
        });
        return builder;
    }

    public static IEndpointRouteBuilder MapRecommendationServiceEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapRecommendationEndpoints().MapPinEndpoints().MapEventEndpoints().MapWidgetEndpoints();
        var origins = app.ServiceProvider.GetRequiredService<WidgetOrigins>();
        var logger = app.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(EventEndpoints));
        if (origins.IsEmpty)
            logger.LogWarning("{Setting} is empty: readers' events are taken from this host's own pages only. List the sites that embed the widget there.",
                WidgetOrigins.Setting);
        else
            logger.LogInformation("Readers' events taken from {Origins}", origins.Any ? "any site (*)" : origins.ToString());
        return app;
    }
}
