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
}
