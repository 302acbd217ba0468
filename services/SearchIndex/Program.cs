using ContentPipeline.ServiceDefaults;
using ContentPipeline.ServiceDefaults.Messaging;

namespace ContentPipeline.SearchIndex;

public sealed class Program
{
    public static void Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddServiceDefaults("search-index");
        builder.AddSearchIndexServices();
        builder.AddMessageBus();

        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapSearchIndexEndpoints();
        app.Run();
    }
}
