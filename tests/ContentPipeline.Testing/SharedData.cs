using Xunit;

namespace ContentPipeline.Testing;

/// <summary>
/// The workplace's third-party data (../shared/data beside the repository): read from there, never copied in.
/// CI lays it beside the clone too; elsewhere the tests that need it are skipped with the reason.
/// </summary>
public static class SharedData
{
    private static readonly Lazy<string?> Root = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data");
            if (Directory.Exists(Path.Combine(candidate, "corpus"))) return candidate;
        }
        return null;
    });

    public static string File(params string[] parts)
    {
        if (Root.Value is null) Assert.Skip("Needs the shared data folder (../shared/data beside the repository).");
        return Path.Combine([Root.Value!, .. parts]);
    }
}
