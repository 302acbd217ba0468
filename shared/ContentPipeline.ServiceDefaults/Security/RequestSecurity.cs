using System.Net;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ContentPipeline.ServiceDefaults.Security;

/// <summary>
/// Who may call what, the same in every service: API keys with roles for writes, CORS for reads from
/// <c>Api:AllowedOrigins</c>, rate limits per client, the client's address from trusted proxies only, and headers
/// that keep browsers from guessing content types.
/// </summary>
public static class RequestSecurity
{
    public const string ReadOriginsSetting = "Api:AllowedOrigins";
    public const string TrustedProxiesSetting = "Network:TrustedProxies";

    public static WebApplicationBuilder AddRequestSecurity(this WebApplicationBuilder builder, WriteAccess access)
    {
        var keys = ApiKeyRing.From(builder.Configuration);
        builder.Services.AddSingleton(keys);
        builder.Services.AddSingleton(access);
        builder.Services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        builder.Services.AddSingleton<IAuthorizationHandler, SameOriginRequirement>();
        builder.Services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, WriteRefusals>();
        builder.Services.AddAuthorizationBuilder().AddRolePolicies();
        builder.Services.AddRequestRateLimits();

        // Reads are public: any page may show search results or blocks, without credentials.
        var origins = builder.Configuration.GetSection(ReadOriginsSetting).Get<string[]>() ?? ["*"];
        builder.Services.AddCors(o => o.AddDefaultPolicy(p =>
        {
            if (origins.Contains("*")) p.AllowAnyOrigin(); else p.WithOrigins(origins);
            p.WithMethods("GET", "HEAD").AllowAnyHeader().WithExposedHeaders("Retry-After");
        }));

        var proxies = TrustedProxies(builder.Configuration);
        builder.Services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Only the proxies named are believed: anyone else could claim any address and slip past the limits.
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in proxies)
            {
                if (proxy.Contains('/')) o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(proxy));
                else o.KnownProxies.Add(IPAddress.Parse(proxy));
            }
        });
        return builder;
    }

    /// <summary>Empty entries are allowed, so a compose file can leave the setting blank.</summary>
    private static string[] TrustedProxies(IConfiguration configuration) =>
        (configuration.GetSection(TrustedProxiesSetting).Get<string[]>() ?? []).Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p.Trim()).ToArray();

    private static AuthorizationBuilder AddRolePolicies(this AuthorizationBuilder authorization)
    {
        foreach (var role in ApiRoles.All)
            authorization.AddPolicy(role, p => p.RequireAuthenticatedUser().RequireRole(role).AddRequirements(new SameOriginRequirement()));
        return authorization;
    }

    /// <summary>Before anything that looks at the client's address: the forwarded address when a trusted proxy sent it.</summary>
    public static WebApplication UseClientAddress(this WebApplication app)
    {
        if (TrustedProxies(app.Configuration).Length > 0) app.UseForwardedHeaders();
        app.Use((context, next) =>
        {
            // On every response, errors included (headers set before an exception are cleared with it).
            context.Response.OnStarting(() =>
            {
                context.Response.Headers.XContentTypeOptions = "nosniff";
                context.Response.Headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
                return Task.CompletedTask;
            });
            return next(context);
        });
        return app;
    }

    /// <summary>CORS, then who the caller is, then their limit, then whether they may.</summary>
    public static WebApplication UseRequestSecurity(this WebApplication app)
    {
        app.UseCors();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();

        var keys = app.Services.GetRequiredService<ApiKeyRing>();
        var access = app.Services.GetRequiredService<WriteAccess>();
        if (keys.UsesDeprecatedEditorKey)
            app.Logger.LogWarning("{Setting} is deprecated: it is read as a key named 'editor' with the edit role. Configure it under {Section} " +
                "with its hash instead (the 'keys' command prints the lines).", ApiKeyRing.DeprecatedEditorKeySetting, ApiKeyRing.Section);
        if (!keys.IsEmpty)
            app.Logger.LogInformation("API keys: {Keys}", string.Join(", ", keys.Keys.Select(k => $"{k.Name} ({string.Join("+", k.Roles.Order())})")));
        else if (access.LoopbackWithoutKey)
            app.Logger.LogWarning("No API key is configured: writes are taken from this machine (loopback) only, without a key. " +
                "To write from elsewhere, run the 'keys' command and configure the key's hash under {Section}.", ApiKeyRing.Section);
        else
            app.Logger.LogWarning("No API key is configured: every write is refused (401). Run the 'keys' command and configure the key's hash under {Section}.",
                ApiKeyRing.Section);
        return app;
    }
}
