using Microsoft.Extensions.Hosting;

namespace ContentPipeline.ServiceDefaults;

public static class LifetimeExtensions
{
    /// <summary>
    /// Waits until every hosted service (migrations, the bus) has started. False when the host stops first.
    /// Background work that publishes or needs the schema starts with this.
    /// </summary>
    public static async Task<bool> WaitForStartAsync(this IHostApplicationLifetime lifetime, CancellationToken ct)
    {
        if (lifetime.ApplicationStarted.IsCancellationRequested) return true;
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var onStart = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        using var onStop = ct.Register(() => started.TrySetResult());
        await started.Task;
        return !ct.IsCancellationRequested;
    }
}
