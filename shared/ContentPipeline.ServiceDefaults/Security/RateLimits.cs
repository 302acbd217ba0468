using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Prometheus;

namespace ContentPipeline.ServiceDefaults.Security;

/// <summary>The three kinds of request limited apart: a flood of one kind does not use up another's allowance.</summary>
public enum RequestClass { Reads, Writes, Events }

/// <summary>Marks an endpoint whose requests count as another class than its method says (the readers' events).</summary>
public sealed record RateLimitedAs(RequestClass Class);

/// <summary>A token bucket: so many requests a second on average, with bursts up to <see cref="Burst"/>.</summary>
public sealed class RateLimit
{
    [Range(1, 1_000_000)]
    public int PermitsPerSecond { get; set; }

    [Range(1, 10_000_000)]
    public int Burst { get; set; }
}

/// <summary>
/// The <c>RateLimits</c> section: per client, each class has its own bucket. A client is the key it sends (its name),
/// else its address (the one the trusted proxy forwarded, when <c>Network:TrustedProxies</c> is set).
/// </summary>
public sealed class RateLimitOptions : IValidatableObject
{
    public const string Section = "RateLimits";

    /// <summary>Off only for benchmarks that measure the service itself.</summary>
    public bool Enabled { get; set; } = true;

        public RateLimit Reads { get; set; } = new() { PermitsPerSecond = 100, Burst = 200 };

    /// <summary>Also what a client guessing keys gets: a write without a valid key counts against its address.</summary>
        public RateLimit Writes { get; set; } = new() { PermitsPerSecond = 10, Burst = 50 };

        public RateLimit Events { get; set; } = new() { PermitsPerSecond = 10, Burst = 50 };

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        Enum.GetValues<RequestClass>()
            .Where(kind => For(kind) is not { PermitsPerSecond: > 0, Burst: > 0 })
            .Select(kind => new ValidationResult($"{Section}:{kind} needs PermitsPerSecond and Burst of at least 1."));

    public RateLimit For(RequestClass kind) => kind switch { RequestClass.Reads => Reads, RequestClass.Writes => Writes, _ => Events };
}

public static class RateLimits
{
    private static readonly Counter Refused = Metrics.CreateCounter(
        "contentpipeline_rate_limited_requests_total", "Requests answered 429 because their client was over its limit.", "class");

    public static IServiceCollection AddRequestRateLimits(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitOptions>>((limiter, configured) =>
        {
            var limits = configured.Value;
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                if (!limits.Enabled || IsOperations(context.Request.Path)) return RateLimitPartition.GetNoLimiter("unlimited");
                var kind = ClassOf(context);
                var limit = limits.For(kind);
                return RateLimitPartition.GetTokenBucketLimiter($"{kind}|{Client(context)}", _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = limit.Burst,
                    TokensPerPeriod = limit.PermitsPerSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = (rejected, ct) => Refuse(rejected.HttpContext, rejected.Lease, limits);
        });
        return services;
    }

    /// <summary>Counts this endpoint's requests as <paramref name="kind"/> instead of by their method.</summary>
    public static TBuilder RateLimitedAs<TBuilder>(this TBuilder builder, RequestClass kind) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RateLimitedAs(kind));

    public static RequestClass ClassOf(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<RateLimitedAs>()?.Class
        ?? (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method) || HttpMethods.IsOptions(context.Request.Method)
            ? RequestClass.Reads : RequestClass.Writes);

    /// <summary>A valid key's name, else the client's address (a wrong key counts against the address, so guessing is limited too).</summary>
    private static string Client(HttpContext context) =>
        context.User.Identity is { IsAuthenticated: true, Name: { } name } && name != ApiKeyAuthenticationHandler.LocalName
            ? "key:" + name
            : "address:" + context.Connection.RemoteIpAddress;

    /// <summary>Probes and scrapes come from the operator's own tools, often and on purpose.</summary>
    private static bool IsOperations(PathString path) => path.StartsWithSegments("/health") || path.StartsWithSegments("/metrics");

    private static async ValueTask Refuse(HttpContext context, RateLimitLease lease, RateLimitOptions limits)
    {
        var kind = ClassOf(context);
        Refused.WithLabels(kind.ToString().ToLowerInvariant()).Inc();
        var seconds = lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? Math.Max(1, (int)Math.Ceiling(after.TotalSeconds)) : 1;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var limit = limits.For(kind);
        await ProblemResponses.WriteAsync(context, StatusCodes.Status429TooManyRequests, "Too many requests",
            $"This client sent more {kind.ToString().ToLowerInvariant()} than it may ({limit.PermitsPerSecond} a second, bursts of " +
            $"{limit.Burst}). Try again in {seconds} s (Retry-After).");
    }
}
