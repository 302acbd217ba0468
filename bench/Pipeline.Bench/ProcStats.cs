using System.Globalization;

namespace ContentPipeline.Pipeline.Bench;

/// <summary>What /proc says of processes.</summary>
internal static class ProcStats
{
    public static IReadOnlyList<int> PidsOf(string command) =>
        [.. Directory.EnumerateDirectories("/proc").Select(d => int.TryParse(Path.GetFileName(d), out var pid) ? pid : 0)
            .Where(pid => pid > 0 && Read($"/proc/{pid}/comm")?.Trim() == command)];

    /// <summary>User plus system CPU of the processes, from /proc/PID/stat (clock ticks of 10 ms).</summary>
    public static double CpuMilliseconds(IEnumerable<int> pids) => pids.Sum(pid =>
    {
        var stat = Read($"/proc/{pid}/stat");
        if (stat is null) return 0;
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) * 10.0;
    });

    private static string? Read(string path)
    {
        try { return File.ReadAllText(path); }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }
}
