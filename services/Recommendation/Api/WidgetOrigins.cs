namespace ContentPipeline.Recommendation.Api;

/// <summary>
/// The sites that may send readers' events (<c>Widget:AllowedOrigins</c>): exact origins such as
/// <c>https://news.example.vn</c>, or <c>*</c> as an explicit choice to take them from anywhere.
/// </summary>
public sealed class WidgetOrigins(IEnumerable<string> origins)
{
    public const string Setting = "Widget:AllowedOrigins";

    private readonly HashSet<string> _origins = origins.Select(o => o.Trim().TrimEnd('/')).Where(o => o.Length > 0).ToHashSet(StringComparer.OrdinalIgnoreCase);

    public static WidgetOrigins From(IConfiguration configuration) => new(configuration.GetSection(Setting).Get<string[]>() ?? []);

    public bool Any => _origins.Contains("*");

    public bool IsEmpty => _origins.Count == 0;

    public bool Allows(string origin) => Any || _origins.Contains(origin);

    public override string ToString() => string.Join(", ", _origins);
}
