using System.Runtime.CompilerServices;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace ContentPipeline.Search.LuceneEngine;

/// <summary>
/// What a hit shows, read from stored fields once per document. A segment never changes once written (an update
/// deletes the old document and adds one elsewhere), so an entry stays right for as long as its segment lives, and
/// goes with it. Reading stored fields decompresses a block per document, a fifth of a search's time before this.
/// </summary>
internal sealed class ArticleCache
{
    private readonly ConditionalWeakTable<object, IndexedArticle?[]> _segments = new();

    public IndexedArticle Get(IndexSearcher searcher, int docId)
    {
        var leaves = searcher.IndexReader.Leaves;
        var leaf = leaves[ReaderUtil.SubIndex(docId, leaves)];
        var reader = leaf.AtomicReader;
        var articles = _segments.GetValue(reader.CoreCacheKey, _ => new IndexedArticle?[reader.MaxDoc]);
        var doc = docId - leaf.DocBase;
        // Two readers may fill one slot at once; both write the same article.
        return Volatile.Read(ref articles[doc]) ?? (articles[doc] = LuceneFields.ToArticle(reader.Document(doc)));
    }
}
