using ContentPipeline.Host.Demo;
using ContentPipeline.Host.Seeding;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace ContentPipeline.Host;

public static class HostServices
{
    /// <summary>Loads the sample articles on first start, unless ContentPipeline:SeedSampleData is false.</summary>
    public static WebApplicationBuilder AddSampleData(this WebApplicationBuilder builder)
    {
        if (builder.Configuration.GetValue("ContentPipeline:SeedSampleData", true))
            builder.Services.AddHostedService<SampleDataSeeder>();
        return builder;
    }

    /// <summary>The demo site for newcomers (<see cref="DemoPages"/>), and a console line saying where to look.</summary>
    public static WebApplication MapStartPage(this WebApplication app)
    {
        app.MapDemoPages();
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://localhost:5000";
            app.Logger.LogInformation(
                "ContentPipeline is running. Open {Address}/ for the demo page; try {Address}/api/search?q=ha+noi, {Address}/api/feeds/more, {Address}/openapi/v1.json, {Address}/health/ready",
                address, address, address, address, address);
        });
        return app;
    }
}
