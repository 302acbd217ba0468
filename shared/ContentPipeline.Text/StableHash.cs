namespace ContentPipeline.Text;

/// <summary>
/// A 64-bit hash of text that is the same in every process and run (FNV-1a over its UTF-16 units), where
/// <see cref="string.GetHashCode()"/> changes from one process to the next.
/// </summary>
public static class StableHash
{
    private const ulong Offset = 14695981039346656037UL, Prime = 1099511628211UL;

    public static ulong Of(string text) => Extend(Offset, text);

    /// <summary>The hash of the text hashed so far followed by <paramref name="more"/>: Of("ab") = Extend(Of("a"), "b").</summary>
    public static ulong Extend(ulong hash, ReadOnlySpan<char> more)
    {
        foreach (var c in more) hash = (hash ^ c) * Prime;
        return hash;
    }
}
