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
        builder.AddArticleIndex<RememberArticleConsumer>("related");
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
        // The widget runs on the news site's pages and calls this host from there.
        builder.Services.AddCors(o => o.AddPolicy(WidgetCorsPolicy, p => p.AllowAnyOrigin().AllowAnyHeader().WithMethods("GET", "POST")));
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
        return app;
    }
}
