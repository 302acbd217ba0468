using ContentPipeline.Recommendation.Related;

namespace ContentPipeline.Recommendation.Tests.Related;

public sealed class SortedIdsTests
{
    [Theory]
    [InlineData(new int[0])]
    [InlineData(new[] { 0 })]
    [InlineData(new[] { 0, 1, 127, 128, 16_383, 16_384, 2_000_000, int.MaxValue })]
    public void Packed_ids_unpack_and_read_back_as_they_were(int[] ids)
    {
        var packed = SortedIds.Pack(ids);

        Assert.Equal(ids, SortedIds.Unpack(packed, ids.Length));
        var read = new List<int>();
        var reader = new SortedIds.Reader(packed);
        while (reader.Next(out var id)) read.Add(id);
        Assert.Equal(ids, read);
    }

    [Fact]
    public void Small_gaps_take_one_byte_and_ids_out_of_order_are_refused()
    {
        Assert.Equal(3, SortedIds.Pack([5, 10, 100]).Length);
        Assert.Throws<ArgumentException>(() => SortedIds.Pack([3, 2]));
    }
}
