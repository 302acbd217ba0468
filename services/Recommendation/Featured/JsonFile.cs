using System.Text.Json;

namespace ContentPipeline.Recommendation.Featured;

/// <summary>State kept in a JSON file in the data directory, written whole and moved into place, so a crash mid-write leaves the old file, never half a file.</summary>
internal static class JsonFile
{
    public static T? Read<T>(string path) =>
        File.Exists(path) ? JsonSerializer.Deserialize<T>(File.ReadAllText(path), JsonSerializerOptions.Web) : default;

    public static void Write<T>(string path, T value)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(value, JsonSerializerOptions.Web));
        File.Move(temporary, path, overwrite: true);
    }
}
