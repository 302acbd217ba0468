using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace ContentPipeline.Testing;

/// <summary>A service (or the embedded host) running on real Kestrel on a free loopback port, with a client for it.</summary>
public sealed class RunningApp : IAsyncDisposable
{
    private RunningApp(WebApplication app, string dataDirectory, bool withTestKey)
    {
        App = app;
        DataDirectory = dataDirectory;
        Client = AnonymousClient();
        if (withTestKey) Client.WithKey();
    }

    public WebApplication App { get; }

    /// <summary>Sends <see cref="TestKeys.Key"/> (every role) unless the app was started without it.</summary>
    public HttpClient Client { get; }

    public Uri Address => new(App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    /// <summary>A client that sends no key.</summary>
    public HttpClient AnonymousClient() => new() { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(30) };
    public string DataDirectory { get; }
    public IServiceProvider Services => App.Services;

    /// <summary>
    /// Builds with the program's own Build(args), then starts it. <paramref name="settings"/> become command-line
    /// configuration, exactly as an operator would pass them; with <paramref name="withTestKey"/> the test key is
    /// configured too (unless the settings configure keys themselves) and <see cref="Client"/> sends it.
    /// </summary>
    public static async Task<RunningApp> StartAsync(Func<string[], WebApplication> build, string dataDirectory, IDictionary<string, string?> settings,
        bool withTestKey = true)
    {
        var args = new Dictionary<string, string?>(withTestKey && !settings.Keys.Any(k => k.StartsWith("ApiKeys:", StringComparison.Ordinal)) ? TestKeys.Settings() : []);
        foreach (var (key, value) in settings) args[key] = value;
        foreach (var (key, value) in new Dictionary<string, string?>
        {
            ["urls"] = "http://127.0.0.1:0",
            ["ContentPipeline:DataDirectory"] = dataDirectory,
            ["Serilog:MinimumLevel:Default"] = "Warning",
        }) args[key] = value;
        var app = build(args.Where(a => a.Value is not null).Select(a => $"--{a.Key}={a.Value}").ToArray());
        await app.StartAsync();
        return new RunningApp(app, dataDirectory, withTestKey);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
