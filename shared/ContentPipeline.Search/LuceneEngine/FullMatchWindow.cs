using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace ContentPipeline.Search.LuceneEngine;

/// <summary>
/// Whether an article holds every word near one another (<see cref="Queries.SearchRelaxation"/>) is the dearest thing a search
/// asks: the positions of every word in every article that holds them, bodies included — half of a search's CPU
/// (docs/benchmarks.md). So the rest of the query ranks every match first, and only its first <see cref="Size"/> are
/// asked; a full match among them is lifted above every other article of the window. A full match ranked below
/// the window by the rest of the query (title, phrase, pairs of words standing together) stays where that rank puts
/// it: what the first pages show is what the whole query would show there, unless more than a window of articles
/// outrank it without the words near one another.
/// </summary>
/// <remarks>
/// Pages stay one order: every article in the window keeps at least its own score, and the window is the top of the
/// rest by (score, id), so each one sorts before every article after the window, whose scores are left as they are.
/// A cursor into the window reads the same window again (the same snapshot); a cursor past it reads on from there.
/// </remarks>
internal static class FullMatchWindow
{
    /// <summary>How many of the best matches by the rest of the query are asked whether they are full matches.</summary>
    public const int Size = 100;

    /// <summary>
    /// <paramref name="firstByRest"/> (the top matches by the rest of the query, in (score, id) order, no cursor) with
    /// its full matches lifted, in the order of the whole query.
    /// </summary>
    public static List<FieldDoc> Rank(IndexSearcher searcher, ScoreDoc[] firstByRest, Query fullMatch)
    {
        var full = FullMatches(searcher, firstByRest.Select(hit => hit.Doc), fullMatch);
        // Above the window's best by one, not by a constant: float scores of 10,000 and more round the rest's small
        // differences (a long article's score is a few thousandths) into ties.
        var lift = firstByRest.Length == 0 ? 0 : firstByRest.Max(hit => hit.Score) + 1;
        return firstByRest.Cast<FieldDoc>()
            .Select(hit => full.Contains(hit.Doc) ? WithScore(hit, hit.Score + lift) : hit)
            .OrderByDescending(hit => hit.Score)
            .ThenBy(hit => (BytesRef)hit.Fields[1], BytesRef.UTF8SortedAsUnicodeComparer)
            .ToList();
    }

    /// <summary>True when <paramref name="hit"/> comes after <paramref name="cursor"/> in (score descending, id) order.</summary>
    public static bool IsAfter(FieldDoc hit, FieldDoc cursor) =>
        hit.Score < cursor.Score || (hit.Score == cursor.Score && ((BytesRef)hit.Fields[1]).CompareTo((BytesRef)cursor.Fields[1]) > 0);

    private static HashSet<int> FullMatches(IndexSearcher searcher, IEnumerable<int> docs, Query fullMatch)
    {
        var weight = searcher.CreateNormalizedWeight(fullMatch);
        var leaves = searcher.IndexReader.Leaves;
        var full = new HashSet<int>();
        foreach (var inLeaf in docs.GroupBy(doc => ReaderUtil.SubIndex(doc, leaves)))
        {
            var leaf = leaves[inLeaf.Key];
            // Given as the only accepted articles, so the postings pass over the others without reading their positions
            // (advancing to one article would walk on through the others to the next full match).
            var accepted = new FixedBitSet(leaf.AtomicReader.MaxDoc);
            foreach (var doc in inLeaf) accepted.Set(doc - leaf.DocBase);
            var scorer = weight.GetScorer(leaf, accepted);
            if (scorer is null) continue;
            for (var doc = scorer.NextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = scorer.NextDoc())
                full.Add(leaf.DocBase + doc);
        }
        return full;
    }

    private static FieldDoc WithScore(FieldDoc hit, float score) =>
        new(hit.Doc, score, [J2N.Numerics.Single.GetInstance(score), hit.Fields[1]]);
}
