namespace ContentPipeline.Recommendation.Related;

/// <summary>
/// Ascending non-negative ids packed as the gaps between them, seven bits a byte (the high bit says "more follows"):
/// an article's term ids, some hundreds among a few million, take about two bytes each instead of four.
/// </summary>
public static class SortedIds
{
    /// <summary>Packs <paramref name="ids"/>, which must be ascending.</summary>
    public static byte[] Pack(ReadOnlySpan<int> ids)
    {
        var packed = new List<byte>(ids.Length * 2);
        var previous = 0;
        foreach (var id in ids)
        {
            if (id < previous) throw new ArgumentException("Ids must be ascending.", nameof(ids));
            var gap = (uint)(id - previous);
            previous = id;
            while (gap >= 0x80)
            {
                packed.Add((byte)(gap | 0x80));
                gap >>= 7;
            }
            packed.Add((byte)gap);
        }
        return [.. packed];
    }

    /// <summary>The <paramref name="count"/> ids packed in <paramref name="packed"/>.</summary>
    public static int[] Unpack(byte[] packed, int count)
    {
        var ids = new int[count];
        var reader = new Reader(packed);
        for (var i = 0; i < count && reader.Next(out var id); i++) ids[i] = id;
        return ids;
    }

    /// <summary>Reads packed ids one at a time, in order, without unpacking them all.</summary>
    public ref struct Reader(byte[] packed)
    {
        private readonly byte[] _packed = packed;
        private int _position;
        private int _id;

        public bool Next(out int id)
        {
            if (_position == _packed.Length)
            {
                id = _id;
                return false;
            }
            uint gap = 0;
            var shift = 0;
            byte next;
            do
            {
                next = _packed[_position++];
                gap |= (uint)(next & 0x7F) << shift;
                shift += 7;
            } while (next >= 0x80);
            id = _id += (int)gap;
            return true;
        }
    }
}
