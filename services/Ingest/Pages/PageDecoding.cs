using System.Text;
using System.Text.RegularExpressions;

namespace ContentPipeline.Ingest.Pages;

/// <summary>
/// Bytes of a page to text the way browsers decide: the charset the server declared, else a byte order mark, else the
/// page's own &lt;meta charset&gt;, else UTF-8. Older Vietnamese sites still serve windows-1258.
/// </summary>
public static partial class PageDecoding
{
    static PageDecoding() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    [GeneratedRegex(@"<meta[^>]+charset\s*=\s*[""']?\s*(?<charset>[A-Za-z0-9_.:-]+)", RegexOptions.IgnoreCase)]
    private static partial Regex MetaCharset();

    public static string Decode(ReadOnlySpan<byte> bytes, string? declaredCharset)
    {
        var encoding = Named(declaredCharset) ?? FromByteOrderMark(bytes) ?? Named(MetaCharsetOf(bytes)) ?? new UTF8Encoding(false);
        var preamble = encoding.Preamble;
        return encoding.GetString(preamble.Length > 0 && bytes.StartsWith(preamble) ? bytes[preamble.Length..] : bytes);
    }

    /// <summary>The charset a page names in its first kilobytes (where the HTML standard says it must be).</summary>
    private static string? MetaCharsetOf(ReadOnlySpan<byte> bytes)
    {
        var head = Encoding.Latin1.GetString(bytes[..Math.Min(bytes.Length, 4096)]);
        var match = MetaCharset().Match(head);
        return match.Success ? match.Groups["charset"].Value : null;
    }

    private static Encoding? FromByteOrderMark(ReadOnlySpan<byte> bytes) => bytes switch
    {
        [0xEF, 0xBB, 0xBF, ..] => new UTF8Encoding(true),
        [0xFF, 0xFE, ..] => Encoding.Unicode,
        [0xFE, 0xFF, ..] => Encoding.BigEndianUnicode,
        _ => null,
    };

    private static Encoding? Named(string? charset)
    {
        if (string.IsNullOrWhiteSpace(charset)) return null;
        try { return Encoding.GetEncoding(charset.Trim().Trim('"', '\'')); }
        catch (ArgumentException) { return null; }  // an unknown name: let the next source decide
    }
}
