using System.Net;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serilog;

namespace ContentPipeline.ServiceDefaults.Security;

/// <summary>Whether writes without a key are taken from this machine (the embedded mode, run by one person on their own machine).</summary>
public sealed record WriteAccess(bool LoopbackWithoutKey);

/// <summary>
/// Who sends a request: the holder of the key in <c>X-Api-Key</c>, with that key's roles. In the embedded mode with
/// no key configured, a client on this machine stands for the person running it and holds every role.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    ApiKeyRing keys, WriteAccess access, IDiagnosticContext diagnostics)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    /// <summary>The name a loopback client goes by when no key is configured.</summary>
    public const string LocalName = "this machine";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (keys.IsEmpty && access.LoopbackWithoutKey && IsLoopback(Context.Connection.RemoteIpAddress))
            return Task.FromResult(Success(LocalName, ApiRoles.All));
        var presented = Request.Headers[ApiKeyRing.Header].ToString();
        if (presented.Length == 0) return Task.FromResult(AuthenticateResult.NoResult());
        if (keys.Find(presented) is not { } key)
            return Task.FromResult(AuthenticateResult.Fail($"The key in {ApiKeyRing.Header} is not one this service knows."));
        // The key's name, never the key, goes into the request's log line.
        diagnostics.Set("ApiKeyName", key.Name);
        return Task.FromResult(Success(key.Name, key.Roles));
    }

    private AuthenticateResult Success(string name, IEnumerable<string> roles)
    {
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, name), .. roles.Select(r => new Claim(ClaimTypes.Role, r))], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    public static bool IsLoopback(IPAddress? address) =>
        address is not null && IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);
}
