using ContentPipeline.Testing;

namespace ContentPipeline.EndToEnd.Tests;

public sealed class DataDirectoryLockTests
{
    [Fact]
    public async Task A_second_host_on_the_same_data_directory_refuses_to_start_and_names_the_first()
    {
        using var data = new TempDirectory();
        var settings = new Dictionary<string, string?> { ["ContentPipeline:SeedSampleData"] = "false" };
        await using (var first = await RunningApp.StartAsync(Host.Program.Build, data.Path, settings))
        {
            var refused = await Assert.ThrowsAsync<ContentPipeline.ServiceDefaults.StartupRefusedException>(() => RunningApp.StartAsync(Host.Program.Build, data.Path, settings));
            Assert.Contains($"process {Environment.ProcessId}", refused.Message);
            Assert.Contains("contentpipeline", refused.Message);
            Assert.Contains("--ContentPipeline:DataDirectory", refused.Message);
            Assert.Equal("Healthy", await first.Client.GetStringAsync("/health/ready"));
        }
        // Once the first has stopped, the directory is free again.
        await using var second = await RunningApp.StartAsync(Host.Program.Build, data.Path, settings);
        Assert.Equal("Healthy", await second.Client.GetStringAsync("/health/ready"));
    }
}
