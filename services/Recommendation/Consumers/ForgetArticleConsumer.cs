using ContentPipeline.ServiceDefaults.Messaging;
using ContentPipeline.Contracts;
using ContentPipeline.Recommendation.Featured;
using ContentPipeline.Recommendation.Related;
using ContentPipeline.Search;
using ContentPipeline.ServiceDefaults.Logging;
using MassTransit;

namespace ContentPipeline.Recommendation.Consumers;

/// <summary>A withdrawn article leaves every block at once: it is no longer a candidate for any list.</summary>
public sealed class ForgetArticleConsumer(
    [FromKeyedServices(typeof(RememberArticleConsumer))] IArticleIndex index,
    TrendingTracker trending,
    RelatedLists related,
    ILogger<ForgetArticleConsumer> logger) : IConsumer<ArticleWithdrawn>
{
    public async Task Consume(ConsumeContext<ArticleWithdrawn> context)
    {
        using var scope = logger.BeginArticleScope(context.Message.ArticleId, context.Message.Version);
        InvalidMessageException.ThrowIfBadId(context.Message.ArticleId, context.Message.Version, nameof(ArticleWithdrawn));
        var outcome = await index.WithdrawAsync(context.Message.ArticleId, context.Message.Version, context.CancellationToken);
        if (outcome == WriteOutcome.Stale)
        {
            // A newer version has been indexed since: it stays in every block.
            logger.LogInformation("Withdrawal {Outcome}: a newer version is indexed, nothing changes", outcome);
            return;
        }
        trending.Forget(context.Message.ArticleId);
        related.Withdrawn(context.Message.ArticleId, context.Message.Version);
        logger.LogInformation("Withdrawal {Outcome}", outcome);
    }
}
