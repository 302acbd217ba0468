using ContentPipeline.Enrichment.Understanding;

namespace ContentPipeline.Enrichment.Corpus;

/// <summary>Loads the stored corpus at start, after the migrations and before the bus hands out the first article.</summary>
public sealed class CorpusLoader(CorpusStore store, CorpusStatistics corpus, StoryIndex stories) : IHostedService
{
    public Task StartAsync(CancellationToken ct) => store.LoadAsync(corpus, stories, ct);

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
