using System.Diagnostics;
using System.Text.Json;
using ContentPipeline.Ingest.Articles;
using ContentPipeline.Ingest.Sections;
using ContentPipeline.ServiceDefaults;
using ContentPipeline.ServiceDefaults.Storage;
using Spectre.Console;

namespace ContentPipeline.Ingest.Importing;

/// <summary>What an import did, as the summary shows it.</summary>
public sealed record ImportSummary(int Read, int Created, int Updated, int Unchanged, int Rejected, string? StoppedBecause = null)
{
    public int Accepted => Created + Updated + Unchanged;
}

/// <summary>
/// <c>import &lt;path&gt; [--to URL] [--rejects FILE] [--Key=value …]</c>: files and folders of articles into the store this service is
/// configured with (or a running ingest at URL, with the key in <c>CONTENTPIPELINE_API_KEY</c> or <c>--key</c>), with a
/// progress bar, a summary and a file of rejects with reasons.
/// Importing the same files again changes nothing: unchanged content makes no new version.
/// </summary>
public static class ImportCommand
{
    private const int BatchSize = 500;

    /// <summary>Where the key for a running ingest is read from; an environment variable stays out of shell history.</summary>
    public const string KeyVariable = "CONTENTPIPELINE_API_KEY";

    public static bool Matches(string[] args) => args is ["import", ..];

    public static async Task<int> RunAsync(string[] args, CancellationToken ct = default)
    {
        var configuration = CommandLine.Configuration(args);
        var path = args.Skip(1).FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal));
        if (path is null)
        {
            AnsiConsole.MarkupLine("[red]Usage:[/] import <file-or-folder> [[--to http://ingest-host [[--key KEY]]]] [[--rejects rejects.ndjson]]");
            return 2;
        }
        var to = CommandLine.Option(args, "--to");
        var rejectsFile = Path.GetFullPath(CommandLine.Option(args, "--rejects") ?? "import-rejects.ndjson");

        IReadOnlyList<string> files;
        try { files = ImportSource.Files(path); }
        catch (FileNotFoundException ex)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]{ex.Message}[/]");
            return 2;
        }

        await using var target = to is null ? await LocalTargetAsync(configuration, ct) : new HttpTarget(new Uri(to), CommandLine.Option(args, "--key") ?? Environment.GetEnvironmentVariable(KeyVariable));
        var summary = await ImportAsync(files, File.Exists(path) ? Path.GetDirectoryName(Path.GetFullPath(path))! : path, target, rejectsFile, ct);

        var table = new Table().AddColumns("read", "accepted", "new", "updated", "unchanged", "rejected");
        table.AddRow(summary.Read.ToString("N0"), summary.Accepted.ToString("N0"), summary.Created.ToString("N0"), summary.Updated.ToString("N0"),
            summary.Unchanged.ToString("N0"), summary.Rejected.ToString("N0"));
        AnsiConsole.Write(table);
        if (summary.Rejected > 0) AnsiConsole.MarkupLineInterpolated($"Rejected articles and why: [yellow]{rejectsFile}[/]");
        if (summary.StoppedBecause is { } reason)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]Stopped:[/] {reason}");
            AnsiConsole.MarkupLineInterpolated($"The {summary.Accepted:N0} articles counted above were stored; run the same import again to send the rest (what is stored already does not change).");
            return 1;
        }
        if (to is null) AnsiConsole.MarkupLine("Stored with their events; the pipeline takes them up as soon as the service runs.");
        return summary.Rejected == 0 ? 0 : 1;
    }

    /// <summary>Reads every file, validates each article, stores them in batches; writes rejects as NDJSON.</summary>
    public static async Task<ImportSummary> ImportAsync(IReadOnlyList<string> files, string root, IImportTarget target, string rejectsFile, CancellationToken ct)
    {
        var totalBytes = files.Sum(f => new FileInfo(f).Length);
        int read = 0, created = 0, updated = 0, unchanged = 0, rejected = 0;
        string? stoppedBecause = null;
        var clock = Stopwatch.StartNew();
        await using var rejects = new StreamWriter(rejectsFile);

        async Task Reject(string origin, string? id, string error)
        {
            rejected++;
            await rejects.WriteLineAsync(JsonSerializer.Serialize(new { source = origin, id, error }, ArticleStore.Json));
        }

        await AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async progress =>
            {
                var task = progress.AddTask("Importing", maxValue: Math.Max(1, totalBytes));
                var batch = new List<(string Origin, ValidArticle Article)>(BatchSize);

                async Task Flush()
                {
                    if (batch.Count == 0) return;
                    var result = await target.SubmitAsync(batch.Select(b => b.Article).ToList(), ct);
                    (created, updated, unchanged) = (created + result.Created, updated + result.Updated, unchanged + result.Unchanged);
                    foreach (var (index, error) in result.Rejected) await Reject(batch[index].Origin, batch[index].Article.Id, error);
                    batch.Clear();
                    var rate = (created + updated + unchanged) / Math.Max(0.001, clock.Elapsed.TotalSeconds);
                    task.Description = $"Importing: {read:N0} read, {rate:N0} articles/s";
                }

                try
                {
                    await ReadAll();
                }
                catch (ImportTargetException ex)
                {
                    // What was stored stays stored; the batch in hand and the rest were not sent.
                    stoppedBecause = ex.Message;
                    return;
                }
                task.Value = task.MaxValue;

                async Task ReadAll()
                {
                    foreach (var file in files)
                    {
                        foreach (var item in ImportSource.Read(file, root))
                        {
                            read++;
                            task.Increment(item.Bytes);
                            if (item.Input is null)
                            {
                                await Reject(item.Origin, null, item.Error!);
                                continue;
                            }
                            var (article, errors) = ArticleValidation.Validate(item.Input);
                            if (article is null) await Reject(item.Origin, item.Input.Id, string.Join("; ", errors));
                            else batch.Add((item.Origin, article));
                            if (batch.Count == BatchSize) await Flush();
                        }
                    }
                    await Flush();
                }
            });
        return new ImportSummary(read, created, updated, unchanged, rejected, stoppedBecause);
    }

    private static async Task<IImportTarget> LocalTargetAsync(IConfiguration configuration, CancellationToken ct) =>
        new StoreTarget(await ArticleStore.OpenAsync(Store(configuration), ct,
            SectionNames.Load(configuration.GetSection(IngestOptions.Section).Get<IngestOptions>()?.SectionNamesFile)));

    /// <summary>The store the service is configured with (appsettings.json beside it, environment, --Key=value arguments).</summary>
    public static Database Store(IConfiguration configuration)
    {
        var options = configuration.GetSection(PipelineOptions.Section).Get<PipelineOptions>() ?? new PipelineOptions();
        return Database.FromConfiguration(options, configuration, "ingest");
    }


    /// <summary><c>republish</c>: every published article goes through the pipeline again at its current version (to fill a new index).</summary>
    public static async Task<int> RepublishAsync(string[] args, CancellationToken ct = default)
    {
        var store = Store(CommandLine.Configuration(args));
        await ArticleStore.OpenAsync(store, ct);
        var queued = await Outbox.OutboxRelay.RequeueAsync(store, everything: true, ct);
        AnsiConsole.MarkupLineInterpolated($"Queued {queued:N0} articles at their current version; the running ingest publishes them, and every consumer takes what it does not have.");
        return 0;
    }

}
