using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Highlight;

namespace ContentPipeline.Search.LuceneEngine;

/// <summary>
/// Marks query words with &lt;em&gt; in the title and lead as readers see them. Matching runs on folded terms,
/// so "ha noi" highlights "Hà Nội"; the text itself is HTML-escaped.
/// </summary>
internal sealed class LuceneHighlighter
{
    private const string Field = "highlight";
    private readonly VietnameseAnalyzer _folded;
    private readonly Highlighter? _highlighter;

    public LuceneHighlighter(VietnameseAnalyzer folded, IReadOnlyList<string> foldedTerms)
    {
        _folded = folded;
        if (foldedTerms.Count == 0) return;
        var query = new BooleanQuery();
        foreach (var term in foldedTerms.Distinct()) query.Add(new TermQuery(new Term(Field, term)), Occur.SHOULD);
        _highlighter = new Highlighter(new SimpleHTMLFormatter("<em>", "</em>"), new MarkupOnlyEncoder(), new QueryScorer(query, Field))
        {
            TextFragmenter = new NullFragmenter(),
        };
    }

    public IReadOnlyDictionary<string, IReadOnlyList<string>> Highlight(IndexedArticle article)
    {
        var result = new Dictionary<string, IReadOnlyList<string>>();
        if (_highlighter is null) return result;
        Add(result, "title", article.Title);
        Add(result, "lead", article.Lead);
        return result;
    }

    private void Add(Dictionary<string, IReadOnlyList<string>> result, string name, string? text)
    {
        if (string.IsNullOrEmpty(text)) return;
        var fragment = _highlighter!.GetBestFragment(_folded.GetTokenStream(Field, text), text);
        if (fragment is not null) result[name] = [fragment];
    }
}

/// <summary>Escapes only what HTML needs escaped; Lucene's encoder also turns every Vietnamese letter into an entity.</summary>
internal sealed class MarkupOnlyEncoder : IEncoder
{
    public string EncodeText(string originalText) => originalText
        .Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\"", "&quot;");
}
