using ContentPipeline.ServiceDefaults.Messaging;
using ContentPipeline.Testing;

namespace ContentPipeline.EndToEnd.Tests;

public static class DistributedSettings
{
    /// <summary>The distributed mode's settings on a broker virtual host and a database of this test's own.</summary>
    public static async Task<Dictionary<string, string?>> CreateAsync() => new()
    {
        ["ContentPipeline:Transport"] = "RabbitMq",
        ["ConnectionStrings:RabbitMq"] = await TestServices.RabbitMqAsync(),
        ["ContentPipeline:Store"] = "Postgres",
        ["ConnectionStrings:Postgres"] = await TestServices.PostgresAsync(),
        [MessageSeal.KeySetting] = MessageKey,
    };

    /// <summary>The secret the services seal their messages with.</summary>
    public const string MessageKey = "test-message-key-shared-by-the-services";
}
