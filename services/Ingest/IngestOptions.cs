using System.ComponentModel.DataAnnotations;

namespace ContentPipeline.Ingest;

/// <summary>The "Ingest" configuration section.</summary>
public sealed class IngestOptions
{
    public const string Section = "Ingest";

    /// <summary>Largest NDJSON body POST /api/articles/bulk accepts, in bytes.</summary>
    [Range(1, long.MaxValue)]
    public long MaxBulkBytes { get; set; } = 512L * 1024 * 1024;

    /// <summary>
    /// The operator's copy of section-names.json (display name of each section, and the codes sources use for it);
    /// unset, the map shipped inside the service.
    /// </summary>
    public string? SectionNamesFile { get; set; }
}
