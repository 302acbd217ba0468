using ContentPipeline.Testing;

namespace ContentPipeline.EndToEnd.Tests.Faults;

/// <summary>Services started as processes on the same settings, each in a folder of its own; all are stopped at the end.</summary>
public sealed class ServiceProcesses(TempDirectory data, IReadOnlyDictionary<string, string?> settings) : IDisposable
{
    private readonly List<ServiceProcess> _started = [];

    /// <param name="service">Ingest, Enrichment, SearchIndex or Recommendation; started again, it finds its folder as it was left.</param>
    /// <param name="replica">Its folder's name when several of one service run at once (each needs its own).</param>
    /// <param name="extra">Settings of this process only.</param>
    public async Task<ServiceProcess> StartAsync(string service, string? replica = null, IReadOnlyDictionary<string, string?>? extra = null)
    {
        var process = await ServiceProcess.StartAsync($"ContentPipeline.{service}.dll", data.Sub(replica ?? service), settings.Concat(extra ?? new Dictionary<string, string?>()));
        _started.Add(process);
        return process;
    }

    public void Dispose()
    {
        foreach (var process in _started) process.Dispose();
    }
}
