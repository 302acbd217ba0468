using ContentPipeline.ServiceDefaults.Messaging;
using ContentPipeline.ServiceDefaults.Security;

namespace ContentPipeline.ServiceDefaults;

/// <summary>The operator's commands every service's executable answers instead of starting: <c>keys</c>, <c>parked</c>, <c>healthcheck</c>.</summary>
public static class ServiceCommands
{
    /// <summary>The command's exit code, or null when the arguments name no command and the service should start.</summary>
    public static async Task<int?> RunAsync(string[] args) => args switch
    {
        ["keys", ..] => KeysCommand.Run(args, Console.Out),
        ["parked", ..] => await ParkedCommand.RunAsync(args, Console.Out),
        ["healthcheck", ..] => await HealthCheckCommand.RunAsync(args, Console.Out),
        _ => null,
    };

    /// <summary>Builds and runs the service; a start it refuses (data directory in use, keys misconfigured) is a message and exit code 1.</summary>
    public static async Task<int> RunServiceAsync(Func<Microsoft.AspNetCore.Builder.WebApplication> build)
    {
        try
        {
            await build().RunAsync();
            return 0;
        }
        catch (StartupRefusedException ex)
        {
            await Console.Error.WriteLineAsync($"Not started: {ex.Message}");
            return 1;
        }
    }
}
