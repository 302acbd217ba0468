using ContentPipeline.Recommendation.Featured;
using Microsoft.Extensions.Time.Testing;

namespace ContentPipeline.Recommendation.Tests.Featured;

public sealed class TrendingTrackerTests
{
    private static readonly DateTimeOffset Start = DateTimeOffset.Parse("2025-01-01T00:00:00Z");

    [Fact]
    public void Interest_halves_every_half_life()
    {
        var clock = new FakeTimeProvider(Start);
        var trending = new TrendingTracker(clock, TimeSpan.FromHours(1));
        for (var i = 0; i < 8; i++) trending.View("a");
        clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(2, trending.Top(1)[0].Score, precision: 6);
    }

    [Fact]
    public void A_snapshot_read_back_later_has_decayed_for_the_time_between_and_adds_to_what_came_since()
    {
        var clock = new FakeTimeProvider(Start);
        var before = new TrendingTracker(clock, TimeSpan.FromHours(1));
        for (var i = 0; i < 8; i++) before.View("a");
        for (var i = 0; i < 4; i++) before.Impression("a", 1);
        before.Click("a");
        var saved = System.Text.Json.JsonSerializer.Deserialize<TrendingSnapshot>(
            System.Text.Json.JsonSerializer.Serialize(before.Snapshot(), System.Text.Json.JsonSerializerOptions.Web), System.Text.Json.JsonSerializerOptions.Web)!;

        clock.Advance(TimeSpan.FromHours(1));   // the service was down
        var after = new TrendingTracker(clock, TimeSpan.FromHours(1));
        after.View("b");
        after.Restore(saved);

        before.View("b");
        Assert.Equal(before.Top(2), after.Top(2));
        Assert.Equal(4 + 3 * 0.5, after.Top(1)[0].Score, precision: 6);   // 8 views and 1 click, halved; a click-through like everyone's
    }

    [Fact]
    public void Fresh_attention_beats_old_attention()
    {
        var clock = new FakeTimeProvider(Start);
        var trending = new TrendingTracker(clock, TimeSpan.FromHours(1));
        for (var i = 0; i < 10; i++) trending.View("yesterday");
        clock.Advance(TimeSpan.FromHours(6));
        trending.View("now");
        trending.View("now");
        Assert.Equal(["now", "yesterday"], trending.Top(2).Select(t => t.ArticleId));
    }

    [Fact]
    public void A_click_low_in_a_block_counts_for_more_than_one_at_the_top()
    {
        var trending = new TrendingTracker(new FakeTimeProvider(Start), TimeSpan.FromHours(1));
        // Both shown as often and clicked as often; one always first, the other always eighth.
        for (var i = 0; i < 50; i++)
        {
            trending.Impression("top", 1);
            trending.Impression("low", 8);
        }
        for (var i = 0; i < 5; i++)
        {
            trending.Click("top");
            trending.Click("low");
        }
        var top = trending.Top(2);
        Assert.Equal(["low", "top"], top.Select(t => t.ArticleId));
        Assert.True(top[0].Score > top[1].Score * 1.5, $"{top[0].Score} against {top[1].Score}");
    }

    [Fact]
    public void Shown_often_and_seldom_clicked_falls_behind()
    {
        var trending = new TrendingTracker(new FakeTimeProvider(Start), TimeSpan.FromHours(1));
        for (var i = 0; i < 200; i++) trending.Impression("everywhere", 1);
        for (var i = 0; i < 10; i++) trending.Impression("rare", 1);
        for (var i = 0; i < 4; i++) trending.Click("everywhere");
        for (var i = 0; i < 3; i++) trending.Click("rare");
        Assert.Equal(["rare", "everywhere"], trending.Top(2).Select(t => t.ArticleId));
    }

    [Fact]
    public void Without_impressions_clicks_count_as_they_are()
    {
        var trending = new TrendingTracker(new FakeTimeProvider(Start), TimeSpan.FromHours(1));
        trending.Click("a");
        trending.View("b");
        Assert.Equal([("a", TrendingTracker.ClickWeight), ("b", 1.0)], trending.Top(2));
    }

    [Fact]
    public void A_forgotten_article_leaves_the_ranking()
    {
        var trending = new TrendingTracker(TimeProvider.System, TimeSpan.FromHours(1));
        trending.View("a");
        trending.Forget("a");
        Assert.Empty(trending.Top(5));
    }
}
