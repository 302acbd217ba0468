using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Xunit;

namespace ContentPipeline.Testing;

/// <summary>
/// A service (or the embedded host) as its own OS process on a loopback port, as an operator runs it: it can be
/// killed like a crash, and its memory read from /proc.
/// </summary>
public sealed class ServiceProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output;

    private ServiceProcess(Process process, HttpClient client, ConcurrentQueue<string> output)
    {
        _process = process;
        Client = client;
        _output = output;
    }

    /// <summary>What the process wrote to its console so far (its log: warnings and above unless the settings say otherwise).</summary>
    public IReadOnlyCollection<string> Output => _output;

    /// <summary>Sends the test key (configured with every role).</summary>
    public HttpClient Client { get; }

    public int Id => _process.Id;

    /// <param name="assembly">e.g. "ContentPipeline.Ingest.dll", beside the tests.</param>
    public static async Task<ServiceProcess> StartAsync(string assembly, string dataDirectory, IEnumerable<KeyValuePair<string, string?>> settings)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = AppContext.BaseDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, assembly));
        start.ArgumentList.Add($"--urls=http://127.0.0.1:{port}");
        start.ArgumentList.Add($"--ContentPipeline:DataDirectory={dataDirectory}");
        start.ArgumentList.Add("--Serilog:MinimumLevel:Default=Warning");
        foreach (var (key, value) in TestKeys.Settings().Concat(settings)) start.ArgumentList.Add($"--{key}={value}");
        var process = Process.Start(start)!;
        var output = new ConcurrentQueue<string>();
        process.OutputDataReceived += (_, line) => { if (line.Data is not null) output.Enqueue(line.Data); };
        process.ErrorDataReceived += (_, line) => { if (line.Data is not null) output.Enqueue(line.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(60) }.WithKey();
        await Eventually.Until(async () =>
        {
            try { return (await client.GetAsync("/health/ready")).StatusCode; }
            catch (HttpRequestException) { return HttpStatusCode.ServiceUnavailable; }
        }, s => s == HttpStatusCode.OK || process.HasExited, $"{assembly} is ready");
        Assert.False(process.HasExited, $"{assembly} exited at start");
        return new ServiceProcess(process, client, output);
    }

    /// <summary>Resident memory, in MB, as the system counts it.</summary>
    public long ResidentMegabytes() => ResidentMegabytes(_process.Id);

    /// <summary>A process's resident memory in MB from /proc, 0 when it is gone.</summary>
    public static long ResidentMegabytes(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:"));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024;
        }
        catch (IOException) { return 0; }
    }

    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited) Kill();
        _process.Dispose();
        Client.Dispose();
    }

    /// <summary>A loopback port nothing listens on now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
