using ContentPipeline.ServiceDefaults.Messaging;
using ContentPipeline.Contracts;
using ContentPipeline.Recommendation.Related;
using ContentPipeline.Search;
using ContentPipeline.ServiceDefaults.Logging;
using MassTransit;

namespace ContentPipeline.Recommendation.Consumers;

/// <summary>
/// Takes each indexed article into recommendation's own index, from which the blocks are built, and queues its
/// related list and its nearest neighbours' (see RelatedLists).
/// </summary>
public sealed class RememberArticleConsumer(
    [FromKeyedServices(typeof(RememberArticleConsumer))] IArticleIndex index,
    RelatedLists related,
    ILogger<RememberArticleConsumer> logger) : IConsumer<ArticleIndexed>
{
    public async Task Consume(ConsumeContext<ArticleIndexed> context)
    {
        var message = context.Message;
        using var scope = logger.BeginArticleScope(message.ArticleId, message.Version);
        InvalidMessageException.ThrowIfAny(ArticleRules.Problems(message.ArticleId, message.Version, message.Article), message.ArticleId, message.Version, nameof(ArticleIndexed));
        var outcome = await index.UpsertAsync(message.ArticleId, message.Version, message.Article, context.CancellationToken);
        logger.LogInformation("Recommendation index write {Outcome}", outcome);
        if (outcome == WriteOutcome.Stale) return;
        // Also for a redelivery: the first delivery may have stopped between the write and the lists.
        related.Indexed(new StoredArticle(IndexedArticle.Of(message.ArticleId, message.Version, message.Article), ArticleWords.Of(message.Article)));
        await context.Publish(new ArticleRecommended { ArticleId = message.ArticleId, Version = message.Version }, context.CancellationToken);
    }
}
