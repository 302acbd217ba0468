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

        await using var services = await DistributedPipeline.StartAsync(settings, data);

        Assert.Equal("Healthy", await services.Ingest.Client.GetStringAsync("/health/ready"));
        await PipelineScenario.RunAsync(services.Client);
    }
}
