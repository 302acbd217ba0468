namespace ContentPipeline.Ingest.Pages;

/// <summary>
/// A cheap look at how deeply a page nests its elements, before a real parser sees it: the HTML parser's work grows
/// with the square of the depth (100,000 nested divs take half a minute), while real pages stay well under 200.
/// </summary>
public static class HtmlNesting
{
    public const int MaxDepth = 2_000;

    // Elements that never hold children, or whose end tag pages usually leave out; counting them would only overestimate.
    private static readonly HashSet<string> Uncounted = new(StringComparer.OrdinalIgnoreCase)
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
        "p", "li", "dt", "dd", "option", "tr", "td", "th", "!doctype",
    };

    /// <summary>The deepest nesting found, stopping early once past <paramref name="limit"/>.</summary>
    public static int Depth(string html, int limit = MaxDepth)
    {
        var depth = 0;
        var deepest = 0;
        var i = 0;
        while ((i = html.IndexOf('<', i)) >= 0 && i + 1 < html.Length)
        {
            if (html.AsSpan(i).StartsWith("<!--"))
            {
                var end = html.IndexOf("-->", i + 4, StringComparison.Ordinal);
                if (end < 0) break;
                i = end + 3;
                continue;
            }
            var closing = html[i + 1] == '/';
            var nameStart = closing ? i + 2 : i + 1;
            var nameEnd = nameStart;
            while (nameEnd < html.Length && (char.IsLetterOrDigit(html[nameEnd]) || html[nameEnd] is '!' or '-')) nameEnd++;
            var tagEnd = html.IndexOf('>', nameEnd);
            if (tagEnd < 0) break;
            var name = html[nameStart..nameEnd];
            i = tagEnd + 1;
            if (name.Length == 0 || Uncounted.Contains(name)) continue;
            if (closing) { depth = Math.Max(0, depth - 1); continue; }
            if (html[tagEnd - 1] == '/') continue; // <x/>
            if (name.Equals("script", StringComparison.OrdinalIgnoreCase) || name.Equals("style", StringComparison.OrdinalIgnoreCase))
            {
                // Their content is text, not markup.
                var end = html.IndexOf($"</{name}", i, StringComparison.OrdinalIgnoreCase);
                if (end < 0) break;
                i = end;
                continue;
            }
            deepest = Math.Max(deepest, ++depth);
            if (deepest > limit) break;
        }
        return deepest;
    }
}
