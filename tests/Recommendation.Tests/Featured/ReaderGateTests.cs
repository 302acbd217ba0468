using System.Net;
using ContentPipeline.Recommendation.Featured;
using Microsoft.Extensions.Time.Testing;

namespace ContentPipeline.Recommendation.Tests.Featured;

public sealed class ReaderGateTests
{
    private static readonly IPAddress Office = IPAddress.Parse("203.0.113.5");
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 2, 8, 0, 0, TimeSpan.Zero));

    [Fact]
    public void A_reader_counts_once_per_article_and_kind_in_a_window_and_again_in_the_next()
    {
        var gate = new ReaderGate(_clock, TimeSpan.FromHours(1), readersPerAddress: 1);
        Assert.True(gate.Admit("reader-0001", Office, "a", "click"));
        Assert.False(gate.Admit("reader-0001", Office, "a", "click"));
        Assert.True(gate.Admit("reader-0001", Office, "a", "view"));
        Assert.True(gate.Admit("reader-0001", Office, "b", "click"));
        _clock.Advance(TimeSpan.FromHours(1));
        Assert.True(gate.Admit("reader-0001", Office, "a", "click"));
    }

    [Fact]
    public void One_address_counts_for_at_most_its_share_of_readers_of_an_article()
    {
        var gate = new ReaderGate(_clock, TimeSpan.FromHours(1), readersPerAddress: 2);
        var counted = Enumerable.Range(0, 100).Count(i => gate.Admit($"invented-{i:D4}", Office, "a", "click"));
        Assert.Equal(2, counted);
        Assert.True(gate.Admit("invented-0000", IPAddress.Parse("198.51.100.1"), "b", "click"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("short")]
    [InlineData("has spaces in it")]
    [InlineData("<script>alert(1)</script>")]
    public void Without_a_usable_id_the_address_is_the_reader(string? id)
    {
        var gate = new ReaderGate(_clock, TimeSpan.FromHours(1), readersPerAddress: 10);
        Assert.True(gate.Admit(id, Office, "a", "click"));
        Assert.False(gate.Admit(id, Office, "a", "click"));
        Assert.False(gate.Admit(null, Office, "a", "click"));
    }

    [Fact]
    public void A_full_window_counts_no_one_new_until_it_ends()
    {
        var gate = new ReaderGate(_clock, TimeSpan.FromHours(1), readersPerAddress: 1, capacity: 3);
        var addresses = Enumerable.Range(1, 5).Select(i => IPAddress.Parse($"10.0.0.{i}")).ToList();
        Assert.Equal(3, addresses.Count(a => gate.Admit(null, a, "a", "view")));
        _clock.Advance(TimeSpan.FromHours(1));
        Assert.True(gate.Admit(null, addresses[4], "a", "view"));
    }
}
