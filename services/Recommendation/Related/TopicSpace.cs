using ContentPipeline.Text;

namespace ContentPipeline.Recommendation.Related;

/// <summary>
/// The site's latent topics (latent semantic analysis): the few directions along which its articles' TF-IDF vectors
/// vary most, learnt from the articles themselves, no labels. An article is placed in this space by its terms, so two
/// articles on one subject lie close even when they share few words, where a match on words alone can cross into the
/// next section.
/// </summary>
/// <remarks>
/// The directions are the top right singular vectors of the articles × terms matrix (<see cref="TruncatedSvd"/>). An article's
/// place is the sum of its weighted terms' vectors (the usual "folding in"), so placing a new article is one pass over
/// its terms; the space itself is learnt again as the site changes (<see cref="ArticleNeighbours.TopicsDue"/>).
/// bench/Recommendation.Bench -- quality measures what it adds to the words' cosine. Learnt with it from the same
/// articles, the company its terms keep (<see cref="TermCompany"/>) places an article a second way.
/// </remarks>
public sealed class TopicSpace
{
    /// <summary>Topics kept. The first <see cref="BroadDimensions"/> are about a news site's sections; the rest split them finer.</summary>
    public const int Dimensions = 60;

    /// <summary>The strongest topics, which alone say which part of the site an article belongs to.</summary>
    public const int BroadDimensions = 20;

    /// <summary>A term found in fewer articles says little about a topic, and leaving it out keeps the space small.</summary>
    public const int MinDocumentFrequency = 5;

    /// <summary>
    /// Terms the space holds at most, those in most of the articles it is learnt from: each costs a vector of
    /// <see cref="Dimensions"/> floats, and on a large site hundreds of thousands pass <see cref="MinDocumentFrequency"/>
    /// (every term of unc_dantri copied 20 times, some 0.3 million by the term dictionary in a gcdump: about 75 MB, issue 16), most of them rare pairs that say
    /// little about a topic. An article still places by every term it has in the space.
    /// </summary>
    public const int MaxTerms = 100_000;

    private readonly Dictionary<int, int> _rowOf;
    private readonly float[] _termVectors;
    private readonly TermCompany? _company;
    /// <summary>
    /// Where the average article lies. Places are measured from here, as in principal component analysis, so what all
    /// of the site's articles share does not make any two of them alike.
    /// </summary>
    private readonly float[] _centre = new float[Dimensions];

    private TopicSpace(Dictionary<int, int> rowOf, float[] termVectors, TermCompany? company)
    {
        _rowOf = rowOf;
        _termVectors = termVectors;
        _company = company;
    }

    /// <summary>One article as the learning sees it: its term ids and their TF-IDF weights, and a key for its random start.</summary>
    public readonly record struct Article(string Id, int[] Terms, float[] Weights);

    /// <summary>
    /// Learns the space from <paramref name="articles"/>, over the terms <paramref name="inSpace"/> admits, and the
    /// company of the terms <paramref name="inCompany"/> admits (by default the same), and places them in it (in their
    /// order). The topics are learnt from the first <paramref name="topicsFrom"/> articles, the company from all. The
    /// random start of each article comes from its id, so the same articles give the same space, up to rounding,
    /// whatever order they come in.
    /// </summary>
    public static (TopicSpace Space, TopicPlace?[] Places) Learn(IReadOnlyList<Article> articles, Func<int, bool> inSpace, int maxTerms = MaxTerms,
        Func<int, bool>? inCompany = null, int topicsFrom = int.MaxValue)
    {
        var learntFrom = articles.Take(topicsFrom).ToList();
        var (matrix, rowOf) = Matrix(learntFrom, MostFrequent(learntFrom, inSpace, maxTerms));
        var space = new TopicSpace(rowOf, TruncatedSvd.ColumnVectors(matrix, Dimensions, i => (int)StableHash.Of(learntFrom[i].Id), power: 0),
            TermCompany.Learn(articles, inCompany ?? inSpace));
        var uncentred = new float[]?[articles.Count];
        Parallel.For(0, articles.Count, i => uncentred[i] = space.Uncentred(articles[i].Terms, articles[i].Weights));
        foreach (var place in uncentred)
            if (place is not null)
                for (var d = 0; d < Dimensions; d++) space._centre[d] += place[d] / articles.Count;
        return (space, uncentred.Select((place, i) => space.Centred(place, articles[i].Terms, articles[i].Weights)).ToArray());
    }

    /// <summary>How many terms the space holds.</summary>
    public int Terms => _rowOf.Count;

    /// <summary>Of the terms <paramref name="inSpace"/> admits, the <paramref name="maxTerms"/> in most articles (ties by id, so the same articles give the same terms).</summary>
    private static Func<int, bool> MostFrequent(IReadOnlyList<Article> articles, Func<int, bool> inSpace, int maxTerms)
    {
        var frequency = new Dictionary<int, int>();
        foreach (var article in articles)
            for (var t = 0; t < article.Terms.Length; t++)
                if (article.Weights[t] > 0 && inSpace(article.Terms[t]))
                    System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(frequency, article.Terms[t], out _)++;
        if (frequency.Count <= maxTerms) return inSpace;
        var kept = frequency.OrderByDescending(f => f.Value).ThenBy(f => f.Key).Take(maxTerms).Select(f => f.Key).ToHashSet();
        return kept.Contains;
    }

    /// <summary>The articles × terms matrix, rows normalised to unit length as the cosine sees them, terms renumbered densely.</summary>
    private static (SparseRows Matrix, Dictionary<int, int> RowOf) Matrix(IReadOnlyList<Article> articles, Func<int, bool> inSpace)
    {
        var rowOf = new Dictionary<int, int>();
        var rows = new (int[] Columns, float[] Values)[articles.Count];
        for (var i = 0; i < articles.Count; i++)
        {
            var (_, terms, weights) = articles[i];
            var columns = new List<int>(terms.Length);
            var values = new List<float>(terms.Length);
            for (var t = 0; t < terms.Length; t++)
            {
                if (weights[t] <= 0 || !inSpace(terms[t])) continue;
                if (!rowOf.TryGetValue(terms[t], out var column)) rowOf[terms[t]] = column = rowOf.Count;
                columns.Add(column);
                values.Add(weights[t]);
            }
            var norm = MathF.Sqrt(values.Sum(v => v * v));
            rows[i] = ([.. columns], [.. values.Select(v => v / norm)]);
        }
        return (new SparseRows(rows, rowOf.Count), rowOf);
    }

    /// <summary>Where an article of these weighted terms lies, or null when none of its terms is in the space.</summary>
    public TopicPlace? Place(int[] terms, float[] weights) => Centred(Uncentred(terms, weights), terms, weights);

    private TopicPlace? Centred(float[]? place, int[] terms, float[] weights)
    {
        if (place is null) return null;
        for (var d = 0; d < Dimensions; d++) place[d] -= _centre[d];
        var broad = MathF.Sqrt(VectorMath.Dot(place.AsSpan(0, BroadDimensions), place.AsSpan(0, BroadDimensions)));
        var all = MathF.Sqrt(VectorMath.Dot(place, place));
        return broad == 0 ? null : new TopicPlace(place, broad, all, _company?.Place(terms, weights));
    }

    /// <summary>The article's terms' vectors summed by their weights, the weights first scaled as the learning saw them.</summary>
    private float[]? Uncentred(int[] terms, float[] weights) => VectorMath.WeightedSum(terms, weights, _rowOf, _termVectors, Dimensions);

    /// <summary>
    /// How close two places are, over the broad topics, over all, and by the company their terms keep: cosines, 0 when
    /// either place is missing or they point apart.
    /// </summary>
    public static (float Broad, float Fine, float Company) Similarity(TopicPlace? a, TopicPlace? b)
    {
        if (a is null || b is null) return (0, 0, 0);
        var broad = VectorMath.Dot(a.Vector.AsSpan(0, BroadDimensions), b.Vector.AsSpan(0, BroadDimensions));
        var fine = broad + VectorMath.Dot(a.Vector.AsSpan(BroadDimensions), b.Vector.AsSpan(BroadDimensions));
        var company = a.Company is null || b.Company is null ? 0 : VectorMath.Dot(a.Company, b.Company);
        return (Math.Max(broad / (a.BroadNorm * b.BroadNorm), 0), Math.Max(fine / (a.Norm * b.Norm), 0), Math.Max(company, 0));
    }

    /// <summary>
    /// <paramref name="place"/> drawn towards the average of <paramref name="nearest"/> (each of unit length, the average
    /// counting <paramref name="weight"/> times the place's own unit length); null when the place or every one of
    /// them is missing.
    /// </summary>
    public static TopicPlace? Towards(TopicPlace? place, IEnumerable<TopicPlace?> nearest, float weight)
    {
        if (place is null) return null;
        var average = new float[Dimensions];
        var count = 0;
        foreach (var other in nearest)
        {
            if (other is null) continue;
            VectorMath.AddScaled(average, other.Vector, 1 / other.Norm);
            count++;
        }
        if (count == 0) return null;
        var drawn = new float[Dimensions];
        VectorMath.AddScaled(drawn, place.Vector, 1 / place.Norm);
        VectorMath.AddScaled(drawn, average, weight / count);
        var broad = MathF.Sqrt(VectorMath.Dot(drawn.AsSpan(0, BroadDimensions), drawn.AsSpan(0, BroadDimensions)));
        return broad == 0 ? null : new TopicPlace(drawn, broad, MathF.Sqrt(VectorMath.Dot(drawn, drawn)), place.Company);
    }

}

/// <summary>
/// An article's place among the topics, measured from the average article, with its length over the broad topics and
/// over all, and its place by the company its terms keep (<see cref="TermCompany"/>, unit length; null when none of its
/// terms has any).
/// </summary>
public sealed record TopicPlace(float[] Vector, float BroadNorm, float Norm, float[]? Company = null);
