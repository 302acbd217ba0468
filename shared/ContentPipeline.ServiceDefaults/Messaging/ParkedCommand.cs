using Microsoft.Extensions.Configuration;

namespace ContentPipeline.ServiceDefaults.Messaging;

/// <summary>
/// <c>parked</c> (counts per queue), <c>parked QUEUE</c> (each message, why it was parked), <c>parked replay QUEUE
/// [--id MESSAGE-ID]</c>, <c>parked purge QUEUE (--id MESSAGE-ID | --all)</c>: the operator's view of what the
/// pipeline could not handle, on the broker the service is configured with (ConnectionStrings:RabbitMq). CLI only:
/// whoever can run it can reach the broker already.
/// </summary>
public static class ParkedCommand
{
    private const string Usage = "Usage: parked | parked QUEUE | parked replay QUEUE [--id MESSAGE-ID] | parked purge QUEUE (--id MESSAGE-ID | --all)";

    public static async Task<int> RunAsync(string[] args, TextWriter output, CancellationToken ct = default)
    {
        var configuration = CommandLine.Configuration(args);
        var options = configuration.GetSection(PipelineOptions.Section).Get<PipelineOptions>() ?? new PipelineOptions();
        if (options.Transport != TransportKind.RabbitMq)
        {
            output.WriteLine("Nothing is parked on a broker in the embedded mode (in-memory transport): set ContentPipeline:Transport=RabbitMq " +
                "and ConnectionStrings:RabbitMq to look at a distributed deployment's queues.");
            return 2;
        }
        var words = args.Skip(1).Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToList();
        var id = CommandLine.Option(args, "--id");
        var url = configuration.GetConnectionString("RabbitMq") ?? "amqp://guest:guest@localhost:5672/";

        await using var parked = await ParkedMessages.ConnectAsync(url, ct);
        switch (words)
        {
            case []:
                output.WriteLine($"{"queue",-24} {"faulted",8} {"skipped",8}");
                foreach (var q in await parked.CountAsync(ct)) output.WriteLine($"{q.Queue,-24} {q.Faulted,8} {q.Skipped,8}");
                output.WriteLine($"Faulted: failed after retries or broke the rules (parked in QUEUE{ParkedMessages.ErrorSuffix}); skipped: no consumer knew the message type (QUEUE{ParkedMessages.SkippedSuffix}).");
                return 0;
            case [var queue] when ParkedMessages.Queues.Contains(queue) || queue.EndsWith(ParkedMessages.SkippedSuffix):
                var messages = await parked.ListAsync(queue, ct: ct);
                foreach (var m in messages)
                    output.WriteLine($"{m.MessageId}  {m.ParkedAt:u}  {m.MessageType}  article {m.ArticleId ?? "?"} v{m.Version?.ToString() ?? "?"}\n    {m.Reason}");
                output.WriteLine($"{messages.Count} parked in {queue}.");
                return 0;
            case ["replay", var queue] when ParkedMessages.Queues.Contains(queue):
                var replayed = await parked.ReplayAsync(queue, id, ct);
                output.WriteLine($"Sent {replayed} parked message(s) back to {queue}.");
                return id is not null && replayed == 0 ? 1 : 0;
            case ["purge", var queue] when ParkedMessages.Queues.Contains(queue) && (id is not null || args.Contains("--all")):
                var purged = await parked.PurgeAsync(queue, id, ct);
                output.WriteLine($"Dropped {purged} parked message(s) of {queue}.");
                return id is not null && purged == 0 ? 1 : 0;
            default:
                output.WriteLine(Usage);
                output.WriteLine($"Queues: {string.Join(", ", ParkedMessages.Queues)}.");
                return 2;
        }
    }

}
