using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using ContentPipeline.Ingest.Api;
using ContentPipeline.Ingest.Articles;
using ContentPipeline.ServiceDefaults.Storage;
using ContentPipeline.Testing;
using Microsoft.Data.Sqlite;

// Bulk ingest of unc_dantri x10 (ids suffixed) into the embedded store with its outbox, next to a raw batched
// SQLite insert of the same rows, in one run. Usage: dotnet run -c Release --project bench/Ingest.Bench [-- path/to/unc_dantri.jsonl]
const int Copies = 10, BatchSize = 500, Rounds = 3;
var corpus = args.FirstOrDefault() ?? FindCorpus();
var lines = File.ReadAllLines(corpus).Where(l => l.Length > 0).ToList();
var inputs = Enumerable.Range(0, Copies).SelectMany(copy => lines.Select(line =>
{
    var input = JsonSerializer.Deserialize<ArticleInput>(line.Replace("\"published\":", "\"publishedAt\":"), ArticleStore.Json)!;
    return input with { Id = $"{input.Id}-r{copy}" };
})).ToList();
Console.WriteLine($"{inputs.Count:N0} articles ({lines.Count:N0} x {Copies}) from {corpus}; {Environment.ProcessorCount} cores; best of {Rounds} rounds");

var store = Best(() => StoreRun(inputs));
var raw = Best(() => RawInsert(inputs));
var ndjson = Path.GetTempFileName();
File.WriteAllLines(ndjson, inputs.Select(i => JsonSerializer.Serialize(i, ArticleStore.Json)));
var runs = Enumerable.Range(0, Rounds).Select(_ => HttpRun(ndjson, inputs.Count)).ToList();
var http = runs.Max(r => r.Rate);
File.Delete(ndjson);
Console.WriteLine();
Console.WriteLine("| path | articles/s | ratio to raw insert |");
Console.WriteLine("| --- | ---: | ---: |");
Console.WriteLine($"| raw batched SQLite insert (id, content JSON) | {raw:N0} | 1.00 |");
Console.WriteLine($"| ArticleStore: validate, version, store + outbox | {store:N0} | {store / raw:F2} |");
Console.WriteLine($"| POST /api/articles/bulk, ingest in its own process | {http:N0} | {http / raw:F2} |");
Console.WriteLine($"Peak RSS of the ingest process during the bulk request: {runs.Max(r => r.PeakMb):N0} MB");

static double Best(Func<double> run) => Enumerable.Range(0, Rounds).Select(_ => run()).Max();

static double StoreRun(List<ArticleInput> inputs)
{
    var folder = Directory.CreateTempSubdirectory("ingest-bench-").FullName;
    var store = ArticleStore.OpenAsync(Database.Sqlite(Path.Combine(folder, "ingest.db")), default).GetAwaiter().GetResult();
    var clock = Stopwatch.StartNew();
    foreach (var chunk in inputs.Chunk(BatchSize))
        store.SubmitAsync(chunk.Select(i => ArticleValidation.Validate(i).Article!).ToList(), default).GetAwaiter().GetResult();
    var rate = inputs.Count / clock.Elapsed.TotalSeconds;
    Console.WriteLine($"  store + outbox: {rate:N0} articles/s");
    SqliteConnection.ClearAllPools();
    Directory.Delete(folder, true);
    return rate;
}

static double RawInsert(List<ArticleInput> inputs)
{
    var folder = Directory.CreateTempSubdirectory("ingest-bench-raw-").FullName;
    using var connection = new SqliteConnection($"Data Source={Path.Combine(folder, "raw.db")}");
    connection.Open();
    using (var setup = connection.CreateCommand())
    {
        setup.CommandText = "PRAGMA journal_mode=WAL; CREATE TABLE articles (id TEXT PRIMARY KEY, content TEXT NOT NULL);";
        setup.ExecuteNonQuery();
    }
    var clock = Stopwatch.StartNew();
    foreach (var chunk in inputs.Chunk(BatchSize))
    {
        using var tx = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO articles (id, content) VALUES ($id, $content)";
        var id = insert.Parameters.Add("$id", SqliteType.Text);
        var content = insert.Parameters.Add("$content", SqliteType.Text);
        foreach (var input in chunk)
        {
            id.Value = input.Id;
            content.Value = JsonSerializer.Serialize(input, ArticleStore.Json);
            insert.ExecuteNonQuery();
        }
        tx.Commit();
    }
    var rate = inputs.Count / clock.Elapsed.TotalSeconds;
    Console.WriteLine($"  raw insert: {rate:N0} articles/s");
    connection.Close();
    SqliteConnection.ClearAllPools();
    Directory.Delete(folder, true);
    return rate;
}

/// <summary>The ingest service as its own process, fed the NDJSON file over HTTP; its peak RSS is read from /proc.</summary>
static (double Rate, long PeakMb) HttpRun(string ndjson, int count)
{
    var folder = Directory.CreateTempSubdirectory("ingest-bench-http-").FullName;
    var port = 5600 + Random.Shared.Next(300);
    var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
    foreach (var arg in (string[])[Path.Combine(AppContext.BaseDirectory, "ContentPipeline.Ingest.dll"), $"--urls=http://127.0.0.1:{port}",
        $"--ContentPipeline:DataDirectory={folder}", "--Serilog:MinimumLevel:Default=Warning", "--RateLimits:Enabled=false",
        .. TestKeys.Settings().Select(s => $"--{s.Key}={s.Value}")]) start.ArgumentList.Add(arg);
    using var ingest = Process.Start(start)!;
    ingest.OutputDataReceived += (_, _) => { };
    ingest.ErrorDataReceived += (_, _) => { };
    ingest.BeginOutputReadLine();
    ingest.BeginErrorReadLine();
    using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromMinutes(10) }.WithKey();
    for (var i = 0; i < 100 && !Ready(http); i++) Thread.Sleep(200);

    var clock = Stopwatch.StartNew();
    using var body = File.OpenRead(ndjson);
    var response = http.PostAsync("/api/articles/bulk", new StreamContent(body) { Headers = { ContentType = new("application/x-ndjson") } }).GetAwaiter().GetResult();
    var result = response.Content.ReadFromJsonAsync<BulkResponse>(ArticleStore.Json).GetAwaiter().GetResult()!;
    var rate = result.Accepted / clock.Elapsed.TotalSeconds;
    var peak = PeakRssMb(ingest.Id);
    Console.WriteLine($"  HTTP bulk into the ingest process: {rate:N0} articles/s ({result.Accepted:N0} of {count:N0} accepted), peak RSS {peak:N0} MB");
    ingest.Kill(entireProcessTree: true);
    ingest.WaitForExit();
    Directory.Delete(folder, true);
    return (rate, peak);
}

static bool Ready(HttpClient http)
{
    try { return http.GetAsync("/health/ready").GetAwaiter().GetResult().IsSuccessStatusCode; }
    catch (HttpRequestException) { return false; }
}

static long PeakRssMb(int pid) =>
    long.Parse(File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmHWM:")).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024;

static string FindCorpus()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        var candidate = Path.Combine(dir.FullName, "shared", "data", "corpus", "unc_dantri.jsonl");
        if (File.Exists(candidate)) return candidate;
    }
    throw new FileNotFoundException("unc_dantri.jsonl not found; pass its path as the first argument.");
}
