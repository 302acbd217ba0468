using System.Numerics;
using ContentPipeline.Text;

namespace ContentPipeline.Recommendation.Related;

/// <summary>
/// The site's latent topics (latent semantic analysis): the few directions along which its articles' TF-IDF vectors
/// vary most, learnt from the articles themselves, no labels. An article is placed in this space by its terms, so two
/// articles on one subject lie close even when they share few words, where a match on words alone can cross into the
/// next section.
/// </summary>
/// <remarks>
/// The directions are the top right singular vectors of the articles × terms matrix, found by randomized subspace
/// iteration (Halko, Martinsson and Tropp, 2011): a few passes over the matrix, each a product with a block of
/// <see cref="Dimensions"/> + <see cref="Oversampling"/> vectors, then a small symmetric eigenproblem. An article's
/// place is the sum of its weighted terms' vectors (the usual "folding in"), so placing a new article is one pass over
/// its terms; the space itself is learnt again as the site changes (<see cref="ArticleNeighbours.TopicsDue"/>).
/// bench/Recommendation.Bench -- quality measures what it adds to the words' cosine.
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

    private const int Oversampling = 10;
    private const int PowerIterations = 3;

    private readonly Dictionary<int, int> _rowOf;
    private readonly float[] _termVectors;
    /// <summary>
    /// Where the average article lies. Places are measured from here, as in principal component analysis, so what all
    /// of the site's articles share does not make any two of them alike.
    /// </summary>
    private readonly float[] _centre = new float[Dimensions];

    private TopicSpace(Dictionary<int, int> rowOf, float[] termVectors)
    {
        _rowOf = rowOf;
        _termVectors = termVectors;
    }

    /// <summary>One article as the learning sees it: its term ids and their TF-IDF weights, and a key for its random start.</summary>
    public readonly record struct Article(string Id, int[] Terms, float[] Weights);

    /// <summary>
    /// Learns the space from <paramref name="articles"/>, over the terms <paramref name="inSpace"/> admits, and places
    /// them in it (in their order). The random start of each article comes from its id, so the same articles give the
    /// same space, up to rounding, whatever order they come in.
    /// </summary>
    public static (TopicSpace Space, TopicPlace?[] Places) Learn(IReadOnlyList<Article> articles, Func<int, bool> inSpace, int maxTerms = MaxTerms)
    {
        var (matrix, rowOf) = Matrix(articles, MostFrequent(articles, inSpace, maxTerms));
        // A random block on the articles' side, made orthonormal, turned towards the strongest directions by applying
        // A Aᵀ a few times; then Aᵀ of it holds what the terms' vectors are made from.
        const int width = Dimensions + Oversampling;
        var basis = new float[articles.Count * width];
        for (var i = 0; i < articles.Count; i++)
        {
            var random = new Random((int)StableHash.Of(articles[i].Id));
            for (var c = 0; c < width; c++) basis[i * width + c] = (float)(random.NextDouble() * 2 - 1);
        }
        Orthonormalise(basis, width);
        var projected = new float[rowOf.Count * width];
        for (var pass = 0; pass < PowerIterations; pass++)
        {
            matrix.TransposeTimes(basis, projected, width);
            matrix.Times(projected, basis, width);
            Orthonormalise(basis, width);
        }
        matrix.TransposeTimes(basis, projected, width);
        var space = new TopicSpace(rowOf, TermVectors(projected, rowOf.Count, width));
        var uncentred = new float[]?[articles.Count];
        Parallel.For(0, articles.Count, i => uncentred[i] = space.Uncentred(articles[i].Terms, articles[i].Weights));
        foreach (var place in uncentred)
            if (place is not null)
                for (var d = 0; d < Dimensions; d++) space._centre[d] += place[d] / articles.Count;
        return (space, uncentred.Select(space.Centred).ToArray());
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

    /// <summary>
    /// The terms' vectors from <paramref name="projected"/> = Aᵀ Q (Q the converged basis) = V Σ Wᵀ: the eigenvectors W
    /// of its Gram matrix give V = (Aᵀ Q) W Σ⁻¹, strongest first.
    /// </summary>
    private static float[] TermVectors(float[] projected, int termCount, int width)
    {
        var (eigenvalues, eigenvectors) = SymmetricEigen(Gram(projected, termCount, width));
        var strongest = Enumerable.Range(0, width).OrderByDescending(i => eigenvalues[i]).Take(Dimensions).ToArray();
        // W Σ⁻¹ over the strongest, a row per column of the block, so each term's vector is a sum of rows.
        var mix = new float[width * Dimensions];
        for (var a = 0; a < width; a++)
            for (var d = 0; d < Dimensions; d++)
                if (eigenvalues[strongest[d]] > 0)
                    mix[a * Dimensions + d] = (float)(eigenvectors[a, strongest[d]] / Math.Sqrt(eigenvalues[strongest[d]]));
        var termVectors = new float[termCount * Dimensions];
        Parallel.For(0, termCount, t =>
        {
            var target = termVectors.AsSpan(t * Dimensions, Dimensions);
            for (var a = 0; a < width; a++) AddScaled(target, mix.AsSpan(a * Dimensions, Dimensions), projected[t * width + a]);
        });
        return termVectors;
    }

    /// <summary>Bᵀ B of a row-major block <paramref name="width"/> wide, in doubles: it sums hundreds of thousands of rows.</summary>
    private static double[,] Gram(float[] block, int rows, int width)
    {
        var gram = new double[width, width];
        var gate = new object();
        Parallel.For(0, Environment.ProcessorCount, () => new double[width * width], (share, _, sum) =>
        {
            for (var r = share * rows / Environment.ProcessorCount; r < (share + 1) * rows / Environment.ProcessorCount; r++)
            {
                var row = block.AsSpan(r * width, width);
                for (var a = 0; a < width; a++)
                {
                    if (row[a] == 0) continue;
                    for (var b = a; b < width; b++) sum[a * width + b] += (double)row[a] * row[b];
                }
            }
            return sum;
        }, sum =>
        {
            lock (gate)
                for (var a = 0; a < width; a++)
                    for (var b = a; b < width; b++) gram[a, b] = gram[b, a] += sum[a * width + b];
        });
        return gram;
    }

    /// <summary>Where an article of these weighted terms lies, or null when none of its terms is in the space.</summary>
    public TopicPlace? Place(int[] terms, float[] weights) => Centred(Uncentred(terms, weights));

    private TopicPlace? Centred(float[]? place)
    {
        if (place is null) return null;
        for (var d = 0; d < Dimensions; d++) place[d] -= _centre[d];
        var broad = MathF.Sqrt(Dot(place.AsSpan(0, BroadDimensions), place.AsSpan(0, BroadDimensions)));
        var all = MathF.Sqrt(Dot(place, place));
        return broad == 0 ? null : new TopicPlace(place, broad, all);
    }

    /// <summary>The article's terms' vectors summed by their weights, the weights first scaled as the learning saw them.</summary>
    private float[]? Uncentred(int[] terms, float[] weights)
    {
        var place = new float[Dimensions];
        var squares = 0f;
        for (var t = 0; t < terms.Length; t++)
        {
            if (weights[t] <= 0 || !_rowOf.TryGetValue(terms[t], out var row)) continue;
            squares += weights[t] * weights[t];
            AddScaled(place, _termVectors.AsSpan(row * Dimensions, Dimensions), weights[t]);
        }
        if (squares == 0) return null;
        var norm = MathF.Sqrt(squares);
        for (var d = 0; d < Dimensions; d++) place[d] /= norm;
        return place;
    }

    /// <summary>
    /// How close two places are, over the broad topics and over all: cosines, 0 when either place is missing or they
    /// point apart.
    /// </summary>
    public static (float Broad, float Fine) Similarity(TopicPlace? a, TopicPlace? b)
    {
        if (a is null || b is null) return (0, 0);
        var broad = Dot(a.Vector.AsSpan(0, BroadDimensions), b.Vector.AsSpan(0, BroadDimensions));
        var fine = broad + Dot(a.Vector.AsSpan(BroadDimensions), b.Vector.AsSpan(BroadDimensions));
        return (Math.Max(broad / (a.BroadNorm * b.BroadNorm), 0), Math.Max(fine / (a.Norm * b.Norm), 0));
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
            AddScaled(average, other.Vector, 1 / other.Norm);
            count++;
        }
        if (count == 0) return null;
        var drawn = new float[Dimensions];
        AddScaled(drawn, place.Vector, 1 / place.Norm);
        AddScaled(drawn, average, weight / count);
        var broad = MathF.Sqrt(Dot(drawn.AsSpan(0, BroadDimensions), drawn.AsSpan(0, BroadDimensions)));
        return broad == 0 ? null : new TopicPlace(drawn, broad, MathF.Sqrt(Dot(drawn, drawn)));
    }

    private static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var sum = 0f;
        for (var d = 0; d < a.Length; d++) sum += a[d] * b[d];
        return sum;
    }

    /// <summary><paramref name="target"/> += <paramref name="scale"/> · <paramref name="source"/>, several numbers at a time.</summary>
    private static void AddScaled(Span<float> target, ReadOnlySpan<float> source, float scale)
    {
        var i = 0;
        for (; i <= target.Length - Vector<float>.Count; i += Vector<float>.Count)
            (new Vector<float>(target[i..]) + new Vector<float>(source[i..]) * scale).CopyTo(target[i..]);
        for (; i < target.Length; i++) target[i] += scale * source[i];
    }

    /// <summary>Modified Gram–Schmidt over the columns of a row-major matrix <paramref name="width"/> wide.</summary>
    private static void Orthonormalise(float[] matrix, int width)
    {
        var height = matrix.Length / width;
        for (var c = 0; c < width; c++)
        {
            for (var p = 0; p < c; p++)
            {
                var dot = 0.0;
                for (var r = 0; r < height; r++) dot += matrix[r * width + c] * matrix[r * width + p];
                for (var r = 0; r < height; r++) matrix[r * width + c] -= (float)dot * matrix[r * width + p];
            }
            var norm = 0.0;
            for (var r = 0; r < height; r++) norm += matrix[r * width + c] * matrix[r * width + c];
            norm = Math.Sqrt(norm);
            if (norm == 0) continue;
            for (var r = 0; r < height; r++) matrix[r * width + c] = (float)(matrix[r * width + c] / norm);
        }
    }

    /// <summary>Eigenvalues and eigenvectors (as columns) of a small symmetric matrix, by cyclic Jacobi rotations.</summary>
    private static (double[] Values, double[,] Vectors) SymmetricEigen(double[,] symmetric)
    {
        var n = symmetric.GetLength(0);
        var a = (double[,])symmetric.Clone();
        var v = new double[n, n];
        for (var i = 0; i < n; i++) v[i, i] = 1;
        for (var sweep = 0; sweep < 100; sweep++)
        {
            var off = 0.0;
            var diagonal = 0.0;
            for (var p = 0; p < n; p++)
            {
                diagonal += a[p, p] * a[p, p];
                for (var q = p + 1; q < n; q++) off += a[p, q] * a[p, q];
            }
            if (off <= 1e-24 * diagonal) break;
            for (var p = 0; p < n; p++)
                for (var q = p + 1; q < n; q++)
                {
                    if (a[p, q] == 0) continue;
                    var theta = (a[q, q] - a[p, p]) / (2 * a[p, q]);
                    var t = (theta >= 0 ? 1 : -1) / (Math.Abs(theta) + Math.Sqrt(theta * theta + 1));
                    var cos = 1 / Math.Sqrt(t * t + 1);
                    var sin = t * cos;
                    for (var k = 0; k < n; k++)
                    {
                        var (kp, kq) = (a[k, p], a[k, q]);
                        a[k, p] = cos * kp - sin * kq;
                        a[k, q] = sin * kp + cos * kq;
                    }
                    for (var k = 0; k < n; k++)
                    {
                        var (pk, qk) = (a[p, k], a[q, k]);
                        a[p, k] = cos * pk - sin * qk;
                        a[q, k] = sin * pk + cos * qk;
                    }
                    for (var k = 0; k < n; k++)
                    {
                        var (kp, kq) = (v[k, p], v[k, q]);
                        v[k, p] = cos * kp - sin * kq;
                        v[k, q] = sin * kp + cos * kq;
                    }
                }
        }
        return (Enumerable.Range(0, n).Select(i => a[i, i]).ToArray(), v);
    }

    /// <summary>
    /// The articles × terms matrix, one sparse row per article. Both products run on every core, each core taking a
    /// share of the block's columns, so no two write the same number.
    /// </summary>
    private sealed class SparseRows((int[] Columns, float[] Values)[] rows, int columnCount)
    {
        /// <summary>result (articles × width) = A · block (terms × width).</summary>
        public void Times(float[] block, float[] result, int width) =>
            ByColumns(width, (from, to) =>
            {
                for (var i = 0; i < rows.Length; i++)
                {
                    var (columns, values) = rows[i];
                    var target = result.AsSpan(i * width + from, to - from);
                    target.Clear();
                    for (var j = 0; j < columns.Length; j++) AddScaled(target, block.AsSpan(columns[j] * width + from, to - from), values[j]);
                }
            });

        /// <summary>result (terms × width) = Aᵀ · block (articles × width).</summary>
        public void TransposeTimes(float[] block, float[] result, int width) =>
            ByColumns(width, (from, to) =>
            {
                for (var t = 0; t < columnCount; t++) result.AsSpan(t * width + from, to - from).Clear();
                for (var i = 0; i < rows.Length; i++)
                {
                    var (columns, values) = rows[i];
                    var source = block.AsSpan(i * width + from, to - from);
                    for (var j = 0; j < columns.Length; j++) AddScaled(result.AsSpan(columns[j] * width + from, to - from), source, values[j]);
                }
            });

        private static void ByColumns(int width, Action<int, int> work)
        {
            var shares = Math.Min(Environment.ProcessorCount, width);
            Parallel.For(0, shares, s => work(s * width / shares, (s + 1) * width / shares));
        }
    }
}

/// <summary>An article's place among the topics, measured from the average article, with its length over the broad topics and over all.</summary>
public sealed record TopicPlace(float[] Vector, float BroadNorm, float Norm);
