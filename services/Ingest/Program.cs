using ContentPipeline.Ingest.Importing;
using ContentPipeline.ServiceDefaults;
using ContentPipeline.ServiceDefaults.Messaging;

namespace ContentPipeline.Ingest;

public sealed class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (ImportCommand.Matches(args))
            return await ImportCommand.RunAsync(args);
        if (args is ["republish", ..])
            return await ImportCommand.RepublishAsync(args);
        if (await ServiceCommands.RunAsync(args) is { } exit)
            return exit;
        return await ServiceCommands.RunServiceAsync(() => Build(args));
    }

    /// <summary>The configured application, not yet started; tests start it on a free port.</summary>
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddServiceDefaults("ingest");
        builder.AddIngestServices();
        builder.AddMessageBus();

        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapIngestEndpoints();
        return app;
    }
}
