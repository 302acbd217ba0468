using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using ContentPipeline.Testing;

namespace ContentPipeline.EndToEnd.Tests.Faults;

/// <summary>
/// A RabbitMQ node of the test's own (its own name, ports and data folder), so the test can kill it like a crash and
/// start it again with its queues and persistent messages, without touching anyone else's broker.
/// </summary>
public sealed class BrokerNode : IDisposable
{
    private const string Server = "/usr/lib/rabbitmq/bin/rabbitmq-server";
    private readonly string _folder;
    private readonly int _port;
    private readonly int _distributionPort = ServiceProcess.FreePort();
    private readonly string _name;
    private Process? _process;

    private BrokerNode(string folder, int port)
    {
        _folder = folder;
        _port = port;
        _name = $"cpfault{port}@localhost";
    }

    public string AmqpUrl => $"amqp://guest:guest@127.0.0.1:{_port}/";

    public static async Task<BrokerNode> StartAsync(string folder)
    {
        if (!File.Exists(Server))
        {
            var reason = $"Needs RabbitMQ's {Server} (apt-get install -y rabbitmq-server; .ci/run installs it).";
            if (Environment.GetEnvironmentVariable(TestServices.RequireVariable) == "1") throw new InvalidOperationException(reason);
            Assert.Skip(reason);
        }
        Directory.CreateDirectory(folder);
        var port = ServiceProcess.FreePort();
        File.WriteAllText(Path.Combine(folder, "rabbitmq.conf"), $"listeners.tcp.default = 127.0.0.1:{port}\nloopback_users = none\n");
        File.WriteAllText(Path.Combine(folder, "enabled_plugins"), "[].");
        var node = new BrokerNode(folder, port);
        await node.RestartAsync();
        return node;
    }

    /// <summary>Starts the node (again, after a kill: same name, same data) and waits until it takes connections.</summary>
    public async Task RestartAsync()
    {
        var start = new ProcessStartInfo(Server) { WorkingDirectory = _folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (key, value) in new Dictionary<string, string>
        {
            ["HOME"] = _folder,
            ["RABBITMQ_NODENAME"] = _name,
            ["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1",
            ["RABBITMQ_NODE_PORT"] = _port.ToString(),
            ["RABBITMQ_DIST_PORT"] = _distributionPort.ToString(),
            ["RABBITMQ_MNESIA_BASE"] = Path.Combine(_folder, "mnesia"),
            ["RABBITMQ_LOG_BASE"] = Path.Combine(_folder, "log"),
            ["RABBITMQ_CONFIG_FILE"] = Path.Combine(_folder, "rabbitmq.conf"),
            ["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(_folder, "enabled_plugins"),
        }) start.Environment[key] = value;
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await Eventually.Until(async () =>
        {
            using var client = new TcpClient();
            try { await client.ConnectAsync(IPAddress.Loopback, _port); return true; }
            catch (SocketException) { return false; }
        }, up => up, $"the test's RabbitMQ node {_name} takes connections", TimeSpan.FromSeconds(90));
    }

    /// <summary>kill -9 of the node's whole process tree: no goodbye to its clients, nothing flushed.</summary>
    public void Kill()
    {
        if (_process is null || _process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        Kill();
        _process?.Dispose();
    }

}
