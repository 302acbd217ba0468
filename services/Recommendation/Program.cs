using ContentPipeline.ServiceDefaults;
using ContentPipeline.ServiceDefaults.Messaging;

namespace ContentPipeline.Recommendation;

public sealed class Program
{
    public static void Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddServiceDefaults("recommendation");
        builder.AddRecommendationServices();
        builder.AddMessageBus();

        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapRecommendationServiceEndpoints();
        app.Run();
    }
}
