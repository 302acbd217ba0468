namespace ContentPipeline.Ingest.Outbox;

/// <summary>Wakes the relay as soon as something was committed, so publishing does not wait for the next poll.</summary>
public sealed class OutboxSignal
{
    private readonly SemaphoreSlim _pending = new(0, 1);

    public void Notify()
    {
        try { _pending.Release(); }
        catch (SemaphoreFullException) { } // already signalled
    }

    public Task WaitAsync(TimeSpan timeout, CancellationToken ct) => _pending.WaitAsync(timeout, ct);
}
