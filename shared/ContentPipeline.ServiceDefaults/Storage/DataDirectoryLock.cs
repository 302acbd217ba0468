using System.Diagnostics;

namespace ContentPipeline.ServiceDefaults.Storage;

/// <summary>
/// One process per data directory: two would write the same Lucene index and SQLite files and then disagree. Held as
/// an exclusive lock on <c>.lock</c> for the life of the process (the system lets go of it if the process dies);
/// who holds it is written beside it, so a second start can say which process to stop.
/// </summary>
public sealed class DataDirectoryLock : IDisposable
{
    private readonly FileStream _lock;

    private DataDirectoryLock(FileStream held) => _lock = held;

    public static DataDirectoryLock Acquire(string directory, string service)
    {
        Directory.CreateDirectory(directory);
        var lockFile = Path.Combine(directory, ".lock");
        var ownerFile = Path.Combine(directory, ".lock.owner");
        FileStream held;
        try
        {
            held = new FileStream(lockFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            var owner = File.Exists(ownerFile) ? File.ReadAllText(ownerFile).Trim() : "another process";
            throw new StartupRefusedException(
                $"The data directory {directory} is in use by {owner}. Stop that process, or give this one another " +
                "ContentPipeline:DataDirectory (--ContentPipeline:DataDirectory=…).");
        }
        using var process = Process.GetCurrentProcess();
        File.WriteAllText(ownerFile, $"{service} (process {Environment.ProcessId}, started {process.StartTime:u} on {Environment.MachineName})");
        return new DataDirectoryLock(held);
    }

    public void Dispose() => _lock.Dispose();
}
