using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace ContentPipeline.Bench;

/// <summary>
/// A service (or the embedded host) built by its own Program.Build, on a free port of 127.0.0.1, with a data directory
/// of its own that goes when the server does; logs only warnings and worse, so the bench's output stays its tables.
/// </summary>
internal sealed class BenchServer : IAsyncDisposable
{
    private BenchServer(WebApplication app, string dataDirectory)
    {
        App = app;
        DataDirectory = dataDirectory;
        Address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    public WebApplication App { get; }
    public string DataDirectory { get; }
    public Uri Address { get; }
    public IServiceProvider Services => App.Services;

    /// <param name="prepare">Runs on the data directory before the server starts (e.g. to build its index).</param>
    public static async Task<BenchServer> StartAsync(Func<string[], WebApplication> build, string name, string[] settings, Func<string, Task>? prepare = null)
    {
        var data = Directory.CreateTempSubdirectory($"{name}-").FullName;
        if (prepare is not null) await prepare(data);
        var app = build([
            "--urls=http://127.0.0.1:0", $"--ContentPipeline:DataDirectory={data}", "--Serilog:MinimumLevel:Default=Warning", .. settings]);
        await app.StartAsync();
        return new BenchServer(app, data);
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        Directory.Delete(DataDirectory, true);
    }
}
