using System.Collections.Concurrent;

namespace ContentPipeline.Recommendation.Featured;

/// <summary>
/// What readers are reading now: views and clicks per article, decaying exponentially with a configurable
/// half-life, so yesterday's hit gives way to today's. Kept in memory; a restart starts the count afresh.
/// </summary>
public sealed class TrendingTracker(TimeProvider clock, TimeSpan halfLife)
{
    private readonly ConcurrentDictionary<string, Score> _scores = new(StringComparer.Ordinal);
    private readonly double _decayPerSecond = Math.Log(2) / halfLife.TotalSeconds;

    public void Record(string articleId, double weight)
    {
        var now = clock.GetUtcNow();
        _scores.AddOrUpdate(articleId, _ => new Score(weight, now), (_, s) => new Score(Decayed(s, now) + weight, now));
    }

    public IReadOnlyList<(string ArticleId, double Score)> Top(int count)
    {
        var now = clock.GetUtcNow();
        return _scores.Select(s => (s.Key, Decayed(s.Value, now))).OrderByDescending(s => s.Item2).ThenBy(s => s.Key, StringComparer.Ordinal).Take(count).ToList();
    }

    public void Forget(string articleId) => _scores.TryRemove(articleId, out _);

    private double Decayed(Score score, DateTimeOffset now) => score.Value * Math.Exp(-_decayPerSecond * (now - score.At).TotalSeconds);

    private sealed record Score(double Value, DateTimeOffset At);
}
