using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace ContentPipeline.Testing;

/// <summary>A service (or the embedded host) running on real Kestrel on a free loopback port, with a client for it.</summary>
public sealed class RunningApp : IAsyncDisposable
{
    private RunningApp(WebApplication app, string dataDirectory)
    {
        App = app;
        DataDirectory = dataDirectory;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Client = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(30) };
    }

    public WebApplication App { get; }
    public HttpClient Client { get; }
    public string DataDirectory { get; }
    public IServiceProvider Services => App.Services;

    /// <summary>
    /// Builds with the program's own Build(args), then starts it. <paramref name="settings"/> become command-line
    /// configuration, exactly as an operator would pass them.
    /// </summary>
    public static async Task<RunningApp> StartAsync(Func<string[], WebApplication> build, string dataDirectory, IDictionary<string, string?> settings)
    {
        var args = new Dictionary<string, string?>(settings)
        {
            ["urls"] = "http://127.0.0.1:0",
            ["ContentPipeline:DataDirectory"] = dataDirectory,
            ["Serilog:MinimumLevel:Default"] = "Warning",
        };
        var app = build(args.Where(a => a.Value is not null).Select(a => $"--{a.Key}={a.Value}").ToArray());
        await app.StartAsync();
        return new RunningApp(app, dataDirectory);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
