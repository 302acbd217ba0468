using ContentPipeline.ServiceDefaults;
using Microsoft.Extensions.Options;

namespace ContentPipeline.Recommendation.Featured;

/// <summary>
/// Keeps what readers are reading across restarts: trending counts are read back at start, saved to
/// <c>recommendation/trending.json</c> in the data directory every <see cref="Interval"/> and when the service stops.
/// A crash loses at most the last interval's views and clicks.
/// </summary>
public sealed class TrendingCheckpoints(TrendingTracker trending, IOptions<PipelineOptions> options, TimeProvider clock, ILogger<TrendingCheckpoints> logger)
    : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    private readonly string _file = options.Value.ResolveDataPath("recommendation", "trending.json");

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        if (JsonFile.Read<TrendingSnapshot>(_file) is { } saved)
        {
            trending.Restore(saved);
            logger.LogInformation("Trending: {ArticleCount} articles' counts read back from {File}", saved.Articles.Count, _file);
        }
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken)) Save();
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: StopAsync saves once more.
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        Save();
    }

    private void Save()
    {
        try
        {
            JsonFile.Write(_file, trending.Snapshot());
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Trending goes on in memory; the next save tries again.
            logger.LogError(ex, "Trending counts could not be saved to {File}", _file);
        }
    }
}
