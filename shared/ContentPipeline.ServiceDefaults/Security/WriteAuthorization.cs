using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;

namespace ContentPipeline.ServiceDefaults.Security;

/// <summary>
/// Writes come from tools and servers, never from a page on another site: a request a browser marks as coming from
/// another origin (<c>Origin</c>, <c>Sec-Fetch-Site</c>) is refused whatever it carries. This is what keeps a no-cors
/// form or fetch on any web page from writing, even to an embedded host that takes keyless writes from its own machine.
/// </summary>
public sealed class SameOriginRequirement : AuthorizationHandler<SameOriginRequirement>, IAuthorizationRequirement
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, SameOriginRequirement requirement)
    {
        var request = (context.Resource as HttpContext)?.Request;
        if (request is null || CrossSiteOrigin(request) is not { } origin) context.Succeed(requirement);
        else context.Fail(new AuthorizationFailureReason(this,
            $"A page on {origin} may not write here: writes are taken from tools and servers with a key, not from web pages of other sites."));
        return Task.CompletedTask;
    }

    /// <summary>The foreign origin a browser says the request comes from, or null for same-origin and non-browser requests.</summary>
    public static string? CrossSiteOrigin(HttpRequest request)
    {
        if (ForeignOrigin(request) is { } origin) return origin;
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        return site is "cross-site" or "same-site" ? "another site" : null;
    }

    /// <summary>The request's <c>Origin</c> when it names another origin than this service's own.</summary>
    public static string? ForeignOrigin(HttpRequest request)
    {
        var origin = request.Headers.Origin.ToString();
        return origin.Length > 0 && !string.Equals(origin, $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase) ? origin : null;
    }
}

/// <summary>Refusals as problem+json that say what to send: 401 without a valid key, 403 for a key without the role.</summary>
public sealed class WriteRefusals(ApiKeyRing keys, WriteAccess access) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult result)
    {
        if (result.Succeeded)
        {
            await _default.HandleAsync(next, context, policy, result);
            return;
        }
        var role = policy.Requirements.OfType<RolesAuthorizationRequirement>().SelectMany(r => r.AllowedRoles).FirstOrDefault() ?? "";
        var crossSite = result.AuthorizationFailure?.FailureReasons.FirstOrDefault(r => r.Handler is SameOriginRequirement);

        int status;
        string title, detail;
        if (crossSite is not null)
            (status, title, detail) = (StatusCodes.Status403Forbidden, "Cross-site write refused", crossSite.Message);
        else if (result.Challenged || context.User.Identity?.IsAuthenticated != true)
        {
            (status, title, detail) = (StatusCodes.Status401Unauthorized, "API key missing or wrong", Unauthenticated(context, role));
            context.Response.Headers.WWWAuthenticate = $"{ApiKeyAuthenticationHandler.SchemeName} header=\"{ApiKeyRing.Header}\"";
        }
        else
            (status, title, detail) = (StatusCodes.Status403Forbidden, "Key lacks the role",
                $"The key '{context.User.Identity.Name}' may not do this: it needs the '{role}' role. Ask an operator for a key with it.");

        await ProblemResponses.WriteAsync(context, status, title, detail);
    }

    private string Unauthenticated(HttpContext context, string role)
    {
        if (keys.IsEmpty && access.LoopbackWithoutKey)
            return $"With no API key configured, writes are taken from this machine only. To write from {context.Connection.RemoteIpAddress}, " +
                $"create a key with the 'keys' command, configure its hash under {ApiKeyRing.Section} (e.g. ApiKeys__0__Name, ApiKeys__0__Hash, " +
                $"ApiKeys__0__Roles__0={role}) and send the key in {ApiKeyRing.Header}.";
        if (keys.IsEmpty)
            return $"This service has no API key configured, so it refuses every write. Create one with the 'keys' command, configure its hash " +
                $"under {ApiKeyRing.Section} (ApiKeys__0__Name, ApiKeys__0__Hash, ApiKeys__0__Roles__0={role}) and send the key in {ApiKeyRing.Header}.";
        if (context.Request.Headers[ApiKeyRing.Header].Count > 0)
            return $"The key in {ApiKeyRing.Header} is not valid here. Send a key with the '{role}' role.";
        return $"Send a key with the '{role}' role in the {ApiKeyRing.Header} header.";
    }
}
