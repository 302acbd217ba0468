using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace ContentPipeline.Search.LuceneEngine;

/// <summary>Counts matching documents per category, segment by segment, from the category doc values.</summary>
internal sealed class CategoryCounter : ICollector
{
    private readonly Dictionary<string, long> _counts = new(StringComparer.Ordinal);
    private SortedDocValues? _values;
    private int[] _segmentCounts = [];

    public bool AcceptsDocsOutOfOrder => true;

    public void SetScorer(Scorer scorer) { }

    public void SetNextReader(AtomicReaderContext context)
    {
        Flush();
        _values = context.AtomicReader.GetSortedDocValues(LuceneFields.CategoryFacet);
        _segmentCounts = _values is null ? [] : new int[_values.ValueCount];
    }

    public void Collect(int doc)
    {
        var ord = _values?.GetOrd(doc) ?? -1;
        if (ord >= 0) _segmentCounts[ord]++;
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
