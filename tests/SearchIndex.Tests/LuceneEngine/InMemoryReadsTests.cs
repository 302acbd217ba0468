using ContentPipeline.Search.LuceneEngine;
using ContentPipeline.Testing;
using Lucene.Net.Store;

namespace ContentPipeline.SearchIndex.Tests.LuceneEngine;

public sealed class InMemoryReadsTests
{
    [Fact]
    public void A_file_written_again_under_its_name_is_read_afresh()
    {
        using var folder = new TempDirectory();
        using var directory = new InMemoryReads(new SimpleFSDirectory(folder.Path), budgetBytes: 1 << 20);
        Write(directory, "_0.si", [1, 2, 3]);
        Assert.Equal([1, 2, 3], Read(directory, "_0.si"));
        directory.DeleteFile("_0.si");
        Write(directory, "_0.si", [4, 5]);
        Assert.Equal([4, 5], Read(directory, "_0.si"));
    }

    [Fact]
    public void Files_beyond_the_budget_are_read_from_disk_with_the_same_bytes()
    {
        using var folder = new TempDirectory();
        using var directory = new InMemoryReads(new SimpleFSDirectory(folder.Path), budgetBytes: 4);
        Write(directory, "small", [1, 2, 3]);
        Write(directory, "large", [9, 8, 7, 6, 5]);
        Assert.Equal([1, 2, 3], Read(directory, "small"));
        Assert.Equal([9, 8, 7, 6, 5], Read(directory, "large"));
        // A clone keeps its own place in the shared bytes.
        using var input = directory.OpenInput("small", IOContext.READ);
        input.Seek(1);
        using var clone = (IndexInput)input.Clone();
        Assert.Equal(2, clone.ReadByte());
        Assert.Equal(2, input.ReadByte());
        Assert.Throws<EndOfStreamException>(() => { clone.ReadByte(); clone.ReadByte(); });
    }

    [Fact]
    public void Stored_fields_are_read_from_disk_and_other_files_from_memory()
    {
        using var folder = new TempDirectory();
        using var directory = new InMemoryReads(new SimpleFSDirectory(folder.Path), budgetBytes: 1 << 20);
        Write(directory, "_0.fdt", [1, 2, 3, 4]);
        Write(directory, "_0.tim", [5, 6]);
        Assert.Equal([1, 2, 3, 4], Read(directory, "_0.fdt"));
        Assert.Equal([5, 6], Read(directory, "_0.tim"));
        Assert.Equal(2, directory.CachedBytes);
    }

    private static void Write(Lucene.Net.Store.Directory directory, string name, byte[] bytes)
    {
        using var output = directory.CreateOutput(name, IOContext.DEFAULT);
        output.WriteBytes(bytes, bytes.Length);
    }

    private static byte[] Read(Lucene.Net.Store.Directory directory, string name)
    {
        using var input = directory.OpenInput(name, IOContext.READ);
        var bytes = new byte[input.Length];
        input.ReadBytes(bytes, 0, bytes.Length);
        return bytes;
    }
}
