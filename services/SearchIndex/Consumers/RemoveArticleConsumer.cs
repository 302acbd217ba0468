using ContentPipeline.ServiceDefaults.Messaging;
using ContentPipeline.Contracts;
using ContentPipeline.Search;
using ContentPipeline.ServiceDefaults.Logging;
using MassTransit;

namespace ContentPipeline.SearchIndex.Consumers;

public sealed class RemoveArticleConsumer(
    [FromKeyedServices(typeof(IndexArticleConsumer))] IArticleIndex index,
    ILogger<RemoveArticleConsumer> logger) : IConsumer<ArticleWithdrawn>
{
    public async Task Consume(ConsumeContext<ArticleWithdrawn> context)
    {
        using var scope = logger.BeginArticleScope(context.Message.ArticleId, context.Message.Version);
        InvalidMessageException.ThrowIfBadId(context.Message.ArticleId, context.Message.Version, nameof(ArticleWithdrawn));
        var outcome = await index.WithdrawAsync(context.Message.ArticleId, context.Message.Version, context.CancellationToken);
        logger.LogInformation("Withdrawal {Outcome}", outcome);
    }
}
