using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace ContentPipeline.EndToEnd.Tests.Deployment;

/// <summary>
/// No Docker engine runs here, so docker-compose.yml and the Dockerfile are read, not run: these are the properties
/// an operator's `docker compose up` depends on, each of which was once missing.
/// </summary>
public sealed class ComposeFileTests
{
    private static readonly string Root = FindRoot();
    private static readonly Dictionary<string, Dictionary<object, object>> Services = ReadServices();
    private static readonly string[] AppServices = ["ingest", "enrichment", "search-index", "recommendation"];

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ContentPipeline.sln"))) return dir.FullName;
        throw new InvalidOperationException("The repository root (ContentPipeline.sln) is not above the test's folder.");
    }

    private static Dictionary<string, Dictionary<object, object>> ReadServices()
    {
        using var reader = new StringReader(File.ReadAllText(Path.Combine(Root, "docker-compose.yml")));
        // Merge keys (<<: *service) resolved as Compose resolves them.
        var compose = new DeserializerBuilder().Build().Deserialize<Dictionary<object, object>>(new MergingParser(new Parser(reader)));
        return ((Dictionary<object, object>)compose["services"]).ToDictionary(s => (string)s.Key, s => (Dictionary<object, object>)s.Value);
    }

    private static Dictionary<object, object> Environment(string service) =>
        Services[service].TryGetValue("environment", out var env) ? (Dictionary<object, object>)env : [];

    [Fact]
    public void Every_container_restarts_has_a_memory_limit_and_rotates_its_logs()
    {
        foreach (var (name, service) in Services)
        {
            Assert.True(service.TryGetValue("restart", out var restart) && (string)restart is "unless-stopped" or "always", $"{name} has no restart policy");
            Assert.True(service.ContainsKey("mem_limit"), $"{name} has no memory limit");
            var logging = Assert.IsType<Dictionary<object, object>>(service["logging"]);
            Assert.True(((Dictionary<object, object>)logging["options"]).ContainsKey("max-size"), $"{name}'s logs are not rotated");
        }
    }

    [Fact]
    public void Each_service_waits_only_for_what_it_uses()
    {
        string[] DependsOn(string service) => [.. ((Dictionary<object, object>)Services[service]["depends_on"]).Keys.Cast<string>().Order()];
        Assert.Equal(["postgres", "rabbitmq"], DependsOn("ingest"));
        Assert.Equal(["postgres", "rabbitmq"], DependsOn("enrichment"));
        Assert.Equal(["elasticsearch", "rabbitmq"], DependsOn("search-index"));
        Assert.Equal(["elasticsearch", "rabbitmq"], DependsOn("recommendation"));
    }

    [Fact]
    public void Services_check_their_health_with_their_own_verb_not_a_shell_trick_the_image_cannot_run()
    {
        var dockerfile = File.ReadAllText(Path.Combine(Root, "deploy", "Dockerfile"));
        Assert.Matches(new Regex(@"^HEALTHCHECK .*healthcheck""\]\s*$", RegexOptions.Multiline), dockerfile);
        foreach (var name in AppServices)
            Assert.False(Services[name].TryGetValue("healthcheck", out var check) && check.ToString()!.Contains("/dev/tcp"), $"{name} uses /dev/tcp, which dash lacks");
        Assert.DoesNotContain("/dev/tcp", File.ReadAllText(Path.Combine(Root, "docker-compose.yml")));
    }

    [Fact]
    public void The_data_folder_belongs_to_the_user_the_service_runs_as()
    {
        var lines = File.ReadAllLines(Path.Combine(Root, "deploy", "Dockerfile"));
        var chown = Array.FindIndex(lines, l => Regex.IsMatch(l, @"^RUN .*chown ""?\$APP_UID""? /data"));
        var volume = Array.FindIndex(lines, l => l.StartsWith("VOLUME /data"));
        var user = Array.FindIndex(lines, l => l.StartsWith("USER $APP_UID"));
        Assert.True(chown >= 0 && chown < volume && volume < user, "the Dockerfile must chown /data to $APP_UID before VOLUME, and run as $APP_UID");
        foreach (var name in AppServices)
            Assert.Contains(((List<object>)Services[name]["volumes"]).Cast<string>(), v => v.EndsWith(":/data"));
    }

    [Fact]
    public void Each_service_has_its_own_database_login_and_the_pools_fit_the_server()
    {
        foreach (var name in new[] { "ingest", "enrichment" })
            Assert.Contains($"Username={name};", (string)Environment(name)["ConnectionStrings__Postgres"]);
        foreach (var name in new[] { "search-index", "recommendation" })
            Assert.False(Environment(name).ContainsKey("ConnectionStrings__Postgres"), $"{name} uses no database");
        var init = File.ReadAllText(Path.Combine(Root, "deploy", "postgres", "init-service-users.sh"));
        foreach (var name in new[] { "ingest", "enrichment" })
        {
            Assert.Contains($"CREATE SCHEMA {name} AUTHORIZATION {name}", init);
            Assert.Contains($"ALTER ROLE {name} SET search_path = {name}", init);
        }
        Assert.Contains(((List<object>)Services["postgres"]["volumes"]).Cast<string>(), v => v.Contains("init-service-users.sh:/docker-entrypoint-initdb.d/"));

        var maxConnections = int.Parse(Regex.Match(string.Join(' ', ((List<object>)Services["postgres"]["command"]).Cast<string>()), @"max_connections=(\d+)").Groups[1].Value);
        int Pool(string name) => int.Parse(Regex.Match((string)Environment(name)["ConnectionStrings__Postgres"], @"Maximum Pool Size=(\d+)").Groups[1].Value);
        // One ingest, eight enrichment instances, and ten left for an operator's psql and the server itself.
        Assert.True(Pool("ingest") + 8 * Pool("enrichment") + 10 <= maxConnections, $"pools exceed max_connections {maxConnections}");
    }

    [Fact]
    public void Every_service_seals_its_messages_with_a_secret_the_operator_must_set()
    {
        foreach (var name in AppServices)
            Assert.StartsWith("${MESSAGE_KEY:?", (string)Environment(name)["ContentPipeline__MessageKey"]);
    }

    [Fact]
    public void The_write_door_listens_on_this_machine_only_and_keys_are_given_by_hash()
    {
        Assert.All(((List<object>)Services["ingest"]["ports"]).Cast<string>(), p => Assert.StartsWith("127.0.0.1:", p));
        foreach (var name in new[] { "ingest", "recommendation" })
        {
            Assert.StartsWith("${", (string)Environment(name)["ApiKeys__0__Hash"]);
            Assert.False(Environment(name).ContainsKey("Recommendation__EditorApiKey"));
        }
    }
}
