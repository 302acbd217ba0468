using ContentPipeline.Testing;

namespace ContentPipeline.EndToEnd.Tests;

/// <summary>The four services, each its own host with its own data folder, on the settings given (a real broker and database).</summary>
public sealed class DistributedPipeline : IAsyncDisposable
{
    private DistributedPipeline(RunningApp ingest, RunningApp enrichment, RunningApp search, RunningApp recommendation)
    {
        (Ingest, Enrichment, Search, Recommendation) = (ingest, enrichment, search, recommendation);
        Client = new PipelineClient(ingest.Client, search.Client, recommendation.Client);
    }

    public RunningApp Ingest { get; }
    public RunningApp Enrichment { get; }
    public RunningApp Search { get; }
    public RunningApp Recommendation { get; }
    public PipelineClient Client { get; }

    public static async Task<DistributedPipeline> StartAsync(Dictionary<string, string?> settings, TempDirectory data) => new(
        await RunningApp.StartAsync(global::ContentPipeline.Ingest.Program.Build, data.Sub("ingest"), settings),
        await RunningApp.StartAsync(global::ContentPipeline.Enrichment.Program.Build, data.Sub("enrichment"), settings),
        await RunningApp.StartAsync(global::ContentPipeline.SearchIndex.Program.Build, data.Sub("search"), settings),
        await RunningApp.StartAsync(global::ContentPipeline.Recommendation.Program.Build, data.Sub("recommendation"), settings));

    public async ValueTask DisposeAsync()
    {
        foreach (var app in new[] { Recommendation, Search, Enrichment, Ingest }) await app.DisposeAsync();
    }
}
