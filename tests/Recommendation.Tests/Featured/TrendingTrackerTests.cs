using ContentPipeline.Recommendation.Featured;
using Microsoft.Extensions.Time.Testing;

namespace ContentPipeline.Recommendation.Tests.Featured;

public sealed class TrendingTrackerTests
{
    [Fact]
    public void Interest_halves_every_half_life()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2025-01-01T00:00:00Z"));
        var trending = new TrendingTracker(clock, TimeSpan.FromHours(1));
        trending.Record("a", 8);
        clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(2, trending.Top(1)[0].Score, precision: 6);
    }

    [Fact]
    public void Fresh_attention_beats_old_attention()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2025-01-01T00:00:00Z"));
        var trending = new TrendingTracker(clock, TimeSpan.FromHours(1));
        for (var i = 0; i < 10; i++) trending.Record("yesterday", 1);
        clock.Advance(TimeSpan.FromHours(6));
        trending.Record("now", 1);
        trending.Record("now", 1);
        Assert.Equal(["now", "yesterday"], trending.Top(2).Select(t => t.ArticleId));
    }

    [Fact]
    public void A_forgotten_article_leaves_the_ranking()
    {
        var trending = new TrendingTracker(TimeProvider.System, TimeSpan.FromHours(1));
        trending.Record("a", 1);
        trending.Forget("a");
        Assert.Empty(trending.Top(5));
    }
}
