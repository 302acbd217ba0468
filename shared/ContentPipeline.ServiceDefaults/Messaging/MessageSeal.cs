using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MassTransit;

namespace ContentPipeline.ServiceDefaults.Messaging;

/// <summary>
/// Proof that a message comes from the pipeline's own services: an HMAC of the message under the key they share
/// (<c>ContentPipeline:MessageKey</c>), carried in a header. Whoever can reach the broker but lacks the key cannot make
/// a message a consumer will apply, so search and recommendation hold only what ingest stored. The embedded mode
/// needs none: its bus is in memory.
/// </summary>
public sealed class MessageSeal(string? key)
{
    public const string Header = "CP-Seal";
    public const string KeySetting = "ContentPipeline:MessageKey";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly byte[]? _key = string.IsNullOrEmpty(key) ? null : Encoding.UTF8.GetBytes(key);

    public bool Enabled => _key is not null;

    public string Of<T>(T message) where T : class
    {
        byte[] signed = [.. Encoding.UTF8.GetBytes(typeof(T).FullName! + "\n"), .. JsonSerializer.SerializeToUtf8Bytes(message, Json)];
        return Convert.ToHexStringLower(HMACSHA256.HashData(_key!, signed));
    }

    /// <summary>Null when the seal is right, else why not.</summary>
    public string? Problem<T>(T message, string? seal) where T : class
    {
        if (seal is null) return $"it carries no {Header} header: it was not published by a service of this pipeline.";
        var expected = Encoding.ASCII.GetBytes(Of(message));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(seal))
            ? null : $"its {Header} does not match its content: it was changed, or sealed with another key.";
    }
}

/// <summary>Seals every message a service publishes.</summary>
public sealed class SealPublishFilter<T>(MessageSeal seal) : IFilter<PublishContext<T>> where T : class
{
    public Task Send(PublishContext<T> context, IPipe<PublishContext<T>> next)
    {
        context.Headers.Set(MessageSeal.Header, seal.Of(context.Message));
        return next.Send(context);
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("seal");
}

/// <summary>Parks, without applying it, a message whose seal is missing or wrong.</summary>
public sealed class VerifySealFilter<T>(MessageSeal seal) : IFilter<ConsumeContext<T>> where T : class
{
    public Task Send(ConsumeContext<T> context, IPipe<ConsumeContext<T>> next)
    {
        if (seal.Problem(context.Message, context.Headers.Get<string>(MessageSeal.Header)) is { } problem)
            throw new InvalidMessageException($"{typeof(T).Name} refused: {problem}");
        return next.Send(context);
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("verify-seal");
}
