using Xunit;
using System.Net.Http.Json;
using DotNet.Testcontainers.Containers;
using Npgsql;
using Testcontainers.PostgreSql;
using Testcontainers.RabbitMq;

namespace ContentPipeline.Testing;

/// <summary>
/// The real servers behind the distributed tests. Taken from the environment when given (CI starts RabbitMQ and
/// PostgreSQL itself), otherwise from Testcontainers where a Docker engine runs. With neither, the tests that need
/// them are skipped with the reason - unless CONTENTPIPELINE_TEST_REQUIRE_SERVICES=1, when they fail instead.
/// </summary>
public static class TestServices
{
    public const string RabbitMqVariable = "CONTENTPIPELINE_TEST_RABBITMQ";
    public const string RabbitMqManagementVariable = "CONTENTPIPELINE_TEST_RABBITMQ_MANAGEMENT";
    public const string PostgresVariable = "CONTENTPIPELINE_TEST_POSTGRES";
    public const string RequireVariable = "CONTENTPIPELINE_TEST_REQUIRE_SERVICES";

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static RabbitMqContainer? _rabbitContainer;
    private static PostgreSqlContainer? _postgresContainer;

    public static bool DockerAvailable =>
        Environment.GetEnvironmentVariable("DOCKER_HOST") is { Length: > 0 } || File.Exists("/var/run/docker.sock");

    /// <summary>An AMQP URL of a virtual host of its own, so concurrent and earlier runs cannot interfere.</summary>
    public static async Task<string> RabbitMqAsync()
    {
        var configured = Environment.GetEnvironmentVariable(RabbitMqVariable);
        if (configured is { Length: > 0 })
        {
            var management = Environment.GetEnvironmentVariable(RabbitMqManagementVariable);
            return management is { Length: > 0 } ? await FreshVirtualHostAsync(configured, management) : configured;
        }
        if (!DockerAvailable) Unavailable($"RabbitMQ: set {RabbitMqVariable} (e.g. amqp://guest:guest@127.0.0.1:5672/) or run a Docker engine");
        await Gate.WaitAsync();
        try
        {
            _rabbitContainer ??= await Started(new RabbitMqBuilder("rabbitmq:3.13-management").Build());
            return _rabbitContainer.GetConnectionString();
        }
        finally { Gate.Release(); }
    }

    /// <summary>A connection string to a database of its own, created for the caller.</summary>
    public static async Task<string> PostgresAsync()
    {
        var admin = Environment.GetEnvironmentVariable(PostgresVariable);
        if (admin is not { Length: > 0 })
        {
            if (!DockerAvailable) Unavailable($"PostgreSQL: set {PostgresVariable} (an Npgsql connection string) or run a Docker engine");
            await Gate.WaitAsync();
            try
            {
                _postgresContainer ??= await Started(new PostgreSqlBuilder("postgres:16-alpine").Build());
                admin = _postgresContainer.GetConnectionString();
            }
            finally { Gate.Release(); }
        }

        var database = $"cp_test_{Guid.NewGuid():N}"[..24];
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {database}", connection);
            await create.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(admin) { Database = database }.ConnectionString;
    }

    private static async Task<T> Started<T>(T container) where T : IContainer
    {
        await container.StartAsync();
        return container;
    }

    private static async Task<string> FreshVirtualHostAsync(string amqp, string management)
    {
        var vhost = $"cp-test-{Guid.NewGuid():N}"[..20];
        var baseUri = new Uri(management);
        using var http = new HttpClient { BaseAddress = baseUri };
        var user = Uri.UnescapeDataString(baseUri.UserInfo.Split(':')[0]);
        http.DefaultRequestHeaders.Authorization = new("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(Uri.UnescapeDataString(baseUri.UserInfo))));
        (await http.PutAsync($"/api/vhosts/{vhost}", null)).EnsureSuccessStatusCode();
        (await http.PutAsJsonAsync($"/api/permissions/{vhost}/{user}", new { configure = ".*", write = ".*", read = ".*" })).EnsureSuccessStatusCode();
        return new UriBuilder(amqp) { Path = "/" + vhost }.Uri.ToString();
    }

    private static void Unavailable(string what)
    {
        var reason = $"Needs {what}.";
        if (Environment.GetEnvironmentVariable(RequireVariable) == "1") throw new InvalidOperationException(reason + $" ({RequireVariable}=1 makes this a failure.)");
        Assert.Skip(reason);
    }
}
