using System.Numerics;

namespace ContentPipeline.Recommendation.Related;

/// <summary>
/// The strongest right singular vectors of a sparse matrix, by randomized subspace iteration (Halko, Martinsson and
/// Tropp, 2011): a few passes over the matrix, each a product with a block of as many vectors as asked for and
/// <see cref="Oversampling"/> more, then a small symmetric eigenproblem.
/// </summary>
internal static class TruncatedSvd
{
    private const int Oversampling = 10;
    private const int PowerIterations = 3;

    /// <summary>
    /// The <paramref name="dimensions"/> strongest right singular vectors of <paramref name="matrix"/>, a row of them
    /// per column, each scaled by its singular value to the power <paramref name="power"/> (0: unit vectors). Each row's
    /// random start comes from <paramref name="seedOfRow"/>, so the same rows give the same vectors, up to rounding,
    /// whatever order they come in.
    /// </summary>
    public static float[] ColumnVectors(SparseRows matrix, int dimensions, Func<int, int> seedOfRow, double power, int powerIterations = PowerIterations)
    {
        // A random block on the rows' side, made orthonormal, turned towards the strongest directions by applying
        // A Aᵀ a few times; then Aᵀ of it holds what the columns' vectors are made from.
        var width = dimensions + Oversampling;
        var basis = new float[matrix.RowCount * width];
        for (var i = 0; i < matrix.RowCount; i++)
        {
            var random = new Random(seedOfRow(i));
            for (var c = 0; c < width; c++) basis[i * width + c] = (float)(random.NextDouble() * 2 - 1);
        }
        Orthonormalise(basis, width);
        var projected = new float[matrix.ColumnCount * width];
        for (var pass = 0; pass < powerIterations; pass++)
        {
            matrix.TransposeTimes(basis, projected, width);
            matrix.Times(projected, basis, width);
            Orthonormalise(basis, width);
        }
        matrix.TransposeTimes(basis, projected, width);
        return ColumnVectors(projected, matrix.ColumnCount, width, dimensions, power);
    }

    /// <summary>
    /// The columns' vectors from <paramref name="projected"/> = Aᵀ Q (Q the converged basis) = V Σ Wᵀ: the eigenvectors W
    /// of its Gram matrix give V Σᵖ = (Aᵀ Q) W Σᵖ⁻¹, strongest first (its eigenvalues are σ²).
    /// </summary>
    private static float[] ColumnVectors(float[] projected, int termCount, int width, int dimensions, double power)
    {
        var (eigenvalues, eigenvectors) = SymmetricEigen(Gram(projected, termCount, width));
        var strongest = Enumerable.Range(0, width).OrderByDescending(i => eigenvalues[i]).Take(dimensions).ToArray();
        // W Σᵖ⁻¹ over the strongest, a row per column of the block, so each term's vector is a sum of rows.
        var mix = new float[width * dimensions];
        for (var a = 0; a < width; a++)
            for (var d = 0; d < dimensions; d++)
                if (eigenvalues[strongest[d]] > 0)
                    mix[a * dimensions + d] = (float)(eigenvectors[a, strongest[d]] * Math.Pow(eigenvalues[strongest[d]], (power - 1) / 2));
        var termVectors = new float[termCount * dimensions];
        Parallel.For(0, termCount, t =>
        {
            var target = termVectors.AsSpan(t * dimensions, dimensions);
            for (var a = 0; a < width; a++) VectorMath.AddScaled(target, mix.AsSpan(a * dimensions, dimensions), projected[t * width + a]);
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

    /// <summary>
    /// Modified Gram–Schmidt over the columns of a row-major matrix <paramref name="width"/> wide. The columns are copied
    /// out first, each contiguous: walked in place, every number read is a row apart from the last, and over the
    /// company's tens of thousands of rows that made learning the topics of VnExpress's headlines and sapos take 25.9 s
    /// instead of 18.5 (docs/benchmarks.md, "Related V").
    /// </summary>
    private static void Orthonormalise(float[] matrix, int width)
    {
        const double DependentColumn = 1e-4;
        var height = matrix.Length / width;
        var columns = new float[width][];
        Parallel.For(0, width, c =>
        {
            var column = columns[c] = new float[height];
            for (var r = 0; r < height; r++) column[r] = matrix[r * width + c];
        });
        for (var c = 0; c < width; c++)
        {
            var column = columns[c];
            var before = Math.Sqrt(VectorMath.LongDot(column, column));
            for (var p = 0; p < c; p++) VectorMath.AddScaled(column, columns[p], (float)-VectorMath.LongDot(column, columns[p]));
            var norm = Math.Sqrt(VectorMath.LongDot(column, column));
            // A column the ones before already span (a matrix of lower rank than the block is wide: a small site) leaves
            // only rounding, which made a unit vector would be noise at no right angle to the rest: it is dropped.
            if (norm <= DependentColumn * before)
            {
                Array.Clear(column);
                continue;
            }
            for (var r = 0; r < height; r++) column[r] = (float)(column[r] / norm);
        }
        Parallel.For(0, height, r =>
        {
            for (var c = 0; c < width; c++) matrix[r * width + c] = columns[c][r];
        });
    }

    /// <summary>Eigenvalues and eigenvectors (as columns) of a small symmetric matrix, by cyclic Jacobi rotations.</summary>
    public static (double[] Values, double[,] Vectors) SymmetricEigen(double[,] symmetric)
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
}

/// <summary>Small dense vector sums, several numbers at a time.</summary>
internal static class VectorMath
{
    /// <summary>
    /// The vectors of <paramref name="terms"/> (a row of <paramref name="dimensions"/> in <paramref name="vectors"/> for
    /// each term <paramref name="rowOf"/> knows) summed by their weights, the weights first scaled to unit length as the
    /// learning saw them; null when none is known.
    /// </summary>
    public static float[]? WeightedSum(int[] terms, float[] weights, Dictionary<int, int> rowOf, float[] vectors, int dimensions)
    {
        var sum = new float[dimensions];
        var squares = 0f;
        for (var t = 0; t < terms.Length; t++)
        {
            if (weights[t] <= 0 || !rowOf.TryGetValue(terms[t], out var row)) continue;
            squares += weights[t] * weights[t];
            AddScaled(sum, vectors.AsSpan(row * dimensions, dimensions), weights[t]);
        }
        if (squares == 0) return null;
        var norm = MathF.Sqrt(squares);
        for (var d = 0; d < dimensions; d++) sum[d] /= norm;
        return sum;
    }

    public static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var sum = 0f;
        for (var d = 0; d < a.Length; d++) sum += a[d] * b[d];
        return sum;
    }

    /// <summary>Σ a·b over long vectors, several numbers at a time, summed in doubles: tens of thousands of terms.</summary>
    public static double LongDot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var (low, high) = (Vector<double>.Zero, Vector<double>.Zero);
        var i = 0;
        for (; i <= a.Length - Vector<float>.Count; i += Vector<float>.Count)
        {
            Vector.Widen(new Vector<float>(a[i..]), out var aLow, out var aHigh);
            Vector.Widen(new Vector<float>(b[i..]), out var bLow, out var bHigh);
            low += aLow * bLow;
            high += aHigh * bHigh;
        }
        var sum = Vector.Sum(low + high);
        for (; i < a.Length; i++) sum += (double)a[i] * b[i];
        return sum;
    }

    /// <summary><paramref name="target"/> += <paramref name="scale"/> · <paramref name="source"/>, several numbers at a time.</summary>
    public static void AddScaled(Span<float> target, ReadOnlySpan<float> source, float scale)
    {
        var i = 0;
        for (; i <= target.Length - Vector<float>.Count; i += Vector<float>.Count)
            (new Vector<float>(target[i..]) + new Vector<float>(source[i..]) * scale).CopyTo(target[i..]);
        for (; i < target.Length; i++) target[i] += scale * source[i];
    }
}

/// <summary>
/// A sparse matrix as rows (the articles × terms matrix: a row per article). Both products run on every core, each core
/// taking a share of the block's columns, so no two write the same number.
/// </summary>
internal sealed class SparseRows((int[] Columns, float[] Values)[] rows, int columnCount)
{
    public int RowCount => rows.Length;
    public int ColumnCount => columnCount;

    /// <summary>result (rows × width) = A · block (columns × width).</summary>
    public void Times(float[] block, float[] result, int width) =>
        ByColumns(width, (from, to) =>
        {
            for (var i = 0; i < rows.Length; i++)
            {
                var (columns, values) = rows[i];
                var target = result.AsSpan(i * width + from, to - from);
                target.Clear();
                for (var j = 0; j < columns.Length; j++) VectorMath.AddScaled(target, block.AsSpan(columns[j] * width + from, to - from), values[j]);
            }
        });

    /// <summary>result (columns × width) = Aᵀ · block (rows × width).</summary>
    public void TransposeTimes(float[] block, float[] result, int width) =>
        ByColumns(width, (from, to) =>
        {
            for (var t = 0; t < columnCount; t++) result.AsSpan(t * width + from, to - from).Clear();
            for (var i = 0; i < rows.Length; i++)
            {
                var (columns, values) = rows[i];
                var source = block.AsSpan(i * width + from, to - from);
                for (var j = 0; j < columns.Length; j++) VectorMath.AddScaled(result.AsSpan(columns[j] * width + from, to - from), source, values[j]);
            }
        });

    private static void ByColumns(int width, Action<int, int> work)
    {
        var shares = Math.Min(Environment.ProcessorCount, width);
        Parallel.For(0, shares, s => work(s * width / shares, (s + 1) * width / shares));
    }
}
