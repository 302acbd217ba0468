using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ContentPipeline.ServiceDefaults.Messaging;

public static class MessageBusExtensions
{
    /// <summary>
    /// Adds consumers to the bus that <see cref="AddMessageBus"/> creates. Each service calls this from its
    /// own Add…Services, so the embedded host gets one bus with the consumers of all four.
    /// </summary>
    public static WebApplicationBuilder AddConsumers(this WebApplicationBuilder builder, Action<IBusRegistrationConfigurator> register)
    {
        ConsumerRegistrations(builder).Add(register);
        return builder;
    }

    /// <summary>One MassTransit bus over the configured transport, with retries and an error queue per endpoint.</summary>
    public static WebApplicationBuilder AddMessageBus(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(PipelineOptions.Section).Get<PipelineOptions>() ?? new PipelineOptions();
        var registrations = ConsumerRegistrations(builder);
        var seal = new MessageSeal(builder.Configuration[MessageSeal.KeySetting]);
        builder.Services.AddSingleton(seal);

        builder.Services.AddMassTransit(bus =>
        {
            bus.SetKebabCaseEndpointNameFormatter();
            // MassTransit 8.4+ reports usage to its makers over the internet unless told not to: a news site's
            // pipeline has no business calling out, and offline it only logs a failed connection.
            bus.ConfigureUsageTelemetryOptions(telemetry => telemetry.Enabled = false);
            foreach (var register in registrations) register(bus);

            if (options.Transport == TransportKind.RabbitMq)
            {
                var broker = RabbitMqAddress.Parse(builder.Configuration.GetConnectionString("RabbitMq") ?? "amqp://guest:guest@localhost:5672/");
                bus.UsingRabbitMq((context, cfg) =>
                {
                    cfg.Host(broker.Host, broker.Port, broker.VirtualHost, h =>
                    {
                        h.Username(broker.Username);
                        h.Password(broker.Password);
                    });
                    PipelineTopology.DeclareSubscriberQueues(cfg);
                    if (seal.Enabled)
                    {
                        cfg.UsePublishFilter(typeof(SealPublishFilter<>), context);
                        cfg.UseConsumeFilter(typeof(VerifySealFilter<>), context);
                    }
                    ConfigureEndpoints(context, cfg, options, builder.Environment.ApplicationName);
                });
            }
            else
            {
                bus.UsingInMemory((context, cfg) =>
                {
                    cfg.UseFilter(new LeaveOnShutdownFilter(context.GetRequiredService<Microsoft.Extensions.Hosting.IHostApplicationLifetime>()));
                    ConfigureEndpoints(context, cfg, options, builder.Environment.ApplicationName);
                });
            }
        });

        // MassTransit registers its bus health check; it decides readiness like the store and index checks.
        // Stopping takes at most the grace: no new message is taken, what consumers hold is finished or given up.
        builder.Services.Configure<MassTransitHostOptions>(o =>
        {
            o.WaitUntilStarted = true;
            o.StopTimeout = options.ShutdownGrace;
            o.ConsumerStopTimeout = options.ShutdownGrace;
        });
        builder.Services.Configure<Microsoft.Extensions.Hosting.HostOptions>(o => o.ShutdownTimeout = options.ShutdownGrace + TimeSpan.FromSeconds(5));
        builder.Services.Configure<Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckServiceOptions>(o =>
        {
            foreach (var check in o.Registrations.Where(r => r.Tags.Contains("masstransit")))
                check.Tags.Add(ServiceDefaultsExtensions.ReadyTag);
        });
        return builder;
    }

    private static void ConfigureEndpoints<TEndpoint>(IBusRegistrationContext context, IBusFactoryConfigurator<TEndpoint> cfg, PipelineOptions options, string service)
        where TEndpoint : IReceiveEndpointConfigurator
    {
        // What each endpoint and consumer received, consumed, failed and retried, and how long it took, on /metrics
        // (MassTransit's System.Diagnostics.Metrics, which prometheus-net exports): without it an operator saw only HTTP.
        cfg.UseInstrumentation(serviceName: service);
        // Retries cover passing faults (a busy store, a restarting index); what still fails is moved to
        // the endpoint's "_error" queue, where an operator can see it and move it back.
        // Index writers share one reopen and commit among everything in flight, so more in flight is much faster.
        // MassTransit indents its JSON by default: whitespace every hop carries, stores and parses.
        cfg.ConfigureJsonSerializerOptions(json =>
        {
            json.WriteIndented = false;
            return json;
        });
        cfg.PrefetchCount = options.ConsumerConcurrency;
        cfg.ConcurrentMessageLimit = options.ConsumerConcurrency;
        if (options.MessageRetryLimit > 0)
            cfg.UseMessageRetry(r =>
            {
                r.Exponential(options.MessageRetryLimit, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(200));
                // Breaking the rules is not a passing fault: park it at once.
                r.Ignore<InvalidMessageException>();
            });
        cfg.ConfigureEndpoints(context);
    }

    private static List<Action<IBusRegistrationConfigurator>> ConsumerRegistrations(WebApplicationBuilder builder)
    {
        const string key = "ContentPipeline.ConsumerRegistrations";
        if (builder.Host.Properties.TryGetValue(key, out var existing))
            return (List<Action<IBusRegistrationConfigurator>>)existing;
        var list = new List<Action<IBusRegistrationConfigurator>>();
        builder.Host.Properties[key] = list;
        return list;
    }
}
