using Microsoft.Extensions.Configuration;

namespace ContentPipeline.ServiceDefaults;

/// <summary>What the operator's commands (import, keys, parked, republish) read from their arguments.</summary>
public static class CommandLine
{
    /// <summary>The settings the service runs with: appsettings.json beside it, environment, --Key=value arguments.</summary>
    public static IConfiguration Configuration(string[] args) => new ConfigurationBuilder()
        .SetBasePath(AppContext.BaseDirectory)
        .AddJsonFile("appsettings.json", optional: true)
        .AddEnvironmentVariables()
        .AddCommandLine(args.Where(a => a.StartsWith("--", StringComparison.Ordinal) && a.Contains('=')).ToArray())
        .Build();

    /// <summary>The value after <paramref name="name"/> (as in <c>--to URL</c>), or null.</summary>
    public static string? Option(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }
}
