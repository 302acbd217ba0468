using ContentPipeline.Search.Elasticsearch;
using ContentPipeline.Search.LuceneEngine;
using ContentPipeline.ServiceDefaults;
using Elastic.Clients.Elasticsearch;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ContentPipeline.Search;

public static class SearchRegistration
{
    /// <summary>
    /// Registers an article index owned by the service <typeparamref name="TOwner"/>, resolved as
    /// <c>[FromKeyedServices(typeof(TOwner))] IArticleIndex</c>: a Lucene folder "index/{name}" in the data directory,
    /// or the Elasticsearch alias "contentpipeline-{name}" on ConnectionStrings:Elasticsearch. A Lucene index for
    /// <see cref="IndexPurpose.Lookup"/> analyses no text (Elasticsearch keeps one mapping for both: its analysis costs
    /// the cluster, not the service).
    /// </summary>
    public static WebApplicationBuilder AddArticleIndex<TOwner>(this WebApplicationBuilder builder, string name, IndexPurpose purpose = IndexPurpose.Search)
    {
        builder.Services.AddKeyedSingleton<IArticleIndex>(typeof(TOwner), (sp, _) =>
        {
            var options = sp.GetRequiredService<IOptions<PipelineOptions>>().Value;
            if (options.SearchEngine == SearchEngineKind.Elasticsearch)
            {
                var url = builder.Configuration.GetConnectionString("Elasticsearch")
                    ?? throw new InvalidOperationException("ContentPipeline:SearchEngine is Elasticsearch but ConnectionStrings:Elasticsearch is not set.");
                var client = new ElasticsearchClient(new ElasticsearchClientSettings(new Uri(url)));
                return new ElasticsearchArticleIndex(client, $"contentpipeline-{name}", sp.GetRequiredService<ILogger<ElasticsearchArticleIndex>>());
            }
            return new LuceneArticleIndex(options.ResolveDataPath("index", name), sp.GetRequiredService<ILogger<LuceneArticleIndex>>(), purpose);
        });
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration($"{name}-index",
            sp => new IndexHealthCheck(sp.GetRequiredKeyedService<IArticleIndex>(typeof(TOwner))),
            Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Unhealthy, [ServiceDefaultsExtensions.ReadyTag]));
        return builder;
    }

    private sealed class IndexHealthCheck(IArticleIndex index) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default) =>
            await index.PingAsync(ct) ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("search engine unreachable");
    }
}
