using System.Buffers.Text;
using System.Text;
using System.Text.Json;

namespace ContentPipeline.Search;

/// <summary>
/// Opaque "search after" cursor: the sort values of the last item served, and the snapshot of the index the first
/// page was read from (a Lucene searcher version, an Elasticsearch point in time). Later pages read the same snapshot
/// while the engine keeps it, so articles that arrive, change or go meanwhile cause neither repeats nor gaps; after
/// that, paging goes on by sort values on the live index.
/// </summary>
public sealed record PageCursor(double? Score, long? PublishedAt, string Id, string? Snapshot = null)
{
    /// <summary>The score to page after, for a page in order of relevance.</summary>
    public double ScoreAfter() => Score ?? throw new InvalidCursorException("The cursor belongs to a listing in another order; start again without it.");

    /// <summary>The publish time to page after, for a page newest first.</summary>
    public long PublishedAfter() => PublishedAt ?? throw new InvalidCursorException("The cursor belongs to a listing in another order; start again without it.");

    public string Encode() => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(this));

    public static PageCursor? Decode(string? cursor)
    {
        if (string.IsNullOrEmpty(cursor)) return null;
        try
        {
            var decoded = JsonSerializer.Deserialize<PageCursor>(Base64Url.DecodeFromChars(cursor))
                ?? throw new InvalidCursorException("The cursor is empty.");
            // Cursors are opaque, not trusted: one that was not made here names no article or carries no usable value.
            if (string.IsNullOrEmpty(decoded.Id) || decoded.Id.Length > 256 || decoded.Score is { } score && !double.IsFinite(score))
                throw new InvalidCursorException("The cursor is not one this API returned; start again without it.");
            return decoded;
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            throw new InvalidCursorException("The cursor is not one this API returned; start again without it.");
        }
    }
}
