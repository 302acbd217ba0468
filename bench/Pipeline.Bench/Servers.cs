using System.Diagnostics;
using ContentPipeline.Testing;

namespace ContentPipeline.Pipeline.Bench;

/// <summary>RabbitMQ and PostgreSQL as CI has them: when the bench is not told where they are, .ci/servers starts them.</summary>
internal static class Servers
{
    public static async Task EnsureAsync()
    {
        if (Environment.GetEnvironmentVariable(TestServices.RabbitMqVariable) is { Length: > 0 }
            && Environment.GetEnvironmentVariable(TestServices.PostgresVariable) is { Length: > 0 }) return;
        var script = FindScript();
        Console.WriteLine($"Starting RabbitMQ and PostgreSQL with {script} (as CI does)");
        // Sourced, then the environment printed: the script says where the servers are, the bench takes it from there.
        using var shell = Process.Start(new ProcessStartInfo("bash", ["-c", $". '{script}' >&2 && env"]) { RedirectStandardOutput = true })!;
        var environment = await shell.StandardOutput.ReadToEndAsync();
        await shell.WaitForExitAsync();
        if (shell.ExitCode != 0) throw new InvalidOperationException($"{script} failed (exit {shell.ExitCode}); run it as root to see why.");
        foreach (var line in environment.Split('\n').Where(l => l.StartsWith("CONTENTPIPELINE_TEST_", StringComparison.Ordinal)))
        {
            var at = line.IndexOf('=');
            Environment.SetEnvironmentVariable(line[..at], line[(at + 1)..]);
        }
    }

    private static string FindScript()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, ".ci", "servers"))) return Path.Combine(dir.FullName, ".ci", "servers");
        throw new FileNotFoundException(".ci/servers not found above the bench's folder.");
    }
}
