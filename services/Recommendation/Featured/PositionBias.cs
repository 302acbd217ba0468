namespace ContentPipeline.Recommendation.Featured;

/// <summary>
/// How likely a reader is to look at an item at a given place in a block (1 = first): 1 at the top, then
/// 1 / log2(1 + position), the examination model behind DCG. Readers click the top slot for being on top: an
/// impression there promises more clicks than one further down, and click-through is measured against that promise.
/// </summary>
public static class PositionBias
{
    /// <summary>Beyond this, a block's items are taken as seen alike: no widget shows more.</summary>
    public const int LastPosition = 50;

    public static double Examination(int? position) =>
        position is > 1 ? 1 / Math.Log2(1 + Math.Min(position.Value, LastPosition)) : 1;
}
