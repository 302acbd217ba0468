using ContentPipeline.Contracts;
using MassTransit;

namespace ContentPipeline.ServiceDefaults.Messaging;

/// <summary>
/// Who consumes each event, by receive endpoint (queue) name. RabbitMQ drops a message published to an exchange
/// with no queue bound yet, so a publisher declares its subscribers' queues before its first publish: an article
/// accepted while enrichment has never run waits in "enrich-article" instead of vanishing.
/// </summary>
public static class PipelineTopology
{
    public static readonly IReadOnlyDictionary<Type, string[]> Subscribers = new Dictionary<Type, string[]>
    {
        [typeof(ArticleSubmitted)] = ["enrich-article"],
        [typeof(ArticleEnriched)] = ["index-article", "track-article-progress"],
        [typeof(ArticleIndexed)] = ["remember-article", "track-article-progress"],
        [typeof(ArticleRecommended)] = ["track-article-progress"],
        [typeof(ArticleWithdrawn)] = ["remove-article", "forget-article"],
    };

    public static void DeclareSubscriberQueues(IRabbitMqBusFactoryConfigurator cfg)
    {
        Declare<ArticleSubmitted>(cfg);
        Declare<ArticleEnriched>(cfg);
        Declare<ArticleIndexed>(cfg);
        Declare<ArticleRecommended>(cfg);
        Declare<ArticleWithdrawn>(cfg);
    }

    // The queue is bound straight to the message's exchange. When its consumer starts, MassTransit adds its usual
    // route through the endpoint's own exchange; RabbitMQ still puts each message in a queue once, however many
    // bindings lead there.
    private static void Declare<T>(IRabbitMqBusFactoryConfigurator cfg) where T : class
    {
        var exchange = typeof(T).GetCustomAttributes(typeof(EntityNameAttribute), false).Cast<EntityNameAttribute>().Single().EntityName;
        cfg.Publish<T>(p =>
        {
            foreach (var queue in Subscribers[typeof(T)]) p.BindQueue(exchange, queue);
        });
    }
}
