using System.Collections.Concurrent;

namespace ContentPipeline.Recommendation.Featured;

/// <summary>
/// What readers are reading now. Per article, views, clicks and exposure (impressions, each weighed by how likely a
/// reader was to look at its position: <see cref="PositionBias"/>), all decaying exponentially with a configurable
/// half-life, so yesterday's hit gives way to today's. An article's score is its views plus its clicks, the clicks
/// scaled by how its position-debiased click-through compares with everyone's: shown often and seldom clicked
/// drags it down, clicked wherever it stood lifts it. Kept in memory and saved now and then
/// (<see cref="TrendingCheckpoints"/>), so a restart goes on from the last save.
/// </summary>
public sealed class TrendingTracker(TimeProvider clock, TimeSpan halfLife)
{
    /// <summary>A click says more about interest than a view.</summary>
    public const double ClickWeight = 3;

    /// <summary>Exposure an article's own click-through needs before it counts as much as everyone's (smoothing).</summary>
    public const double PriorExposure = 20;

    private readonly ConcurrentDictionary<string, Attention> _articles = new(StringComparer.Ordinal);
    private readonly double _decayPerSecond = Math.Log(2) / halfLife.TotalSeconds;
    private Attention _everyone = new(0, 0, 0, clock.GetUtcNow());
    private readonly System.Threading.Lock _everyoneGate = new();

    public void View(string articleId) => Add(articleId, new Attention(1, 0, 0, default));

    public void Impression(string articleId, int? position) => Add(articleId, new Attention(0, 0, PositionBias.Examination(position), default));

    public void Click(string articleId) => Add(articleId, new Attention(0, 1, 0, default));

    public IReadOnlyList<(string ArticleId, double Score)> Top(int count)
    {
        var now = clock.GetUtcNow();
        var everyone = Everyone(now);
        // Without impressions reported there is no click-through to compare: clicks count as they are.
        var averageRate = everyone.Exposure > 0 ? everyone.Clicks / everyone.Exposure : 0;
        return _articles
            .Select(a => (a.Key, Score(a.Value.At(now, _decayPerSecond), averageRate)))
            .OrderByDescending(s => s.Item2).ThenBy(s => s.Key, StringComparer.Ordinal).Take(count).ToList();
    }

    public void Forget(string articleId) => _articles.TryRemove(articleId, out _);

    /// <summary>Below this much decayed attention an article is not worth saving.</summary>
    private const double Negligible = 0.01;

    /// <summary>Everything counted, as of now; articles whose attention has decayed to next to nothing are left out.</summary>
    public TrendingSnapshot Snapshot()
    {
        var now = clock.GetUtcNow();
        var articles = _articles
            .Select(a => (a.Key, Attention: a.Value.At(now, _decayPerSecond)))
            .Where(a => a.Attention.Views + a.Attention.Clicks + a.Attention.Exposure >= Negligible)
            .ToDictionary(a => a.Key, a => a.Attention, StringComparer.Ordinal);
        return new TrendingSnapshot(Everyone(now), articles);
    }

    /// <summary>Adds what a snapshot counted, decayed for the time since it was taken, to what has been counted since.</summary>
    public void Restore(TrendingSnapshot snapshot)
    {
        var now = clock.GetUtcNow();
        foreach (var (articleId, saved) in snapshot.Articles) AddToArticle(articleId, saved.At(now, _decayPerSecond), now);
        AddToEveryone(snapshot.Everyone.At(now, _decayPerSecond), now);
    }

    private static double Score(Attention a, double averageRate)
    {
        if (averageRate <= 0) return a.Views + ClickWeight * a.Clicks;
        var rate = (a.Clicks + PriorExposure * averageRate) / (a.Exposure + PriorExposure);
        return a.Views + ClickWeight * a.Clicks * (rate / averageRate);
    }

    private void Add(string articleId, Attention added)
    {
        var now = clock.GetUtcNow();
        AddToArticle(articleId, added, now);
        AddToEveryone(added, now);
    }

    private void AddToArticle(string articleId, Attention added, DateTimeOffset now) =>
        _articles.AddOrUpdate(articleId, _ => added with { Time = now }, (_, old) => old.At(now, _decayPerSecond).Plus(added));

    private void AddToEveryone(Attention added, DateTimeOffset now)
    {
        lock (_everyoneGate) _everyone = _everyone.At(now, _decayPerSecond).Plus(added);
    }

    private Attention Everyone(DateTimeOffset now)
    {
        lock (_everyoneGate) return _everyone.At(now, _decayPerSecond);
    }

    /// <summary>Decayed sums as of <see cref="Time"/>.</summary>
    public sealed record Attention(double Views, double Clicks, double Exposure, DateTimeOffset Time)
    {
        public Attention At(DateTimeOffset now, double decayPerSecond)
        {
            var factor = Math.Exp(-decayPerSecond * (now - Time).TotalSeconds);
            return new Attention(Views * factor, Clicks * factor, Exposure * factor, now);
        }

        public Attention Plus(Attention other) => this with { Views = Views + other.Views, Clicks = Clicks + other.Clicks, Exposure = Exposure + other.Exposure };
    }
}

/// <summary>What <see cref="TrendingTracker"/> has counted: everyone's attention and each article's, each as of its time.</summary>
public sealed record TrendingSnapshot(TrendingTracker.Attention Everyone, IReadOnlyDictionary<string, TrendingTracker.Attention> Articles);
