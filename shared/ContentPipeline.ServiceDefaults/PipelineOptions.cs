using System.ComponentModel.DataAnnotations;

namespace ContentPipeline.ServiceDefaults;

/// <summary>The "ContentPipeline" configuration section: which parts a service runs on.</summary>
public sealed class PipelineOptions
{
    public const string Section = "ContentPipeline";

    /// <summary>Where local state lives (SQLite files, Lucene indexes, logs). Relative paths are relative to the working directory.</summary>
    [Required]
    public string DataDirectory { get; set; } = "data";

    /// <summary>Message transport: in-process (embedded mode) or RabbitMQ (distributed mode).</summary>
    public TransportKind Transport { get; set; } = TransportKind.InMemory;

    /// <summary>Relational store: SQLite files in <see cref="DataDirectory"/>, or PostgreSQL.</summary>
    public StoreKind Store { get; set; } = StoreKind.Sqlite;

    /// <summary>Search engine: Lucene.Net on local disk, or Elasticsearch.</summary>
    public SearchEngineKind SearchEngine { get; set; } = SearchEngineKind.Lucene;

    /// <summary>How many times a failing message is retried before it is parked in the endpoint's error queue.</summary>
    [Range(0, 20)]
    public int MessageRetryLimit { get; set; } = 5;

    /// <summary>Messages each endpoint takes and handles at once (and, on RabbitMQ, its prefetch).</summary>
    [Range(1, 1000)]
    public int ConsumerConcurrency { get; set; } = 64;

    /// <summary>
    /// How long stopping may take: no new message is taken once stopping begins, and what consumers hold is finished
    /// within this time; the rest waits on the broker (or, in the embedded mode, is queued again at the next start).
    /// </summary>
    public TimeSpan ShutdownGrace { get; set; } = TimeSpan.FromSeconds(10);

    public string ResolveDataPath(params string[] parts) =>
        Path.GetFullPath(Path.Combine([DataDirectory, .. parts]));
}

public enum TransportKind { InMemory, RabbitMq }

public enum StoreKind { Sqlite, Postgres }

public enum SearchEngineKind { Lucene, Elasticsearch }
