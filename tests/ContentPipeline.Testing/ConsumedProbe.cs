using MassTransit;

namespace ContentPipeline.Testing;

/// <summary>Completes when a matching message has been consumed on the named endpoint: proof that it was handled, not just sent.</summary>
public sealed class ConsumedProbe<T>(string endpoint, Func<T, bool> match) : IConsumeMessageObserver<T> where T : class
{
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Consumed => _done.Task.WaitAsync(TimeSpan.FromSeconds(30));

    public Task PreConsume(ConsumeContext<T> context) => Task.CompletedTask;

    public Task PostConsume(ConsumeContext<T> context)
    {
        if (Matches(context)) _done.TrySetResult();
        return Task.CompletedTask;
    }

    public Task ConsumeFault(ConsumeContext<T> context, Exception exception)
    {
        if (Matches(context)) _done.TrySetException(exception);
        return Task.CompletedTask;
    }

    private bool Matches(ConsumeContext<T> context) =>
        context.ReceiveContext.InputAddress.AbsolutePath.TrimEnd('/').EndsWith("/" + endpoint, StringComparison.Ordinal) && match(context.Message);
}

/// <summary>Records every message of one type that the bus publishes.</summary>
public sealed class PublishedRecorder<T> : IPublishObserver where T : class
{
    private readonly List<T> _messages = [];

    public IReadOnlyList<T> Messages { get { lock (_messages) return [.. _messages]; } }

    public Task PrePublish<TMessage>(PublishContext<TMessage> context) where TMessage : class => Task.CompletedTask;

    public Task PostPublish<TMessage>(PublishContext<TMessage> context) where TMessage : class
    {
        if (context.Message is T message) lock (_messages) _messages.Add(message);
        return Task.CompletedTask;
    }

    public Task PublishFault<TMessage>(PublishContext<TMessage> context, Exception exception) where TMessage : class => Task.CompletedTask;
}
