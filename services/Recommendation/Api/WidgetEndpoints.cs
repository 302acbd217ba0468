using System.Reflection;

namespace ContentPipeline.Recommendation.Api;

public static class WidgetEndpoints
{
    private static readonly Lazy<byte[]> Script = new(() =>
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("ContentPipeline.Recommendation.Widget.widget.js")
            ?? throw new InvalidOperationException("widget.js is not embedded in the assembly.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    });

    public static IEndpointRouteBuilder MapWidgetEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/widget.js", (HttpResponse response) =>
        {
            response.Headers.CacheControl = "public, max-age=300";
            return Results.Bytes(Script.Value, "text/javascript; charset=utf-8");
        }).WithTags("Widget").WithSummary("The embeddable widget: one <script> tag renders the blocks");
        return app;
    }
}
