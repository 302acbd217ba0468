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
    public string Encode() => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(this));

    public static PageCursor? Decode(string? cursor)
    {
        if (string.IsNullOrEmpty(cursor)) return null;
        try
        {
            return JsonSerializer.Deserialize<PageCursor>(Base64Url.DecodeFromChars(cursor))
                ?? throw new InvalidCursorException("The cursor is empty.");
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            throw new InvalidCursorException("The cursor is not one this API returned; start again without it.");
        }
    }
}
