using System.Text;
using Lucene.Net.Analysis.TokenAttributes;

namespace ContentPipeline.Search.LuceneEngine;

/// <summary>
/// Marks query words with &lt;em&gt; in the title and lead as readers see them. Matching runs on folded terms,
/// so "ha noi" highlights "Hà Nội"; the text itself is HTML-escaped. A word of one syllable is marked wherever it
/// stands; a form of several (a name's spelling, a quoted phrase, words typed joined) only where its syllables stand
/// together in order, so "tphcm" marks "thành phố Hồ Chí Minh" but not "mình" or "hoàn thành" elsewhere.
/// </summary>
/// <remarks>
/// A walk over the text's tokens, not Lucene's Highlighter: that one scores and fragments the text first, which took a
/// sixth of a search's CPU for two short fields (docs/benchmarks.md, issue 18).
/// </remarks>
internal sealed class LuceneHighlighter
{
    private const string Field = "highlight";
    private readonly VietnameseAnalyzer _folded;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _alone = new HashSet<string>(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
    // Forms of several syllables by their first, longest first.
    private readonly Dictionary<string, List<IReadOnlyList<string>>> _runs = new(StringComparer.Ordinal);

    /// <param name="forms">Every form of every query word, folded (<see cref="Queries.QueryPlan.HighlightForms"/>).</param>
    public LuceneHighlighter(VietnameseAnalyzer folded, IEnumerable<IReadOnlyList<string>> forms)
    {
        _folded = folded;
        foreach (var form in forms)
        {
            if (form.Count == 1) _alone.Set.Add(form[0]);
            else if (form.Count > 1) (_runs.TryGetValue(form[0], out var runs) ? runs : _runs[form[0]] = []).Add(form);
        }
        foreach (var runs in _runs.Values) runs.Sort((a, b) => b.Count.CompareTo(a.Count));
    }

    public IReadOnlyDictionary<string, IReadOnlyList<string>> Highlight(IndexedArticle article)
    {
        var result = new Dictionary<string, IReadOnlyList<string>>();
        if (_alone.Set.Count == 0 && _runs.Count == 0) return result;
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
        // Most queries have no form of several syllables: their words are marked as the tokens go by, nothing kept.
        var tokens = _runs.Count == 0 ? null : new List<(string Term, int Start, int End)>();
        var alone = new List<(int Start, int End)>();
        using (var stream = _folded.GetTokenStream(Field, text))
        {
            var term = stream.AddAttribute<ICharTermAttribute>();
            var offset = stream.AddAttribute<IOffsetAttribute>();
            stream.Reset();
            while (stream.IncrementToken())
            {
                if (_alone.Contains(term.Buffer.AsSpan(0, term.Length))) alone.Add((offset.StartOffset, offset.EndOffset));
                tokens?.Add((term.ToString(), offset.StartOffset, offset.EndOffset));
            }
            stream.End();
        }
        // In text order, each token once (a syllable may stand alone in the query and in a form of several).
        var marked = tokens is null ? alone : [.. alone.Concat(InRuns(tokens)).Distinct().OrderBy(m => m.Start)];
        if (marked.Count == 0) return null;

        var html = new StringBuilder(text.Length + 32);
        var written = 0;
        foreach (var (start, end) in marked)
        {
            Encode(html, text.AsSpan(written, start - written));
            Encode(html.Append("<em>"), text.AsSpan(start, end - start));
            html.Append("</em>");
            written = end;
        }
        Encode(html, text.AsSpan(written));
        return html.ToString();
    }

    /// <summary>The tokens where a form of several syllables stands whole, its longest form at each place.</summary>
    private IEnumerable<(int Start, int End)> InRuns(List<(string Term, int Start, int End)> tokens)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            if (!_runs.TryGetValue(tokens[i].Term, out var runs)) continue;
            var at = i;
            var run = runs.FirstOrDefault(r => at + r.Count <= tokens.Count && Enumerable.Range(1, r.Count - 1).All(k => tokens[at + k].Term == r[k]));
            for (var k = 0; k < (run?.Count ?? 0); k++) yield return (tokens[i + k].Start, tokens[i + k].End);
        }
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
