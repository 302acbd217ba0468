using System.Text.Json.Serialization;

namespace ContentPipeline.Contracts;

/// <summary>An article together with what enrichment understood of it.</summary>
/// <remarks>
/// A normalised text goes on the wire only when it differs from the text as given: nearly every article arrives
/// normalised already (2,564 of unc_dantri's 2,653 bodies, bench/Enrichment.Bench), and sending the body twice
/// doubled the largest part of each message, through four hops (issue 16). Read back, an absent one is the text as
/// given.
/// </remarks>
public sealed record EnrichedArticle
{
    private string? _normalizedTitle, _normalizedLead, _normalizedBody;

    /// <summary>The article as given, for display.</summary>
    public required ArticleContent Content { get; init; }

    /// <summary>Title in NFC with one canonical tone-mark placement.</summary>
    [JsonIgnore]
    public string NormalizedTitle { get => _normalizedTitle ?? Content.Title; init => _normalizedTitle = value; }

    /// <summary>Lead in NFC with one canonical tone-mark placement.</summary>
    [JsonIgnore]
    public string NormalizedLead { get => _normalizedLead ?? Content.Lead ?? ""; init => _normalizedLead = value; }

    /// <summary>Body in NFC with one canonical tone-mark placement.</summary>
    [JsonIgnore]
    public string NormalizedBody { get => _normalizedBody ?? Content.Body; init => _normalizedBody = value; }

    [JsonInclude, JsonPropertyName("normalizedTitle"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    private string? NormalizedTitleOnWire { get => Unless(_normalizedTitle, Content.Title); init => _normalizedTitle = value; }

    [JsonInclude, JsonPropertyName("normalizedLead"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    private string? NormalizedLeadOnWire { get => Unless(_normalizedLead, Content.Lead ?? ""); init => _normalizedLead = value; }

    [JsonInclude, JsonPropertyName("normalizedBody"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    private string? NormalizedBodyOnWire { get => Unless(_normalizedBody, Content.Body); init => _normalizedBody = value; }

    private static string? Unless(string? normalized, string given) => normalized == given ? null : normalized;

    /// <summary>Accent-free lower-case title ("đ" becomes "d").</summary>
    public required string FoldedTitle { get; init; }

    /// <summary>URL slug of the title, e.g. "lan-toa-sau-rong-cach-lam-hieu-qua-cua-hdnd-cac-cap".</summary>
    public required string Slug { get; init; }

    /// <summary>Detected (or declared) language code.</summary>
    public required string Language { get; init; }

    /// <summary>Section: the given one, or an inferred one.</summary>
    public string? Category { get; init; }

    /// <summary>True when <see cref="Category"/> was inferred rather than given.</summary>
    public bool CategoryInferred { get; init; }

    /// <summary>How sure the inference of <see cref="Category"/> is (0..1); null when the category was given.</summary>
    public double? CategoryConfidence { get; init; }

    /// <summary>Keywords, heaviest first.</summary>
    public IReadOnlyList<WeightedKeyword> Keywords { get; init; } = [];

    /// <summary>Named entities found in the text.</summary>
    public IReadOnlyList<NamedEntity> Entities { get; init; } = [];

    /// <summary>Acronyms used in the text, with their expansion.</summary>
    public IReadOnlyList<AcronymDefinition> Acronyms { get; init; } = [];

    /// <summary>Short summary: the lead, else the first sentences.</summary>
    public string Summary { get; init; } = "";

    /// <summary>Estimated reading time in seconds.</summary>
    public int ReadingTimeSeconds { get; init; }

    /// <summary>MinHash signature of the article's shingles (base64 of 64 minima; empty when the text is too short to have one).</summary>
    public string StoryFingerprint { get; init; } = "";

    /// <summary>Articles of the same story (near-duplicates, updates of one event) share this id.</summary>
    public required string StoryId { get; init; }
}

/// <summary>A keyword and how much it characterises the article (0..1).</summary>
public sealed record WeightedKeyword(string Term, double Weight);

/// <summary>A person, place or organisation named in the article.</summary>
public sealed record NamedEntity(string Text, EntityType Type, int Mentions);

/// <summary>Kinds of named entity.</summary>
public enum EntityType
{
    /// <summary>A person.</summary>
    Person,
    /// <summary>A province, city, district or other place.</summary>
    Place,
    /// <summary>An organisation or body.</summary>
    Organisation,
}

/// <summary>An acronym and what it stands for, e.g. HĐND = Hội đồng nhân dân.</summary>
public sealed record AcronymDefinition(string Acronym, string Expansion);
