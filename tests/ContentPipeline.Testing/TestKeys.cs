using System.Security.Cryptography;
using System.Text;

namespace ContentPipeline.Testing;

/// <summary>
/// The key tests write with, configured as an operator would (its hash under ApiKeys, every role). Tests of who may
/// write use clients of their own, with no key or another.
/// </summary>
public static class TestKeys
{
    public const string Header = "X-Api-Key";
    public const string Name = "tests";
    public const string Key = "cpk_tests-only-key-with-every-role";

    public static string HashOf(string key) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>The configuration of one key: ApiKeys:index:Name, :Hash and :Roles:n.</summary>
    public static Dictionary<string, string?> Settings(string name = Name, string key = Key, int index = 0, params string[] roles)
    {
        var settings = new Dictionary<string, string?>
        {
            [$"ApiKeys:{index}:Name"] = name,
            [$"ApiKeys:{index}:Hash"] = HashOf(key),
        };
        string[] granted = roles.Length > 0 ? roles : ["write", "edit", "operate"];
        for (var i = 0; i < granted.Length; i++) settings[$"ApiKeys:{index}:Roles:{i}"] = granted[i];
        return settings;
    }

    public static HttpClient WithKey(this HttpClient client, string key = Key)
    {
        client.DefaultRequestHeaders.Remove(Header);
        client.DefaultRequestHeaders.Add(Header, key);
        return client;
    }
}
