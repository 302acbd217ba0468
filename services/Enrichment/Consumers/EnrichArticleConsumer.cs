using ContentPipeline.Contracts;
using ContentPipeline.Enrichment.Understanding;
using ContentPipeline.ServiceDefaults.Logging;
using ContentPipeline.ServiceDefaults.Storage;
using MassTransit;

namespace ContentPipeline.Enrichment.Consumers;

public sealed class EnrichArticleConsumer(
    [FromKeyedServices(typeof(EnrichArticleConsumer))] VersionLedger ledger,
    ILogger<EnrichArticleConsumer> logger) : IConsumer<ArticleSubmitted>
{
    public async Task Consume(ConsumeContext<ArticleSubmitted> context)
    {
        var message = context.Message;
        using var scope = logger.BeginArticleScope(message.ArticleId, message.Version);
        if (!await ledger.IsNewAsync(message.ArticleId, message.Version, context.CancellationToken))
        {
            logger.LogInformation("Skipped: this version or a newer one was already enriched");
            return;
        }

        var article = ArticleEnricher.Enrich(message.ArticleId, message.Content);
        await context.Publish(new ArticleEnriched { ArticleId = message.ArticleId, Version = message.Version, Article = article }, context.CancellationToken);
        // Recorded after publishing: a crash in between re-publishes on redelivery, which downstream ignores.
        await ledger.RecordAsync(message.ArticleId, message.Version, context.CancellationToken);
        logger.LogInformation("Enriched: language {Language}, {KeywordCount} keywords, {EntityCount} entities",
            article.Language, article.Keywords.Count, article.Entities.Count);
    }
}
