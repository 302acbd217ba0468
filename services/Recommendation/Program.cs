using ContentPipeline.ServiceDefaults;
using ContentPipeline.ServiceDefaults.Messaging;
using ContentPipeline.ServiceDefaults.Security;

namespace ContentPipeline.Recommendation;

public sealed class Program
{
    public static int Main(string[] args)
    {
        if (KeysCommand.Matches(args))
            return KeysCommand.Run(args, Console.Out);
        Build(args).Run();
        return 0;
    }

    /// <summary>The configured application, not yet started; tests start it on a free port.</summary>
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddServiceDefaults("recommendation");
        builder.AddRecommendationServices();
        builder.AddMessageBus();

        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapRecommendationServiceEndpoints();
        return app;
    }
}
