using ContentPipeline.ServiceDefaults;
using Microsoft.Extensions.Options;

namespace ContentPipeline.Recommendation.Featured;

/// <summary>An editor's pin: the article stands first in "Nên xem" from <see cref="StartsAt"/> until <see cref="ExpiresAt"/>.</summary>
public sealed record FeaturedPin(string ArticleId, DateTimeOffset StartsAt, DateTimeOffset ExpiresAt, DateTimeOffset PinnedAt)
{
    public bool IsActive(DateTimeOffset now) => StartsAt <= now && now < ExpiresAt;
}

/// <summary>
/// Editors' pins, one per article, kept in a JSON file in the data directory so a restart keeps them.
/// </summary>
public sealed class FeaturedPins
{
    private readonly string _file;
    private readonly TimeProvider _clock;
    private readonly System.Threading.Lock _gate = new();
    private Dictionary<string, FeaturedPin> _pins;

    public FeaturedPins(IOptions<PipelineOptions> options, TimeProvider clock)
    {
        _file = options.Value.ResolveDataPath("recommendation", "featured-pins.json");
        _clock = clock;
        _pins = (JsonFile.Read<List<FeaturedPin>>(_file) ?? []).ToDictionary(p => p.ArticleId, StringComparer.Ordinal);
    }

    /// <summary>Pins showing now, earliest pinned first.</summary>
    public IReadOnlyList<FeaturedPin> Active()
    {
        var now = _clock.GetUtcNow();
        lock (_gate) return _pins.Values.Where(p => p.IsActive(now)).OrderBy(p => p.PinnedAt).ThenBy(p => p.ArticleId, StringComparer.Ordinal).ToList();
    }

    /// <summary>Every pin not yet expired, showing or still to come.</summary>
    public IReadOnlyList<FeaturedPin> Current()
    {
        var now = _clock.GetUtcNow();
        lock (_gate) return _pins.Values.Where(p => p.ExpiresAt > now).OrderBy(p => p.StartsAt).ThenBy(p => p.ArticleId, StringComparer.Ordinal).ToList();
    }

    /// <summary>Pins the article (again: a new pin replaces the old one's times).</summary>
    public FeaturedPin Pin(string articleId, DateTimeOffset? startsAt, DateTimeOffset expiresAt)
    {
        var now = _clock.GetUtcNow();
        var pin = new FeaturedPin(articleId, startsAt ?? now, expiresAt, now);
        lock (_gate)
        {
            // Expired pins go when the file is next written: they show nowhere.
            var pins = _pins.Values.Where(p => p.ExpiresAt > now && p.ArticleId != articleId).Append(pin).ToDictionary(p => p.ArticleId, StringComparer.Ordinal);
            Save(pins);
            _pins = pins;
        }
        return pin;
    }

    /// <returns>False when the article had no pin.</returns>
    public bool Unpin(string articleId)
    {
        lock (_gate)
        {
            if (!_pins.ContainsKey(articleId)) return false;
            var pins = _pins.Values.Where(p => p.ArticleId != articleId).ToDictionary(p => p.ArticleId, StringComparer.Ordinal);
            Save(pins);
            _pins = pins;
            return true;
        }
    }

    private void Save(Dictionary<string, FeaturedPin> pins) => JsonFile.Write(_file, pins.Values.ToList());
}
