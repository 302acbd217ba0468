using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace ContentPipeline.Search.LuceneEngine;

/// <summary>
/// Counts matching documents per category, segment by segment, from the category doc values, and passes the hits on
/// to <paramref name="hits"/> — only those of <paramref name="category"/> when one is chosen. One pass over the matches
/// gives both the page and the facet counts of every category, so a reader can switch sections.
/// </summary>
internal sealed class CategoryCounter(ICollector hits, string? category) : ICollector
{
    private readonly Dictionary<string, long> _counts = new(StringComparer.Ordinal);
    private SortedDocValues? _values;
    private int[] _segmentCounts = [];
    private int _chosenOrd = -1;

    public bool AcceptsDocsOutOfOrder => hits.AcceptsDocsOutOfOrder;

    public void SetScorer(Scorer scorer) => hits.SetScorer(scorer);

    public void SetNextReader(AtomicReaderContext context)
    {
        Flush();
        hits.SetNextReader(context);
        _values = context.AtomicReader.GetSortedDocValues(LuceneFields.CategoryFacet);
        _segmentCounts = _values is null ? [] : new int[_values.ValueCount];
        _chosenOrd = category is null || _values is null ? -1 : _values.LookupTerm(new BytesRef(category));
    }

    public void Collect(int doc)
    {
        var ord = _values?.GetOrd(doc) ?? -1;
        if (ord >= 0) _segmentCounts[ord]++;
        if (category is null || (ord == _chosenOrd && ord >= 0)) hits.Collect(doc);
    }

    public IReadOnlyDictionary<string, long> Counts()
    {
        Flush();
        return _counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).ToDictionary();
    }

    private void Flush()
    {
        if (_values is null) return;
        var term = new BytesRef();
        for (var ord = 0; ord < _segmentCounts.Length; ord++)
        {
            if (_segmentCounts[ord] == 0) continue;
            _values.LookupOrd(ord, term);
            var name = term.Utf8ToString();
            _counts[name] = _counts.GetValueOrDefault(name) + _segmentCounts[ord];
        }
        _values = null;
    }
}
