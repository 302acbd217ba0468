using System.Buffers.Text;
using System.Text;
using System.Text.Json;

namespace ContentPipeline.Search;

/// <summary>
/// Opaque "search after" cursor: the sort values of the last item served. Paging by sort values instead
/// of offsets means articles that arrive meanwhile cause neither repeats nor gaps.
/// </summary>
public sealed record PageCursor(double? Score, long? PublishedAt, string Id)
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
