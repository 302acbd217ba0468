using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Serilog;
using Serilog.Core;
using Serilog.Events;
using Serilog.Parsing;
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
            // The console names the article a line is about, as the JSON file's properties do: `docker compose logs` is
            // what an operator greps for an id. A sub-logger's enrichment stays out of the file; it lets through
            // whatever the levels above let through.
            .WriteTo.Logger(console => console.MinimumLevel.Verbose().Enrich.With<ArticleOnConsole>()
                .WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {Service} {Message:lj}{Article}{NewLine}{Exception}"))
            .WriteTo.File(new CompactJsonFormatter(), logFile, rollingInterval: RollingInterval.Day, retainedFileCountLimit: 14));
    }

    /// <summary>" (article X v2)" for a line written inside an article's scope (<see cref="BeginArticleScope"/>).</summary>
    private sealed class ArticleOnConsole : ILogEventEnricher
    {
        public void Enrich(LogEvent logEvent, ILogEventPropertyFactory properties)
        {
            if (!logEvent.Properties.TryGetValue("ArticleId", out var id) || id is not ScalarValue { Value: string articleId }) return;
            // A message that names the article itself ("article {ArticleId} version {Version} goes again") says it once.
            if (logEvent.MessageTemplate.Tokens.OfType<PropertyToken>().Any(token => token.PropertyName == "ArticleId")) return;
            var version = logEvent.Properties.TryGetValue("Version", out var v) ? $" v{v}" : "";
            logEvent.AddPropertyIfAbsent(properties.CreateProperty("Article", $" (article {articleId}{version})"));
        }
    }

    /// <summary>Puts ArticleId and Version on every log line written inside the returned scope.</summary>
    public static IDisposable? BeginArticleScope(this Microsoft.Extensions.Logging.ILogger logger, string articleId, long version) =>
        logger.BeginScope(new Dictionary<string, object> { ["ArticleId"] = articleId, ["Version"] = version });
}
