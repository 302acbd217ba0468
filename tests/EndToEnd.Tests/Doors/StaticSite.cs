using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ContentPipeline.EndToEnd.Tests.Doors;

/// <summary>
/// A news site of its own origin (a loopback port) serving HTML pages, where the widget is embedded, and a picture at
/// every path ending in .svg (its photos: a landscape whose colour follows the path); it remembers every path asked for.
/// </summary>
public sealed class StaticSite : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _pages = new();
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _requested = new();

    private static string Photo(string path)
    {
        var hue = (int)(ContentPipeline.Text.StableHash.Of(path) % 360);
        return $"""
            <svg xmlns="http://www.w3.org/2000/svg" width="320" height="180" viewBox="0 0 320 180">
            <defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="hsl({hue},60%,70%)"/><stop offset="1" stop-color="hsl({(hue + 30) % 360},55%,45%)"/></linearGradient></defs>
            <rect width="320" height="180" fill="url(#sky)"/><circle cx="240" cy="55" r="24" fill="rgba(255,255,255,.6)"/>
            <path d="M0 180 L90 95 L150 140 L220 80 L320 180Z" fill="rgba(0,0,0,.28)"/></svg>
            """;
    }

    /// <summary>The paths (with query) asked for so far, in order.</summary>
    public IReadOnlyList<string> Requested => [.. _requested];

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
            var path = context.Request.Path.Value ?? "/";
            site._requested.Enqueue(path + context.Request.QueryString);
            if (path.EndsWith(".svg", StringComparison.Ordinal))
            {
                context.Response.ContentType = "image/svg+xml";
                return context.Response.WriteAsync(Photo(path));
            }
            context.Response.ContentType = "text/html; charset=utf-8";
            return context.Response.WriteAsync(site._pages.GetValueOrDefault(path) ?? "<!doctype html><title>Bài báo</title><p>Bài báo</p>");
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
