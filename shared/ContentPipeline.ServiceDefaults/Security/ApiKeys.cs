using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;

namespace ContentPipeline.ServiceDefaults.Security;

/// <summary>What a key may do. A write endpoint names the one role it needs.</summary>
public static class ApiRoles
{
    /// <summary>Articles, bulk, pages, withdrawals.</summary>
    public const string Write = "write";

    /// <summary>Editors' pins in "Nên xem".</summary>
    public const string Edit = "edit";

    /// <summary>Operator commands: replay, reindex.</summary>
    public const string Operate = "operate";

    public static readonly string[] All = [Write, Edit, Operate];
}

/// <summary>
/// One entry of the <c>ApiKeys</c> list: who holds the key, what it may do, and the SHA-256 of the key as
/// <c>sha256:&lt;hex&gt;</c>. The key itself is never configured, stored or logged.
/// </summary>
public sealed class ApiKeyEntry
{
    public string? Name { get; set; }
    public string? Hash { get; set; }
    public List<string> Roles { get; set; } = [];
}

/// <summary>A configured key, checked and ready to compare.</summary>
public sealed record ApiKey(string Name, byte[] Hash, IReadOnlySet<string> Roles);

/// <summary>The keys this service knows, read once at start from <c>ApiKeys</c> (and the deprecated editor key).</summary>
public sealed class ApiKeyRing
{
    public const string Section = "ApiKeys";
    public const string Header = "X-Api-Key";
    public const string HashPrefix = "sha256:";

    /// <summary>The editor key of earlier versions: still read, as a key with the edit role.</summary>
    public const string DeprecatedEditorKeySetting = "Recommendation:EditorApiKey";

    private ApiKeyRing(IReadOnlyList<ApiKey> keys, bool usesDeprecatedEditorKey)
    {
        Keys = keys;
        UsesDeprecatedEditorKey = usesDeprecatedEditorKey;
    }

    public IReadOnlyList<ApiKey> Keys { get; }

    public bool UsesDeprecatedEditorKey { get; }

    public bool IsEmpty => Keys.Count == 0;

    /// <summary>Reads and checks the configured keys; a malformed entry stops the service with what to fix.</summary>
    public static ApiKeyRing From(IConfiguration configuration)
    {
        var keys = new List<ApiKey>();
        var entries = configuration.GetSection(Section).Get<List<ApiKeyEntry>>() ?? [];
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            var where = $"{Section}:{i}";
            if (string.IsNullOrWhiteSpace(entry.Name))
                throw new StartupRefusedException($"{where} has no Name: say whose key it is (it names the key in logs and rate limits).");
            if (ParseHash(entry.Hash) is not { } hash)
                throw new StartupRefusedException($"{where} ({entry.Name}): Hash must be '{HashPrefix}' and 64 hex digits, the SHA-256 of the key; " +
                    "the 'keys' command prints one. The key itself never goes into the configuration.");
            var unknown = entry.Roles.Where(r => !ApiRoles.All.Contains(r, StringComparer.Ordinal)).ToList();
            if (entry.Roles.Count == 0 || unknown.Count > 0)
                throw new StartupRefusedException($"{where} ({entry.Name}): Roles must name one or more of {string.Join(", ", ApiRoles.All)}" +
                    (unknown.Count > 0 ? $"; '{string.Join("', '", unknown)}' is not one." : "."));
            if (keys.Any(k => k.Name == entry.Name))
                throw new StartupRefusedException($"{where}: the name '{entry.Name}' is used twice.");
            keys.Add(new ApiKey(entry.Name, hash, entry.Roles.ToHashSet(StringComparer.Ordinal)));
        }

        var editorKey = configuration[DeprecatedEditorKeySetting];
        var deprecated = !string.IsNullOrEmpty(editorKey);
        if (deprecated) keys.Add(new ApiKey("editor", HashOf(editorKey!), new HashSet<string> { ApiRoles.Edit }));
        return new ApiKeyRing(keys, deprecated);
    }

    /// <summary>
    /// The key a request presents, or null. Every configured key is compared, each in constant time, so how long a
    /// wrong key takes tells nothing about which key or how much of it was right.
    /// </summary>
    public ApiKey? Find(string presented)
    {
        var hash = HashOf(presented);
        ApiKey? found = null;
        foreach (var key in Keys)
            if (CryptographicOperations.FixedTimeEquals(hash, key.Hash)) found = key;
        return found;
    }

    public static byte[] HashOf(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    public static string HashLine(string key) => HashPrefix + Convert.ToHexStringLower(HashOf(key));

    private static byte[]? ParseHash(string? text)
    {
        if (text is null || !text.StartsWith(HashPrefix, StringComparison.OrdinalIgnoreCase)) return null;
        var hex = text[HashPrefix.Length..].Trim();
        if (hex.Length != 64) return null;
        try { return Convert.FromHexString(hex); }
        catch (FormatException) { return null; }
    }
}
