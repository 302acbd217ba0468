using ContentPipeline.ServiceDefaults.Messaging;
using ContentPipeline.Contracts;
using ContentPipeline.Ingest.Articles;
using ContentPipeline.ServiceDefaults.Logging;
using MassTransit;

namespace ContentPipeline.Ingest.Consumers;

/// <summary>Follows each article's current version down the pipeline, so GET /api/articles/{id} shows where it is.</summary>
public sealed class TrackArticleProgressConsumer(ArticleStore store, ILogger<TrackArticleProgressConsumer> logger)
    : IConsumer<ArticleEnriched>, IConsumer<ArticleIndexed>, IConsumer<ArticleRecommended>
{
    public Task Consume(ConsumeContext<ArticleEnriched> context) =>
        AdvanceAsync(context.Message.ArticleId, context.Message.Version, ArticleStage.Enriched, ArticleEnrichmentView.From(context.Message.Article), context.CancellationToken);

    // Indexed also carries the enrichment: it may overtake Enriched on the way here.
    public Task Consume(ConsumeContext<ArticleIndexed> context) =>
        AdvanceAsync(context.Message.ArticleId, context.Message.Version, ArticleStage.Indexed, ArticleEnrichmentView.From(context.Message.Article), context.CancellationToken);

    public Task Consume(ConsumeContext<ArticleRecommended> context) =>
        AdvanceAsync(context.Message.ArticleId, context.Message.Version, ArticleStage.Recommended, null, context.CancellationToken);

    private async Task AdvanceAsync(string articleId, long version, ArticleStage stage, ArticleEnrichmentView? enrichment, CancellationToken ct)
    {
        using var scope = logger.BeginArticleScope(articleId, version);
        InvalidMessageException.ThrowIfBadId(articleId, version, $"Article{stage}");
        var advanced = await store.AdvanceAsync(articleId, version, stage, enrichment, ct);
        logger.LogDebug(advanced ? "Article reached {Stage}" : "Ignored {Stage}: not the current version, or already further", stage);
    }
}
