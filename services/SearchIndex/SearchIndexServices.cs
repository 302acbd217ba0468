using ContentPipeline.Search;
using ContentPipeline.SearchIndex.Api;
using ContentPipeline.SearchIndex.Consumers;
using ContentPipeline.ServiceDefaults.Messaging;

namespace ContentPipeline.SearchIndex;

public static class SearchIndexServices
{
    public static WebApplicationBuilder AddSearchIndexServices(this WebApplicationBuilder builder)
    {
        builder.AddArticleIndex<IndexArticleConsumer>("articles");
        builder.AddConsumers(bus =>
        {
            bus.AddConsumer<IndexArticleConsumer>();
            bus.AddConsumer<RemoveArticleConsumer>();
        });
        return builder;
    }

    public static IEndpointRouteBuilder MapSearchIndexEndpoints(this IEndpointRouteBuilder app) => app.MapSearchEndpoints();
}
