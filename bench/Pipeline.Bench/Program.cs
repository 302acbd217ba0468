using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using ContentPipeline.Pipeline.Bench;
using ContentPipeline.Testing;
using Microsoft.Data.Sqlite;
using Npgsql;

// The whole pipeline under load, end to end: unc_dantri replicated under new ids, sent by bulk POST, until every article
// is recommended; per process, the CPU it spent per article and its memory; how many articles wait at each stage and in
// each queue over time; then freshness, quiet and at half the throughput just measured.
//   dotnet run -c Release --project bench/Pipeline.Bench -- [distributed|embedded|both] [copies]
//   dotnet run -c Release --project bench/Pipeline.Bench -- memory [copies]
// distributed: the four services as processes over RabbitMQ and PostgreSQL (CONTENTPIPELINE_TEST_RABBITMQ(_MANAGEMENT) and
// CONTENTPIPELINE_TEST_POSTGRES; when unset, .ci/servers installs and starts both as CI does); embedded: the host as one
// process; both also measure the broker baselines first (raw RabbitMQ.Client and MassTransit, one hop, messages the
// size of the articles). Bounded: 10 minutes of load per mode, 40 probes of at most 10 s each per freshness row.
// memory (default 20 copies, 51,460 articles): distributed only, every process's memory once all are recommended, a
// minute later, and again after the same articles are imported a second time as new versions; 30 minutes per import.
const int Probes = 40;
var mode = args.FirstOrDefault() ?? "both";
var copies = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1;
var records = Records();
// Held back from the load, so every probe is new to every stage: two sets, quiet and under load.
var heldBack = records.Where((_, i) => i % 33 == 0).Take(2 * Probes).ToList();
var loaded = records.Except(heldBack).ToList();
var corpus = Replicated(loaded, copies, "");
Console.WriteLine($"{corpus.Count:N0} articles (unc_dantri less {heldBack.Count} held back for freshness, x {copies}), {Environment.ProcessorCount} cores");
if (mode is "distributed" or "both")
{
    await Servers.EnsureAsync();
    await BrokerBaselines.RunAsync(corpus);
    await Distributed(Run);
}
if (mode is "embedded" or "both") await Embedded();
if (mode is "memory")
{
    await Servers.EnsureAsync();
    await Distributed(Memory);
}
return;

async Task Distributed(Func<Pipeline, Task> measure)
{
    using var data = new TempDirectory();
    var database = await TestServices.PostgresAsync();
    var broker = await TestServices.RabbitMqAsync();
    var settings = new Dictionary<string, string?>
    {
        ["ContentPipeline:Transport"] = "RabbitMq", ["ConnectionStrings:RabbitMq"] = broker,
        ["ContentPipeline:Store"] = "Postgres", ["ConnectionStrings:Postgres"] = database,
        ["ContentPipeline:MessageKey"] = "pipeline-bench", ["RateLimits:Enabled"] = "false",
    };
    var services = new List<(string Name, ServiceProcess Process)>();
    try
    {
        foreach (var service in new[] { "Ingest", "Enrichment", "SearchIndex", "Recommendation" })
            services.Add((service, await ServiceProcess.StartAsync($"ContentPipeline.{service}.dll", data.Sub(service), settings)));
        async Task<long[]> StageCounts(long fromVersion)
        {
            await using var connection = new NpgsqlConnection(database);
            await connection.OpenAsync();
            return await Pipeline.StagesAsync(connection, fromVersion);
        }
        var processes = services.Select(s => (s.Name, Pids: (IReadOnlyList<int>)[s.Process.Id]))
            .Append(("RabbitMQ", ProcStats.PidsOf("beam.smp"))).Append(("PostgreSQL", ProcStats.PidsOf("postgres"))).ToList();
        var queues = Environment.GetEnvironmentVariable(TestServices.RabbitMqManagementVariable) is { Length: > 0 } management
            ? Pipeline.RabbitMqQueues(management, broker) : null;
        await measure(new Pipeline("distributed", services[0].Process.Client, services[2].Process.Client, services[3].Process.Client, StageCounts, queues, processes));
    }
    finally
    {
        foreach (var (_, process) in services) process.Dispose();
    }
}

async Task Embedded()
{
    using var data = new TempDirectory();
    using var host = await ServiceProcess.StartAsync("ContentPipeline.Host.dll", data.Path,
        new Dictionary<string, string?> { ["ContentPipeline:SeedSampleData"] = "false", ["RateLimits:Enabled"] = "false" });
    async Task<long[]> StageCounts(long fromVersion)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(data.Path, "ingest.db")};Mode=ReadOnly");
        await connection.OpenAsync();
        return await Pipeline.StagesAsync(connection, fromVersion);
    }
    await Run(new Pipeline("embedded", host.Client, host.Client, host.Client, StageCounts, null, [("Host", [host.Id])]));
}

/// <summary>
/// Sends everything by bulk POST, waits until every article is recommended, and reports rate, CPU per article, memory
/// and what waited where; then freshness, quiet and at half that rate.
/// </summary>
async Task Run(Pipeline pipeline)
{
    var import = await ImportAsync(pipeline, corpus, fromVersion: 1, TimeSpan.FromMinutes(10));
    var rate = import.Rate;
    import.Print(pipeline);
    PrintTimeline(import.Timeline);

    var idle = await Freshness.ProbeAsync(pipeline, heldBack[..Probes], "idle");
    using var loading = new CancellationTokenSource();
    var load = Freshness.LoadAsync(pipeline.Ingest, Replicated(loaded, copies: 2, "half"), rate / 2, loading.Token);
    var loadClock = Stopwatch.StartNew();
    var busy = await Freshness.ProbeAsync(pipeline, heldBack[Probes..], "half");
    await loading.CancelAsync();
    var sentMeanwhile = await load;
    Console.WriteLine($"\n  freshness, POST 202 → (p50 / p99 of {Probes}) | searchable | in its nearest neighbour's related list (first 10)");
    Console.WriteLine($"  {idle.Row("quiet", Probes)}");
    Console.WriteLine($"  {busy.Row($"{rate / 2:F0} articles/s of load ({sentMeanwhile:N0} sent in {loadClock.Elapsed.TotalSeconds:F0} s)", Probes)}");
}

/// <summary>
/// Memory at scale: every process's RSS once the corpus is recommended and a minute later, then the same after the
/// same articles come again as new versions (each body gains a sentence), which must hold about as much.
/// </summary>
async Task Memory(Pipeline pipeline)
{
    var bound = TimeSpan.FromMinutes(30);
    var first = await ImportAsync(pipeline, corpus, fromVersion: 1, bound);
    first.Print(pipeline);
    var settledFirst = await SettledAsync();
    var again = corpus.Select(line =>
    {
        var record = JsonNode.Parse(line)!.AsObject();
        record["body"] = $"{record["body"]}\nBài viết được cập nhật.";
        return record.ToJsonString();
    }).ToList();
    var second = await ImportAsync(pipeline, again, fromVersion: 2, bound);
    second.Print(pipeline);
    var settledSecond = await SettledAsync();

    Console.WriteLine($"\n  memory (RSS MB) of {corpus.Count:N0} articles | first import: peak, at the end, a minute later | as new versions: peak, at the end, a minute later");
    foreach (var (name, _) in pipeline.Processes)
        Console.WriteLine($"  {name,-16} {first.Peak[name],7:N0} {first.Final[name],7:N0} {settledFirst[name],7:N0} | {second.Peak[name],7:N0} {second.Final[name],7:N0} {settledSecond[name],7:N0}");

    async Task<Dictionary<string, long>> SettledAsync()
    {
        await Task.Delay(TimeSpan.FromMinutes(1));
        return pipeline.Processes.ToDictionary(p => p.Name, p => ResidentMegabytes(p.Pids));
    }
}

/// <summary>
/// Sends <paramref name="lines"/> by bulk POST and waits, at most <paramref name="bound"/>, until every one is
/// recommended at <paramref name="fromVersion"/> or later; meanwhile samples memory, stages and queues every second.
/// </summary>
async Task<Import> ImportAsync(Pipeline pipeline, IReadOnlyList<string> lines, long fromVersion, TimeSpan bound)
{
    var cpuBefore = pipeline.Processes.ToDictionary(p => p.Name, p => ProcStats.CpuMilliseconds(p.Pids));
    var peak = pipeline.Processes.ToDictionary(p => p.Name, _ => 0L);
    var timeline = new List<(TimeSpan At, long[] Stages, IReadOnlyDictionary<string, long> Queues)>();
    var clock = Stopwatch.StartNew();
    using var sampling = new CancellationTokenSource();
    var sampler = Task.Run(async () =>
    {
        while (!sampling.IsCancellationRequested)
        {
            foreach (var (name, pids) in pipeline.Processes) peak[name] = Math.Max(peak[name], ResidentMegabytes(pids));
            timeline.Add((clock.Elapsed, await pipeline.StageCounts(fromVersion), pipeline.QueueDepths is null ? new Dictionary<string, long>() : await pipeline.QueueDepths()));
            try { await Task.Delay(1000, sampling.Token); } catch (OperationCanceledException) { }
        }
    });
    foreach (var batch in lines.Chunk(1_000))
    {
        using var response = await pipeline.Ingest.PostAsync("/api/articles/bulk", new StringContent(string.Join('\n', batch), Encoding.UTF8, "application/x-ndjson"));
        response.EnsureSuccessStatusCode();
    }
    var accepted = clock.Elapsed;
    var deadline = DateTime.UtcNow + bound;
    long done;
    while ((done = (await pipeline.StageCounts(fromVersion))[4]) < lines.Count && DateTime.UtcNow < deadline) await Task.Delay(500);
    var elapsed = clock.Elapsed;
    var cpu = pipeline.Processes.ToDictionary(p => p.Name, p => ProcStats.CpuMilliseconds(p.Pids) - cpuBefore[p.Name]);
    await sampling.CancelAsync();
    await sampler;
    return new Import(lines.Count, done, elapsed, accepted, bound, cpu, peak, pipeline.Processes.ToDictionary(p => p.Name, p => ResidentMegabytes(p.Pids)), timeline);
}

/// <summary>About a dozen rows of the samples: articles standing at each stage, and the deepest consumer queues.</summary>
static void PrintTimeline(List<(TimeSpan At, long[] Stages, IReadOnlyDictionary<string, long> Queues)> timeline)
{
    if (timeline.Count == 0) return;
    var queueNames = timeline.SelectMany(t => t.Queues).GroupBy(q => q.Key).Where(g => g.Max(q => q.Value) > 0)
        .OrderByDescending(g => g.Max(q => q.Value)).Take(4).Select(g => g.Key).ToList();
    Console.WriteLine($"\n  {"t (s)",6} {"submitted",10} {"enriched",9} {"indexed",8} {"recommended",12}" + string.Concat(queueNames.Select(n => $" {n,24}")));
    var step = Math.Max(1, timeline.Count / 12);
    foreach (var (at, stages, queues) in timeline.Where((_, i) => i % step == 0 || i == timeline.Count - 1))
        Console.WriteLine($"  {at.TotalSeconds,6:F0} {stages[1],10:N0} {stages[2],9:N0} {stages[3],8:N0} {stages[4],12:N0}" +
            string.Concat(queueNames.Select(n => $" {queues.GetValueOrDefault(n),24:N0}")));
}

/// <summary>unc_dantri's records as our NDJSON input (the corpus's fields mapped to ours).</summary>
static List<JsonObject> Records()
{
    var file = SharedData.File("corpus", "unc_dantri.jsonl");
    return [.. File.ReadLines(file).Select(l => JsonNode.Parse(l)!.AsObject()).Select(r => new JsonObject
    {
        ["id"] = r["id"]!.GetValue<string>(),
        ["title"] = r["title"]?.GetValue<string>(),
        ["lead"] = r["lead"]?.GetValue<string>(),
        ["body"] = r["body"]!.GetValue<string>(),
        ["category"] = r["category"]?.GetValue<string>(),
        ["publishedAt"] = DateTimeOffset.TryParse(r["published"]?.GetValue<string>(), CultureInfo.InvariantCulture, out var at) ? at.ToString("O") : null,
    })];
}

/// <summary>The records <paramref name="copies"/> times under new ids, one NDJSON line each.</summary>
static List<string> Replicated(IReadOnlyList<JsonObject> records, int copies, string tag) =>
    [.. Enumerable.Range(0, copies).SelectMany(copy => records.Select(r =>
    {
        var line = r.DeepClone().AsObject();
        line["id"] = $"{r["id"]}-{tag}{copy}";
        return line.ToJsonString();
    }))];

static long ResidentMegabytes(IEnumerable<int> pids) => pids.Sum(ServiceProcess.ResidentMegabytes);

/// <summary>One import as <c>ImportAsync</c> watched it: CPU ms and RSS MB per process.</summary>
internal sealed record Import(
    int Sent, long Done, TimeSpan Elapsed, TimeSpan Accepted, TimeSpan Bound,
    IReadOnlyDictionary<string, double> Cpu, IReadOnlyDictionary<string, long> Peak, IReadOnlyDictionary<string, long> Final,
    List<(TimeSpan At, long[] Stages, IReadOnlyDictionary<string, long> Queues)> Timeline)
{
    public double Rate => Done / Elapsed.TotalSeconds;

    public void Print(Pipeline pipeline)
    {
        Console.WriteLine($"\n{pipeline.Mode}: {Done:N0} of {Sent:N0} recommended in {Elapsed.TotalSeconds:F1} s = {Rate:F1} articles/s " +
            $"(all accepted by bulk POST after {Accepted.TotalSeconds:F1} s){(Done < Sent ? $" - STOPPED at the {Bound.TotalMinutes:F0}-minute bound" : "")}");
        Console.WriteLine($"  {"process",-16} {"CPU ms/article",15} {"peak RSS MB",12} {"final RSS MB",13}");
        var total = 0.0;
        foreach (var (name, _) in pipeline.Processes)
        {
            var perArticle = Cpu[name] / Math.Max(1, Done);
            total += perArticle;
            Console.WriteLine($"  {name,-16} {perArticle,15:F2} {Peak[name],12:N0} {Final[name],13:N0}");
        }
        Console.WriteLine($"  {"all",-16} {total,15:F2}   (two cores allow at most {2000 / total:F0} articles/s at this cost)");
    }
}
