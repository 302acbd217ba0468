using System.Diagnostics;
using System.Text;
using ContentPipeline.Testing;
using MassTransit;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace ContentPipeline.Pipeline.Bench;

/// <summary>
/// What the broker costs by itself, in the same run as the pipeline: one hop of persistent, confirmed messages the
/// size of our articles, with the raw client and with MassTransit (what the services use), publish and consume apart.
/// </summary>
internal static class BrokerBaselines
{
    private const int Messages = 10_000;

    public static async Task RunAsync(IReadOnlyList<string> corpus)
    {
        var url = await TestServices.RabbitMqAsync();
        var bodies = corpus.Take(Messages).Select(Encoding.UTF8.GetBytes).ToList();
        while (bodies.Count < Messages) bodies.AddRange(bodies.Take(Messages - bodies.Count).ToList());
        Console.WriteLine($"\nbroker baselines: {Messages:N0} persistent confirmed messages of {bodies.Average(b => b.Length) / 1024:F1} KiB on average, one hop");
        await RawClientAsync(url, bodies);
        await MassTransitAsync(url, bodies);
    }

    private static async Task RawClientAsync(string url, IReadOnlyList<byte[]> bodies)
    {
        var factory = new ConnectionFactory { Uri = new Uri(url) };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        await channel.QueueDeclareAsync("bench-raw-hop", durable: true, exclusive: false, autoDelete: false);
        var properties = new BasicProperties { Persistent = true, ContentType = "application/json" };

        var cost = Cost.Start();
        var inFlight = new List<Task>(100);
        foreach (var body in bodies)
        {
            inFlight.Add(channel.BasicPublishAsync("", "bench-raw-hop", true, properties, body).AsTask());
            if (inFlight.Count == 100) { await Task.WhenAll(inFlight); inFlight.Clear(); }
        }
        await Task.WhenAll(inFlight);
        Console.WriteLine($"  RabbitMQ.Client publish: {cost.Report(bodies.Count)}");

        await using var consumer = await connection.CreateChannelAsync();
        await consumer.BasicQosAsync(0, 200, false);
        var received = 0;
        var all = new TaskCompletionSource();
        var handler = new AsyncEventingBasicConsumer(consumer);
        handler.ReceivedAsync += async (_, delivery) =>
        {
            await consumer.BasicAckAsync(delivery.DeliveryTag, false);
            if (++received == bodies.Count) all.TrySetResult();
        };
        cost = Cost.Start();
        await consumer.BasicConsumeAsync("bench-raw-hop", autoAck: false, handler);
        await all.Task.WaitAsync(TimeSpan.FromMinutes(5));
        Console.WriteLine($"  RabbitMQ.Client consume: {cost.Report(bodies.Count)}");
    }

    private static async Task MassTransitAsync(string url, IReadOnlyList<byte[]> bodies)
    {
        var received = 0;
        var all = new TaskCompletionSource();
        var address = new Uri(url);
        var bus = Bus.Factory.CreateUsingRabbitMq(cfg =>
        {
            cfg.Host(address.Host, (ushort)address.Port, Uri.UnescapeDataString(address.AbsolutePath.TrimStart('/')) is { Length: > 0 } vhost ? vhost : "/", h =>
            {
                h.Username("guest");
                h.Password("guest");
            });
            cfg.ReceiveEndpoint("bench-masstransit-hop", e =>
            {
                e.PrefetchCount = 64;
                e.Handler<BenchHop>(_ =>
                {
                    if (Interlocked.Increment(ref received) == bodies.Count) all.TrySetResult();
                    return Task.CompletedTask;
                });
            });
        });
        await bus.StartAsync();
        try
        {
            // Publish and consume overlap here, as in the pipeline: one figure for the hop.
            var cost = Cost.Start();
            foreach (var batch in bodies.Chunk(100))
                await Task.WhenAll(batch.Select(b => bus.Publish(new BenchHop(Encoding.UTF8.GetString(b)))));
            await all.Task.WaitAsync(TimeSpan.FromMinutes(5));
            Console.WriteLine($"  MassTransit publish + consume: {cost.Report(bodies.Count)}");
        }
        finally
        {
            await bus.StopAsync();
        }
    }

    /// <summary>Wall time and the CPU of this process and of RabbitMQ, over one phase.</summary>
    private sealed class Cost
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly TimeSpan _ownCpu = Process.GetCurrentProcess().TotalProcessorTime;
        private readonly double _brokerCpu = ProcStats.CpuMilliseconds(ProcStats.PidsOf("beam.smp"));

        public static Cost Start() => new();

        public string Report(int messages)
        {
            var own = (Process.GetCurrentProcess().TotalProcessorTime - _ownCpu).TotalMilliseconds / messages;
            var broker = (ProcStats.CpuMilliseconds(ProcStats.PidsOf("beam.smp")) - _brokerCpu) / messages;
            return $"{messages / _clock.Elapsed.TotalSeconds:N0} messages/s, CPU {own:F3} ms (client) + {broker:F3} ms (RabbitMQ) per message";
        }
    }
}

/// <summary>A message of an article's size.</summary>
public sealed record BenchHop(string Payload);
