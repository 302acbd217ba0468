using MassTransit;
using Microsoft.Extensions.Hosting;

namespace ContentPipeline.ServiceDefaults.Messaging;

/// <summary>
/// In-memory transport only: once the host is stopping, queued messages are left, not handled; only what consumers
/// already hold is finished. They are not lost: at the next start ingest queues every article that had not come all
/// the way through again (OutboxRelay.RequeueInFlightAsync). On RabbitMQ the broker keeps them instead.
/// </summary>
public sealed class LeaveOnShutdownFilter(IHostApplicationLifetime lifetime) : IFilter<ConsumeContext>
{
    public Task Send(ConsumeContext context, IPipe<ConsumeContext> next) =>
        lifetime.ApplicationStopping.IsCancellationRequested ? Task.CompletedTask : next.Send(context);

    public void Probe(ProbeContext context) => context.CreateFilterScope("leave-on-shutdown");
}
