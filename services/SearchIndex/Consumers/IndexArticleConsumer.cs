using ContentPipeline.ServiceDefaults.Messaging;
using ContentPipeline.Contracts;
using ContentPipeline.Search;
using ContentPipeline.ServiceDefaults.Logging;
using MassTransit;

namespace ContentPipeline.SearchIndex.Consumers;

public sealed class IndexArticleConsumer(
    [FromKeyedServices(typeof(IndexArticleConsumer))] IArticleIndex index,
    ILogger<IndexArticleConsumer> logger) : IConsumer<ArticleEnriched>
{
    public async Task Consume(ConsumeContext<ArticleEnriched> context)
    {
        var message = context.Message;
        using var scope = logger.BeginArticleScope(message.ArticleId, message.Version);
        InvalidMessageException.ThrowIfAny(ArticleRules.Problems(message.ArticleId, message.Version, message.Article), message.ArticleId, message.Version, nameof(ArticleEnriched));
        var outcome = await index.UpsertAsync(message.ArticleId, message.Version, message.Article, context.CancellationToken);
        logger.LogInformation("Index write {Outcome}", outcome);
        // A redelivery after a crash between write and publish must still announce the article.
        if (outcome != WriteOutcome.Stale)
            await context.Publish(new ArticleIndexed { ArticleId = message.ArticleId, Version = message.Version, Article = message.Article }, context.CancellationToken);
    }
}
