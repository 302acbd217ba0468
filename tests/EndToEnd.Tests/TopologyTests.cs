using System.Reflection;
using ContentPipeline.ServiceDefaults.Messaging;
using MassTransit;

namespace ContentPipeline.EndToEnd.Tests;

public sealed class TopologyTests
{
    private static readonly Assembly[] Services =
    [
        typeof(Ingest.Program).Assembly, typeof(Enrichment.Program).Assembly,
        typeof(SearchIndex.Program).Assembly, typeof(Recommendation.Program).Assembly,
    ];

    [Fact]
    public void Every_consumer_endpoint_is_declared_as_a_subscriber_of_what_it_consumes()
    {
        var formatter = KebabCaseEndpointNameFormatter.Instance;
        var consumed = Services.SelectMany(a => a.GetTypes())
            .Where(t => t is { IsClass: true, IsAbstract: false })
            .SelectMany(consumer => consumer.GetInterfaces()
                .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IConsumer<>))
                .Select(i => (Message: i.GetGenericArguments()[0],
                    Endpoint: (string)typeof(IEndpointNameFormatter).GetMethod(nameof(IEndpointNameFormatter.Consumer))!
                        .MakeGenericMethod(consumer).Invoke(formatter, null)!)))
            .ToList();

        Assert.NotEmpty(consumed);
        var declared = PipelineTopology.Subscribers.SelectMany(s => s.Value.Select(q => (Message: s.Key, Endpoint: q))).ToHashSet();
        Assert.Equal(declared.OrderBy(d => d.ToString()), consumed.Distinct().OrderBy(c => c.ToString()));
    }
}
