using System.Text;
using Lucene.Net.Analysis.TokenAttributes;

namespace ContentPipeline.Search.LuceneEngine;

/// <summary>
/// Marks query words with &lt;em&gt; in the title and lead as readers see them. Matching runs on folded terms,
/// so "ha noi" highlights "Hà Nội"; the text itself is HTML-escaped.
/// </summary>
/// <remarks>
/// A walk over the text's tokens, not Lucene's Highlighter: that one scores and fragments the text first, which took a
/// sixth of a search's CPU for two short fields (docs/benchmarks.md, issue 18).
/// </remarks>
internal sealed class LuceneHighlighter(VietnameseAnalyzer folded, IReadOnlyList<string> foldedTerms)
{
    private const string Field = "highlight";
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _terms =
        new HashSet<string>(foldedTerms, StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

    public IReadOnlyDictionary<string, IReadOnlyList<string>> Highlight(IndexedArticle article)
    {
        var result = new Dictionary<string, IReadOnlyList<string>>();
        if (_terms.Set.Count == 0) return result;
        Add(result, "title", article.Title);
        Add(result, "lead", article.Lead);
        return result;
    }

    private void Add(Dictionary<string, IReadOnlyList<string>> result, string name, string? text)
    {
        if (string.IsNullOrEmpty(text)) return;
        if (Mark(text) is { } marked) result[name] = [marked];
    }

    /// <summary>The text HTML-escaped with each word the query looks for in &lt;em&gt;; null when it holds none.</summary>
    private string? Mark(string text)
    {
        StringBuilder? html = null;
        var written = 0;
        using var stream = folded.GetTokenStream(Field, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            if (!_terms.Contains(term.Buffer.AsSpan(0, term.Length))) continue;
            html ??= new StringBuilder(text.Length + 32);
            Encode(html, text.AsSpan(written, offset.StartOffset - written));
            Encode(html.Append("<em>"), text.AsSpan(offset.StartOffset, offset.EndOffset - offset.StartOffset));
            html.Append("</em>");
            written = offset.EndOffset;
        }
        stream.End();
        if (html is null) return null;
        Encode(html, text.AsSpan(written));
        return html.ToString();
    }

    /// <summary>Escapes only what HTML needs escaped, leaving Vietnamese letters as they are.</summary>
    private static void Encode(StringBuilder html, ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            switch (c)
            {
                case '&': html.Append("&amp;"); break;
                case '<': html.Append("&lt;"); break;
                case '>': html.Append("&gt;"); break;
                case '"': html.Append("&quot;"); break;
                default: html.Append(c); break;
            }
        }
    }
}
