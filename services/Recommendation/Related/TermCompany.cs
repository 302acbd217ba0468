using System.Runtime.InteropServices;

namespace ContentPipeline.Recommendation.Related;

/// <summary>
/// The company terms keep: each term known by the terms it shares articles with, so two headlines of one subject lie
/// close with no word in common (their words each meet the same others elsewhere on the site). Learnt from the articles
/// themselves, no labels.
/// </summary>
/// <remarks>
/// Each term is a row of positive pointwise mutual information with every term it meets in an article, contexts
/// smoothed by the power 0.75, reduced to <see cref="Dimensions"/> by truncated SVD and weighted by the square root of
/// the singular values (Levy, Goldberg and Dagan, 2015). An article's place is its weighted terms' vectors summed,
/// measured from the average article. (Taking out also the direction along which articles vary most, as Arora, Liang
/// and Ma do for sentences, moved P@5 by 0.001 in a throw-away model of this on VnExpress, and on a small site of a few
/// even subjects it took out one that told two of them apart.)
/// Where latent semantic analysis (<see cref="TopicSpace"/>) learns from how articles differ, this learns from which
/// terms go together, a pair met in a single article included: on VnExpress's headlines and sapos it lifts P@5 more
/// than anything tried on the topics (docs/benchmarks.md, "Related IV").
/// </remarks>
public sealed class TermCompany
{
    public const int Dimensions = 100;

    /// <summary>A term in fewer of the articles learnt from has too little company to be placed by it.</summary>
    public const int MinDocumentFrequency = 3;

    /// <summary>
    /// An article's heaviest terms counted as keeping company: pairs grow with the square of an article's terms, and a
    /// long article's heaviest say what it is about.
    /// </summary>
    public const int TermsPerArticle = 48;

    /// <summary>
    /// Articles of more terms are not learnt from: the company counts for short articles only
    /// (<see cref="ArticleNeighbours.CompanyWeight"/>), and a long one's pairs cost the most (learning from 30,000 of
    /// unc_dantri's bodies took 33 s instead of 3 in a throw-away build before this limit, measured with
    /// bench/Recommendation.Bench -- recompute).
    /// </summary>
    public const int LongestArticleLearntFrom = 250;

    private const double ContextSmoothing = 0.75;

    private readonly Dictionary<int, int> _rowOf;
    private readonly float[] _termVectors;
    /// <summary>Where the average article lies: places are measured from here, so what all articles share makes no two alike.</summary>
    private readonly float[] _centre = new float[Dimensions];

    private TermCompany(Dictionary<int, int> rowOf, float[] termVectors)
    {
        _rowOf = rowOf;
        _termVectors = termVectors;
    }

    /// <summary>How many terms it places articles by.</summary>
    public int Terms => _rowOf.Count;

    /// <summary>
    /// Learns the terms' company from those of <paramref name="articles"/> of <see cref="LongestArticleLearntFrom"/>
    /// terms at most, over the terms <paramref name="inSpace"/> admits and at least <see cref="MinDocumentFrequency"/>
    /// and at most half of them have; null when no two terms meet.
    /// </summary>
    public static TermCompany? Learn(IEnumerable<TopicSpace.Article> articles, Func<int, bool> inSpace)
    {
        var learntFrom = articles.Where(a => a.Terms.Length <= LongestArticleLearntFrom).ToList();
        var heaviest = learntFrom.Select(a => Heaviest(a, inSpace)).ToArray();
        var frequency = new Dictionary<int, int>();
        foreach (var terms in heaviest)
            foreach (var term in terms) CollectionsMarshal.GetValueRefOrAddDefault(frequency, term, out _)++;
        // At most as many terms as the topics hold, the most frequent; numbered by term id, so the same articles in
        // another order give the same rows.
        var rowOf = frequency.Where(f => f.Value >= MinDocumentFrequency && f.Value * 2 <= learntFrom.Count)
            .OrderByDescending(f => f.Value).ThenBy(f => f.Key).Take(TopicSpace.MaxTerms)
            .Select(f => f.Key).Order().Select((term, row) => (term, row)).ToDictionary(p => p.term, p => p.row);
        var rowsOfArticle = heaviest.Select(terms => terms.Where(rowOf.ContainsKey).Select(t => rowOf[t]).ToArray()).ToArray();
        var matrix = Mutual(rowsOfArticle, rowOf.Count);
        if (matrix is null) return null;
        var termOfRow = new int[rowOf.Count];
        foreach (var (term, row) in rowOf) termOfRow[row] = term;
        var company = new TermCompany(rowOf, TruncatedSvd.ColumnVectors(matrix, Dimensions, row => termOfRow[row], power: 0.5));
        company.Centre(learntFrom);
        return company;
    }

    /// <summary>The article's <see cref="TermsPerArticle"/> heaviest terms that <paramref name="inSpace"/> admits.</summary>
    private static int[] Heaviest(TopicSpace.Article article, Func<int, bool> inSpace) =>
        Enumerable.Range(0, article.Terms.Length)
            .Where(t => article.Weights[t] > 0 && inSpace(article.Terms[t]))
            .OrderByDescending(t => article.Weights[t]).ThenBy(t => article.Terms[t])
            .Take(TermsPerArticle).Select(t => article.Terms[t]).ToArray();

    /// <summary>
    /// The contexts × terms matrix of positive pointwise mutual information, ln(n(t, c) / (n(t) · P₀.₇₅(c))), n counting
    /// the articles two terms meet in; a row per context so that its right singular vectors are the terms'. Null when
    /// no two terms meet.
    /// </summary>
    private static SparseRows? Mutual(int[][] rowsOfArticle, int termCount)
    {
        var articlesOf = new List<int>[termCount];
        for (var t = 0; t < termCount; t++) articlesOf[t] = [];
        var pairs = new double[termCount];
        for (var a = 0; a < rowsOfArticle.Length; a++)
            foreach (var t in rowsOfArticle[a])
            {
                articlesOf[t].Add(a);
                pairs[t] += rowsOfArticle[a].Length - 1;
            }
        var smoothed = pairs.Select(p => Math.Pow(p, ContextSmoothing)).ToArray();
        var smoothedSum = smoothed.Sum();
        if (smoothedSum == 0) return null;
        var rows = new (int[] Columns, float[] Values)[termCount];
        Parallel.For(0, termCount, () => (Counts: new int[termCount], Met: new List<int>()), (context, _, scratch) =>
        {
            var (counts, met) = scratch;
            foreach (var a in articlesOf[context])
                foreach (var t in rowsOfArticle[a])
                    if (t != context && counts[t]++ == 0) met.Add(t);
            // In order of term, so that the same articles in any order give the same matrix to the last bit.
            met.Sort();
            var columns = new List<int>(met.Count);
            var values = new List<float>(met.Count);
            var contextShare = smoothed[context] / smoothedSum;
            foreach (var t in met)
            {
                var mutual = Math.Log(counts[t] / (pairs[t] * contextShare));
                if (mutual > 0)
                {
                    columns.Add(t);
                    values.Add((float)mutual);
                }
                counts[t] = 0;
            }
            met.Clear();
            rows[context] = ([.. columns], [.. values]);
            return scratch;
        }, _ => { });
        return new SparseRows(rows, termCount);
    }

    /// <summary>Finds where the average article lies, from the places of <paramref name="articles"/>.</summary>
    private void Centre(IReadOnlyList<TopicSpace.Article> articles)
    {
        var places = new float[]?[articles.Count];
        Parallel.For(0, articles.Count, i => places[i] = Uncentred(articles[i].Terms, articles[i].Weights));
        var placed = places.OfType<float[]>().ToList();
        foreach (var place in placed) VectorMath.AddScaled(_centre, place, 1f / placed.Count);
    }

    /// <summary>Where an article of these weighted terms lies, of unit length, or null when none of its terms is placed.</summary>
    public float[]? Place(int[] terms, float[] weights)
    {
        if (Uncentred(terms, weights) is not { } place) return null;
        VectorMath.AddScaled(place, _centre, -1);
        var length = MathF.Sqrt(VectorMath.Dot(place, place));
        if (length == 0) return null;
        for (var d = 0; d < Dimensions; d++) place[d] /= length;
        return place;
    }

    private float[]? Uncentred(int[] terms, float[] weights) => VectorMath.WeightedSum(terms, weights, _rowOf, _termVectors, Dimensions);
}
