using System.Collections.Concurrent;
using System.Diagnostics;

namespace ContentPipeline.Bench;

/// <summary>
/// A closed-loop load: a fixed number of clients, each sending its next request when the last one is answered, until
/// a request count or a time limit is reached, whichever comes first.
/// </summary>
internal static class ClosedLoop
{
    public static async Task<LoadRun> RunAsync(int clients, int requests, TimeSpan timeLimit, Func<int, Task> send)
    {
        var latencies = new ConcurrentBag<double>();
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Factory.StartNew(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < requests && clock.Elapsed < timeLimit)
            {
                var started = Stopwatch.GetTimestamp();
                await send(i);
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }, TaskCreationOptions.LongRunning).Unwrap()));
        return new LoadRun(latencies.ToList(), clock.Elapsed);
    }

    /// <summary>The value below which <paramref name="percentile"/> % of the values fall (nearest rank).</summary>
    public static double P(IReadOnlyCollection<double> values, int percentile)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1)];
    }
}

internal sealed record LoadRun(List<double> Latencies, TimeSpan Elapsed)
{
    public double PerSecond => Latencies.Count / Elapsed.TotalSeconds;

    /// <summary>A Markdown table row: label, requests, per second, p50, p99.</summary>
    public string Row(string label) =>
        $"| {label} | {Latencies.Count:N0} | {PerSecond:N0} | {ClosedLoop.P(Latencies, 50):F1} ms | {ClosedLoop.P(Latencies, 99):F1} ms |";
}
