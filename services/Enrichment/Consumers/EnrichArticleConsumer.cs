using ContentPipeline.ServiceDefaults.Messaging;
using ContentPipeline.Contracts;
using ContentPipeline.Enrichment.Corpus;
using ContentPipeline.Enrichment.Understanding;
using ContentPipeline.ServiceDefaults.Logging;
using ContentPipeline.ServiceDefaults.Storage;
using MassTransit;

namespace ContentPipeline.Enrichment.Consumers;

public sealed class EnrichArticleConsumer(
    [FromKeyedServices(typeof(EnrichArticleConsumer))] VersionLedger ledger,
    ArticleEnricher enricher,
    CorpusStore corpus,
    ILogger<EnrichArticleConsumer> logger) : IConsumer<ArticleSubmitted>
{
    public async Task Consume(ConsumeContext<ArticleSubmitted> context)
    {
        var message = context.Message;
        using var scope = logger.BeginArticleScope(message.ArticleId, message.Version);
        InvalidMessageException.ThrowIfAny(ArticleRules.Problems(message.ArticleId, message.Version, message.Content), message.ArticleId, message.Version, nameof(ArticleSubmitted));
        var seen = await ledger.SeenAsync(message.ArticleId, context.CancellationToken);
        if (seen > message.Version)
        {
            logger.LogInformation("Skipped: version {SeenVersion} was already enriched", seen);
            return;
        }

        // A redelivery of the version already handled is announced again: what followed may have been lost
        // (the in-memory bus at a stop); every later stage ignores a version it already has. The corpus counts an
        // article once, and what it learnt is written down before the article is announced.
        await corpus.CatchUpAsync(context.CancellationToken);
        var (article, contribution, fingerprint, copyKey) = enricher.Enrich(message.ArticleId, message.Content);
        var story = await corpus.SaveAsync(new DocumentRecord(message.ArticleId, fingerprint, article.StoryId, contribution, copyKey), context.CancellationToken);
        // Another replica may have written down the article, a copy or a near copy first: the store's story stands.
        if (story != article.StoryId) article = article with { StoryId = story };
        await context.Publish(new ArticleEnriched { ArticleId = message.ArticleId, Version = message.Version, Article = article }, context.CancellationToken);
        if (seen != message.Version) await ledger.RecordAsync(message.ArticleId, message.Version, context.CancellationToken);
        logger.LogInformation("Enriched: language {Language}, category {Category}{Inferred}, story {StoryId}, {KeywordCount} keywords, {EntityCount} entities",
            article.Language, article.Category, article.CategoryInferred ? " (inferred)" : "", article.StoryId, article.Keywords.Count, article.Entities.Count);
    }
}
