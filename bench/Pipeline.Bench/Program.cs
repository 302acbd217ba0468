using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ContentPipeline.Pipeline.Bench;
using ContentPipeline.Testing;
using Microsoft.Data.Sqlite;
using Npgsql;

// The whole pipeline under load, end to end: unc_dantri replicated under new ids, sent by bulk POST, until every article
// is recommended; per process, the CPU it spent per article and its peak memory.
//   dotnet run -c Release --project bench/Pipeline.Bench -- [distributed|embedded|both] [copies]
// distributed: the four services as processes over RabbitMQ and PostgreSQL (CONTENTPIPELINE_TEST_RABBITMQ(_MANAGEMENT) and
// CONTENTPIPELINE_TEST_POSTGRES, as .ci/run sets them); embedded: the host as one process; both also measure the
// broker baselines first (raw RabbitMQ.Client and MassTransit, one hop, messages the size of the articles). Bounded:
// 10 minutes per mode.
var mode = args.FirstOrDefault() ?? "both";
var copies = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1;
var corpus = Corpus(copies);
Console.WriteLine($"{corpus.Count:N0} articles (unc_dantri x {copies}), {Environment.ProcessorCount} cores");
if (mode is "distributed" or "both") await BrokerBaselines.RunAsync(corpus);
if (mode is "distributed" or "both") await Distributed(corpus);
if (mode is "embedded" or "both") await Embedded(corpus);
return;

static async Task Distributed(IReadOnlyList<string> corpus)
{
    using var data = new TempDirectory();
    var database = await TestServices.PostgresAsync();
    var settings = new Dictionary<string, string?>
    {
        ["ContentPipeline:Transport"] = "RabbitMq", ["ConnectionStrings:RabbitMq"] = await TestServices.RabbitMqAsync(),
        ["ContentPipeline:Store"] = "Postgres", ["ConnectionStrings:Postgres"] = database,
        ["ContentPipeline:MessageKey"] = "pipeline-bench", ["RateLimits:Enabled"] = "false",
    };
    var services = new List<(string Name, ServiceProcess Process)>();
    try
    {
        foreach (var service in new[] { "Ingest", "Enrichment", "SearchIndex", "Recommendation" })
            services.Add((service, await ServiceProcess.StartAsync($"ContentPipeline.{service}.dll", data.Sub(service), settings)));
        async Task<long> Recommended()
        {
            await using var connection = new NpgsqlConnection(database);
            await connection.OpenAsync();
            await using var count = new NpgsqlCommand("SELECT count(*) FROM ingest_articles WHERE stage = 4", connection);
            return (long)(await count.ExecuteScalarAsync())!;
        }
        var processes = services.Select(s => (s.Name, Pids: (IReadOnlyList<int>)[s.Process.Id]))
            .Append(("RabbitMQ", ProcStats.PidsOf("beam.smp"))).Append(("PostgreSQL", ProcStats.PidsOf("postgres"))).ToList();
        await Run("distributed", services[0].Process.Client, corpus, Recommended, processes);
    }
    finally
    {
        foreach (var (_, process) in services) process.Dispose();
    }
}

static async Task Embedded(IReadOnlyList<string> corpus)
{
    using var data = new TempDirectory();
    using var host = await ServiceProcess.StartAsync("ContentPipeline.Host.dll", data.Path,
        new Dictionary<string, string?> { ["ContentPipeline:SeedSampleData"] = "false", ["RateLimits:Enabled"] = "false" });
    async Task<long> Recommended()
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(data.Path, "ingest.db")};Mode=ReadOnly");
        await connection.OpenAsync();
        await using var count = connection.CreateCommand();
        count.CommandText = "SELECT count(*) FROM ingest_articles WHERE stage = 4";
        return (long)(await count.ExecuteScalarAsync())!;
    }
    await Run("embedded", host.Client, corpus, Recommended, [("Host", [host.Id])]);
}

/// <summary>Sends everything by bulk POST, waits until every article is recommended, and reports rate, CPU per article and memory.</summary>
static async Task Run(string mode, HttpClient ingest, IReadOnlyList<string> corpus, Func<Task<long>> recommended, IReadOnlyList<(string Name, IReadOnlyList<int> Pids)> processes)
{
    var cpuBefore = processes.ToDictionary(p => p.Name, p => ProcStats.CpuMilliseconds(p.Pids));
    var peak = processes.ToDictionary(p => p.Name, _ => 0L);
    var clock = Stopwatch.StartNew();
    using var sampling = new CancellationTokenSource();
    var sampler = Task.Run(async () =>
    {
        while (!sampling.IsCancellationRequested)
        {
            foreach (var (name, pids) in processes) peak[name] = Math.Max(peak[name], ResidentMegabytes(pids));
            await Task.Delay(500);
        }
    });
    foreach (var batch in corpus.Chunk(1_000))
    {
        var response = await ingest.PostAsync("/api/articles/bulk", new StringContent(string.Join('\n', batch), Encoding.UTF8, "application/x-ndjson"));
        response.EnsureSuccessStatusCode();
    }
    var accepted = clock.Elapsed;
    var deadline = DateTime.UtcNow.AddMinutes(10);
    long done;
    while ((done = await recommended()) < corpus.Count && DateTime.UtcNow < deadline) await Task.Delay(500);
    var elapsed = clock.Elapsed;
    await sampling.CancelAsync();
    await sampler;

    Console.WriteLine($"\n{mode}: {done:N0} of {corpus.Count:N0} recommended in {elapsed.TotalSeconds:F1} s = {done / elapsed.TotalSeconds:F1} articles/s " +
        $"(all accepted by bulk POST after {accepted.TotalSeconds:F1} s){(done < corpus.Count ? " - STOPPED at the 10-minute bound" : "")}");
    Console.WriteLine($"  {"process",-16} {"CPU ms/article",15} {"peak RSS MB",12} {"final RSS MB",13}");
    var total = 0.0;
    foreach (var (name, pids) in processes)
    {
        var perArticle = (ProcStats.CpuMilliseconds(pids) - cpuBefore[name]) / Math.Max(1, done);
        total += perArticle;
        Console.WriteLine($"  {name,-16} {perArticle,15:F2} {peak[name],12:N0} {ResidentMegabytes(pids),13:N0}");
    }
    Console.WriteLine($"  {"all",-16} {total,15:F2}   (two cores allow at most {2000 / total:F0} articles/s at this cost)");
}

/// <summary>unc_dantri as our NDJSON input, replicated under new ids (the corpus's fields mapped to ours).</summary>
static List<string> Corpus(int copies)
{
    var file = Path.Combine(FindShared(), "data", "corpus", "unc_dantri.jsonl");
    var records = File.ReadLines(file).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
    return [.. Enumerable.Range(0, copies).SelectMany(copy => records.Select(r => new JsonObject
    {
        ["id"] = $"{r["id"]}-{copy}",
        ["title"] = r["title"]?.GetValue<string>(),
        ["lead"] = r["lead"]?.GetValue<string>(),
        ["body"] = r["body"]!.GetValue<string>(),
        ["category"] = r["category"]?.GetValue<string>(),
        ["publishedAt"] = DateTimeOffset.TryParse(r["published"]?.GetValue<string>(), CultureInfo.InvariantCulture, out var at) ? at.ToString("O") : null,
    }.ToJsonString()))];
}

static string FindShared()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        if (Directory.Exists(Path.Combine(dir.FullName, "shared", "data", "corpus"))) return Path.Combine(dir.FullName, "shared");
    throw new DirectoryNotFoundException("../shared/data/corpus beside the repository is needed.");
}

static long ResidentMegabytes(IEnumerable<int> pids) => pids.Sum(ServiceProcess.ResidentMegabytes);
