using ContentPipeline.Recommendation.Related;

namespace ContentPipeline.Recommendation.Tests.Related;

public sealed class TruncatedSvdTests
{
    /// <summary>
    /// A 300 × 40 matrix of three strong directions (three random rows' outer products) and faint noise, every fourth
    /// column empty.
    /// </summary>
    private static (SparseRows Sparse, double[,] Dense) ThreeStrongDirections(double noise = 0.01)
    {
        var random = new Random(3);
        double[] Random(int length) => [.. Enumerable.Range(0, length).Select(_ => random.NextDouble() * 2 - 1)];
        var (left, right) = (Enumerable.Range(0, 3).Select(_ => Random(300)).ToArray(), Enumerable.Range(0, 3).Select(_ => Random(40)).ToArray());
        var dense = new double[300, 40];
        var rows = new (int[] Columns, float[] Values)[300];
        for (var r = 0; r < 300; r++)
        {
            // A column left out of every row, as a term the sample lacks.
            var columns = Enumerable.Range(0, 40).Where(c => c % 4 != 0).ToArray();
            foreach (var c in columns) dense[r, c] = (float)Enumerable.Range(0, 3).Sum(k => left[k][r] * right[k][c] * (k + 1)) + noise * (random.NextDouble() * 2 - 1);
            rows[r] = (columns, [.. columns.Select(c => (float)dense[r, c])]);
        }
        return (new SparseRows(rows, 40), dense);
    }

    [Theory]
    [InlineData(0.01, 3)]
    // Of rank three, narrower than the block the iteration works with (a small site's terms): what the block holds
    // beyond the rank is rounding alone.
    [InlineData(0.0, 3)]
    [InlineData(0.0, 6)]
    public void Column_vectors_keep_the_inner_products_of_the_strongest_directions(double noise, int dimensions)
    {
        var (sparse, dense) = ThreeStrongDirections(noise);

        // Power 1: a column's vector is its row of V Σ, so two columns' vectors have the dot product AᵀA gives them,
        // but for the noise.
        var vectors = TruncatedSvd.ColumnVectors(sparse, dimensions, seedOfRow: r => r, power: 1);

        for (var a = 0; a < 40; a++)
            for (var b = 0; b < 40; b++)
            {
                var expected = Enumerable.Range(0, 300).Sum(r => dense[r, a] * dense[r, b]);
                var actual = Enumerable.Range(0, dimensions).Sum(d => (double)vectors[a * dimensions + d] * vectors[b * dimensions + d]);
                Assert.True(Math.Abs(expected - actual) < 0.02 * (1 + Math.Abs(expected)), $"columns {a}, {b}: AᵀA {expected}, vectors {actual}");
            }
    }

    [Fact]
    public void Unit_column_vectors_are_the_rows_of_an_orthonormal_basis()
    {
        var (sparse, _) = ThreeStrongDirections();

        var vectors = TruncatedSvd.ColumnVectors(sparse, dimensions: 3, seedOfRow: r => r, power: 0);

        // Vᵀ V = I: each dimension, read down the columns, is a unit vector at right angles to the others.
        for (var d = 0; d < 3; d++)
            for (var e = 0; e < 3; e++)
            {
                var dot = Enumerable.Range(0, 40).Sum(c => (double)vectors[c * 3 + d] * vectors[c * 3 + e]);
                Assert.True(Math.Abs(dot - (d == e ? 1 : 0)) < 1e-3, $"dimensions {d}, {e}: {dot}");
            }
    }
}
