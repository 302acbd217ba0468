using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ContentPipeline.ServiceDefaults;

/// <summary>
/// Every instant the HTTP API returns, in UTC with "Z" (2025-07-01T01:00:00Z): the same article read from search (its
/// index keeps UTC) and from related (the offset its source gave) shows one string, and clients compare them as text.
/// Reading accepts any offset.
/// </summary>
public sealed class UtcInstants : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetDateTimeOffset();

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(Format(value));

    /// <summary>The one format: UTC, seconds, and fractions only when there are any.</summary>
    public static string Format(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
}
