using System.Collections.Concurrent;
using Lucene.Net.Index;
using Lucene.Net.Store;

namespace ContentPipeline.Search.LuceneEngine;

/// <summary>
/// Reads each index file into memory once and serves searches from there; writes still go to disk. Lucene never
/// changes a file after writing it (only "segments*" names are reused, and deleted first), so a copy stays right
/// until the file is deleted. On Lucene.NET 4.8 every disk read is a locked 1 KB refill, two thirds of a search's
/// time on a 35,000-article index; memory-mapped files are slower still there (apache/lucenenet#1151). Files beyond
/// <paramref name="budgetBytes"/> in all are read from disk as before, and so are stored fields (".fdt"), a third of
/// an index and most of a lookup index: they are read a document at a time, for the hits a search shows (which
/// ArticleCache then keeps) and once at start, so holding them cost a process a third of its memory (issue 16) for
/// little speed. Small segments pack every file into one compound file, which is still read into memory.
/// </summary>
internal sealed class InMemoryReads(Lucene.Net.Store.Directory disk, long budgetBytes) : FilterDirectory(disk)
{
    private const string StoredFields = ".fdt";
    private readonly ConcurrentDictionary<string, byte[]> _files = new(StringComparer.Ordinal);
    private long _cachedBytes;

    public override IndexInput OpenInput(string name, IOContext context)
    {
        // Merges read each file once, front to back: no gain in keeping it.
        if (name.StartsWith(IndexFileNames.SEGMENTS, StringComparison.Ordinal) || context.Context == IOContext.UsageContext.MERGE
            || name.EndsWith(StoredFields, StringComparison.Ordinal))
            return base.OpenInput(name, context);
        if (_files.TryGetValue(name, out var bytes)) return new ByteArrayInput(name, bytes);

        var length = base.FileLength(name);
        if (Interlocked.Add(ref _cachedBytes, length) > budgetBytes || length > Array.MaxLength)
        {
            Interlocked.Add(ref _cachedBytes, -length);
            return base.OpenInput(name, context);
        }
        bytes = new byte[length];
        using (var input = base.OpenInput(name, context)) input.ReadBytes(bytes, 0, bytes.Length);
        if (!_files.TryAdd(name, bytes)) Interlocked.Add(ref _cachedBytes, -length);
        return new ByteArrayInput(name, _files[name]);
    }

    /// <summary>How many bytes of index files are held in memory.</summary>
    public long CachedBytes => Interlocked.Read(ref _cachedBytes);

    public override void DeleteFile(string name)
    {
        Forget(name);
        base.DeleteFile(name);
    }

    public override IndexOutput CreateOutput(string name, IOContext context)
    {
        Forget(name);
        return base.CreateOutput(name, context);
    }

    private void Forget(string name)
    {
        if (_files.TryRemove(name, out var bytes)) Interlocked.Add(ref _cachedBytes, -bytes.Length);
    }

    /// <summary>A file's bytes; clones share them, each with its own position.</summary>
    private sealed class ByteArrayInput(string name, byte[] bytes) : IndexInput($"memory({name})")
    {
        private int _position;

        public override long Position => _position;

        public override long Length => bytes.Length;

        public override void Seek(long pos)
        {
            if (pos < 0 || pos > bytes.Length) throw new EndOfStreamException($"seek to {pos} in {this} of {bytes.Length} bytes");
            _position = (int)pos;
        }

        public override byte ReadByte()
        {
            if (_position >= bytes.Length) throw new EndOfStreamException($"read past the end of {this}");
            return bytes[_position++];
        }

        public override void ReadBytes(byte[] b, int offset, int len)
        {
            if (len > bytes.Length - _position) throw new EndOfStreamException($"read past the end of {this}");
            Buffer.BlockCopy(bytes, _position, b, offset, len);
            _position += len;
        }

        public override object Clone() => new ByteArrayInput(name, bytes) { _position = _position };

        protected override void Dispose(bool disposing) { }
    }
}
