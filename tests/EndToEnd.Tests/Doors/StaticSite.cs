using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ContentPipeline.EndToEnd.Tests.Doors;

/// <summary>A news site of its own origin (a loopback port) serving HTML pages: where the widget is embedded.</summary>
public sealed class StaticSite : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _pages = new();

    private StaticSite(WebApplication app) => _app = app;

    public string Origin => _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');

    /// <summary>Serves <paramref name="html"/> at <paramref name="path"/>; paths not served get a plain article page.</summary>
    public string Serve(string path, string html)
    {
        _pages[path] = html;
        return Origin + path;
    }

    public static async Task<StaticSite> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var site = new StaticSite(app);
        app.Run(context =>
        {
            context.Response.ContentType = "text/html; charset=utf-8";
            return context.Response.WriteAsync(site._pages.GetValueOrDefault(context.Request.Path.Value ?? "/") ?? "<!doctype html><title>Bài báo</title><p>Bài báo</p>");
        });
        await app.StartAsync();
        return site;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
