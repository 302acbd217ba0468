using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Serilog;
using Serilog.Formatting.Compact;

namespace ContentPipeline.ServiceDefaults.Logging;

public static class StructuredLogging
{
    /// <summary>
    /// Serilog to the console (human-readable) and to rolling JSON files under the data directory.
    /// The "Serilog" configuration section can override levels and sinks.
    /// </summary>
    public static void AddStructuredLogging(this WebApplicationBuilder builder, string serviceName)
    {
        var dataDirectory = builder.Configuration[$"{PipelineOptions.Section}:{nameof(PipelineOptions.DataDirectory)}"] ?? "data";
        var logFile = Path.GetFullPath(Path.Combine(dataDirectory, "logs", $"{serviceName}-.json"));

        builder.Services.AddSerilog((services, log) => log
            .ReadFrom.Configuration(builder.Configuration)
            .MinimumLevel.Override("Microsoft.AspNetCore", Serilog.Events.LogEventLevel.Warning)
            .MinimumLevel.Override("MassTransit", Serilog.Events.LogEventLevel.Warning)
            .Enrich.FromLogContext()
            .Enrich.WithProperty("Service", serviceName)
            .WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {Service} {Message:lj}{NewLine}{Exception}")
            .WriteTo.File(new CompactJsonFormatter(), logFile, rollingInterval: RollingInterval.Day, retainedFileCountLimit: 14));
    }

    /// <summary>Puts ArticleId and Version on every log line written inside the returned scope.</summary>
    public static IDisposable? BeginArticleScope(this Microsoft.Extensions.Logging.ILogger logger, string articleId, long version) =>
        logger.BeginScope(new Dictionary<string, object> { ["ArticleId"] = articleId, ["Version"] = version });
}
