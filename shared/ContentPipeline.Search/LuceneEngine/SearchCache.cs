using System.Collections.Concurrent;

namespace ContentPipeline.Search.LuceneEngine;

/// <summary>
/// First pages of searches on the index as it is now: a query many readers send (a story of the day, a section's
/// name) is answered once per index change. Every write makes a new reader with a new version, so a page read
/// before it is never served after it; the entries of older versions are dropped when a newer one is first seen.
/// </summary>
internal sealed class SearchCache(int capacity)
{
    private readonly ConcurrentDictionary<(long ReaderVersion, SearchQuery Query), SearchResults> _pages = new();
    private long _newestVersion = -1;
    private long _hits;
    // Counted here: ConcurrentDictionary.Count takes every lock of the dictionary, a queue for all searches at once.
    private int _count;

    /// <summary>How many searches were answered from the cache: for tests and the benchmark.</summary>
    public long Hits => Interlocked.Read(ref _hits);

    public SearchResults GetOrSearch(long readerVersion, SearchQuery query, Func<SearchResults> search)
    {
        if (query.Cursor is not null) return search();
        var key = (readerVersion, query);
        if (_pages.TryGetValue(key, out var cached))
        {
            Interlocked.Increment(ref _hits);
            return cached;
        }
        var results = search();
        var newest = Interlocked.Read(ref _newestVersion);
        if (readerVersion > newest && Interlocked.CompareExchange(ref _newestVersion, readerVersion, newest) == newest)
            foreach (var old in _pages.Keys.Where(k => k.ReaderVersion < readerVersion))
                if (_pages.TryRemove(old, out _)) Interlocked.Decrement(ref _count);
        // Full: start again rather than keep the first queries of a long quiet spell forever. (A page added while
        // another search clears may be miscounted; the count is a bound, and the next clear sets it right.)
        if (Volatile.Read(ref _count) >= capacity)
        {
            _pages.Clear();
            Volatile.Write(ref _count, 0);
        }
        if (readerVersion >= Interlocked.Read(ref _newestVersion) && _pages.TryAdd(key, results)) Interlocked.Increment(ref _count);
        return results;
    }
}
