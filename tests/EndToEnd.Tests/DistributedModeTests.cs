using ContentPipeline.Testing;

namespace ContentPipeline.EndToEnd.Tests;

/// <summary>
/// The distributed mode on real parts: each service its own host with its own data folder, talking over a real
/// RabbitMQ broker; ingest and enrichment keep their state in a real PostgreSQL database.
/// </summary>
public sealed class DistributedModeTests
{
    [Fact]
    public async Task Article_flows_through_four_services_over_RabbitMQ()
    {
        var settings = await DistributedSettings.CreateAsync();
        using var data = new TempDirectory();

        await using var ingest = await RunningApp.StartAsync(Ingest.Program.Build, data.Sub("ingest"), settings);
        await using var enrichment = await RunningApp.StartAsync(Enrichment.Program.Build, data.Sub("enrichment"), settings);
        await using var search = await RunningApp.StartAsync(SearchIndex.Program.Build, data.Sub("search"), settings);
        await using var recommendation = await RunningApp.StartAsync(Recommendation.Program.Build, data.Sub("recommendation"), settings);

        Assert.Equal("Healthy", await ingest.Client.GetStringAsync("/health/ready"));
        await PipelineScenario.RunAsync(new PipelineClient(ingest.Client, search.Client, recommendation.Client));
    }
}
