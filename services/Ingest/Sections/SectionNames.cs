using System.Text.Json;
using ContentPipeline.ServiceDefaults;
using ContentPipeline.Text;

namespace ContentPipeline.Ingest.Sections;

/// <summary>
/// One display name per section, so that facets, reasons, feeds and the widget show one Vietnamese bucket where
/// sources write "health", "suc-khoe" or "Sức khoẻ". Names and codes are compared as slugs (no case, accents or
/// separators); a section the map does not know keeps its own name. The map is data: section-names.json, shipped
/// inside the service, or the operator's copy named by <c>Ingest:SectionNamesFile</c>.
/// </summary>
public sealed class SectionNames
{
    private readonly Dictionary<string, string> _nameOf = new(StringComparer.Ordinal);

    /// <param name="codes">Each display name with the codes and spellings that mean it.</param>
    /// <param name="source">Where the map came from, for errors.</param>
    public SectionNames(IReadOnlyDictionary<string, string[]> codes, string source = "the section map")
    {
        foreach (var (name, spellings) in codes)
            foreach (var spelling in spellings.Prepend(name))
            {
                var key = VietnameseText.Slug(spelling);
                if (key.Length == 0) throw new StartupRefusedException($"{source}: '{spelling}' (under '{name}') has no letters or digits.");
                if (_nameOf.TryGetValue(key, out var other) && other != name)
                    throw new StartupRefusedException($"{source}: '{spelling}' is listed under both '{other}' and '{name}'; keep it under one.");
                _nameOf[key] = name;
            }
    }

    /// <summary>The map shipped with ingest.</summary>
    public static SectionNames Shipped { get; } = Read(
        typeof(SectionNames).Assembly.GetManifestResourceStream("ContentPipeline.Ingest.Sections.section-names.json")
            ?? throw new InvalidOperationException("section-names.json is not embedded in the ingest assembly."), "the shipped section-names.json");

    /// <summary>The operator's map from <paramref name="path"/>, or the shipped one when none is named.</summary>
    public static SectionNames Load(string? path)
    {
        if (string.IsNullOrWhiteSpace(path)) return Shipped;
        if (!File.Exists(path)) throw new StartupRefusedException($"Ingest:SectionNamesFile names '{path}', which does not exist; copy the shipped section-names.json there or remove the setting.");
        using var file = File.OpenRead(path);
        return Read(file, path);
    }

    /// <summary>The name the site shows for a section given as <paramref name="given"/>.</summary>
    public string? DisplayName(string? given) => given is null ? null : _nameOf.GetValueOrDefault(VietnameseText.Slug(given), given);

    private static SectionNames Read(Stream json, string source)
    {
        Dictionary<string, JsonElement>? entries;
        try { entries = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json); }
        catch (JsonException ex) { throw new StartupRefusedException($"{source} is not valid JSON: {ex.Message}"); }
        var codes = new Dictionary<string, string[]>();
        foreach (var (name, value) in entries ?? [])
        {
            if (name.StartsWith('_')) continue;
            if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.String))
                throw new StartupRefusedException($"{source}: '{name}' must list its codes as an array of strings, e.g. \"{name}\": [\"code\"].");
            codes[name] = [.. value.EnumerateArray().Select(v => v.GetString()!)];
        }
        return new SectionNames(codes, source);
    }
}
