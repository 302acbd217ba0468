using ContentPipeline.Ingest.Importing;
using ContentPipeline.Enrichment;
using ContentPipeline.Ingest;
using ContentPipeline.Recommendation;
using ContentPipeline.SearchIndex;
using ContentPipeline.ServiceDefaults;
using ContentPipeline.ServiceDefaults.Messaging;
using ContentPipeline.ServiceDefaults.Security;

namespace ContentPipeline.Host;

/// <summary>The embedded mode: all four services in one process, on one bus and one port.</summary>
public sealed class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (ImportCommand.Matches(args))
            return await ImportCommand.RunAsync(args);
        if (await ServiceCommands.RunAsync(args) is { } exit)
            return exit;
        return await ServiceCommands.RunServiceAsync(() => Build(args));
    }

    /// <summary>The configured application, not yet started; tests start it on a free port.</summary>
    public static WebApplication Build(string[] args)
    {
        // Settings ship beside the binary; the data directory stays relative to the working directory.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        // One person trying it on their own machine: writes from this machine need no key until one is configured.
        builder.AddServiceDefaults("contentpipeline", new WriteAccess(LoopbackWithoutKey: true));
        builder.AddIngestServices();
        builder.AddEnrichmentServices();
        builder.AddSearchIndexServices();
        builder.AddRecommendationServices();
        builder.AddSampleData();
        builder.AddMessageBus();

        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapIngestEndpoints();
        app.MapEnrichmentEndpoints();
        app.MapSearchIndexEndpoints();
        app.MapRecommendationServiceEndpoints();
        app.MapStartPage();
        return app;
    }
}
