using Scalar.AspNetCore;
using System.Text.Json.Serialization;
using ContentPipeline.ServiceDefaults.Logging;
using ContentPipeline.ServiceDefaults.Security;
using ContentPipeline.ServiceDefaults.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Prometheus;
using Serilog;

namespace ContentPipeline.ServiceDefaults;

/// <summary>What every service (and the embedded host) sets up the same way.</summary>
public static class ServiceDefaultsExtensions
{
    public const string ReadyTag = "ready";

    /// <param name="writes">Who may write without a key; by default no one (the distributed services).</param>
    public static WebApplicationBuilder AddServiceDefaults(this WebApplicationBuilder builder, string serviceName, WriteAccess? writes = null)
    {
        builder.Services.AddOptions<PipelineOptions>()
            .BindConfiguration(PipelineOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        // Settings that keep the service from starting are reported before the data directory is taken.
        builder.AddRequestSecurity(writes ?? new WriteAccess(LoopbackWithoutKey: false));
        var pipeline = builder.Configuration.GetSection(PipelineOptions.Section).Get<PipelineOptions>() ?? new PipelineOptions();
        builder.Services.AddSingleton(DataDirectoryLock.Acquire(pipeline.ResolveDataPath(), serviceName));
        builder.AddStructuredLogging(serviceName);

        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = context =>
        {
            // Errors the framework raises itself (routing, content negotiation) get a detail a person can act on too.
            var problem = context.ProblemDetails;
            var request = context.HttpContext.Request;
            problem.Detail ??= problem.Status switch
            {
                StatusCodes.Status404NotFound => $"Nothing is served at {request.Path}; /openapi/v1.json lists what is.",
                StatusCodes.Status405MethodNotAllowed => $"{request.Method} is not allowed on {request.Path}; /openapi/v1.json lists the methods.",
                StatusCodes.Status415UnsupportedMediaType => $"'{request.ContentType ?? "no content type"}' is not accepted here; /openapi/v1.json gives the content type each endpoint takes.",
                // A parameter of the wrong type ("size=abc"): the framework's own message names it.
                StatusCodes.Status400BadRequest => context.Exception is BadHttpRequestException bad
                    ? $"{bad.Message} /openapi/v1.json gives each parameter's type."
                    : $"The request's parameters ({request.QueryString}) could not be read: /openapi/v1.json gives each parameter's type.",
                _ => null,
            };
        });
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase));
            o.SerializerOptions.Converters.Add(new UtcInstants());
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        });
        builder.Services.AddHealthChecks();
        builder.AddRequestSizeLimits();
        builder.Services.AddOpenApi();
        return builder;
    }

    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.UseClientAddress();
        app.UseExceptionHandler();
        app.UseRequestSizeLimits();
        app.UseStatusCodePages();
        app.UseSerilogRequestLogging(o => o.GetLevel = (http, _, ex) =>
            ex is not null || http.Response.StatusCode >= 500 ? Serilog.Events.LogEventLevel.Error
            : http.Request.Path.StartsWithSegments("/health") || http.Request.Path.StartsWithSegments("/metrics") ? Serilog.Events.LogEventLevel.Verbose
            : Serilog.Events.LogEventLevel.Information);
        app.UseHttpMetrics();
        app.UseRequestSecurity();

        // Live: the process answers. Ready: its broker, store and index answer too.
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag) });
        app.MapMetrics("/metrics");
        // prometheus-net starts listening to .NET meters (MassTransit's, ASP.NET Core's) at the first scrape, and what
        // was counted before it is lost: collect once now, before the bus takes its first message.
        Metrics.DefaultRegistry.CollectAndExportAsTextAsync(Stream.Null).GetAwaiter().GetResult();
        app.MapOpenApi("/openapi/{documentName}.json");
        // A browsable reference of the same document at /scalar/v1, served from the package (no CDN needed).
        app.MapScalarApiReference("/scalar");

        app.Lifetime.ApplicationStopped.Register(app.Services.GetRequiredService<DataDirectoryLock>().Dispose);
        var options = app.Services.GetRequiredService<IOptions<PipelineOptions>>().Value;
        app.Logger.LogInformation("Data directory {DataDirectory}; transport {Transport}, store {Store}, search engine {SearchEngine}",
            options.ResolveDataPath(), options.Transport, options.Store, options.SearchEngine);
        if (options.Transport == TransportKind.RabbitMq && app.Services.GetService<Messaging.MessageSeal>() is { Enabled: false })
            app.Logger.LogWarning("{Setting} is not set: messages are not sealed, so anyone who can publish on the broker can add articles. " +
                "Give every service the same secret there.", Messaging.MessageSeal.KeySetting);
        return app;
    }
}
