using ContentPipeline.ServiceDefaults;
using ContentPipeline.ServiceDefaults.Messaging;

namespace ContentPipeline.Ingest;

public sealed class Program
{
    public static void Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddServiceDefaults("ingest");
        builder.AddIngestServices();
        builder.AddMessageBus();

        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapIngestEndpoints();
        app.Run();
    }
}
