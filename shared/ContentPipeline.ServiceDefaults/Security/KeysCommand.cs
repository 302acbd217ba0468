using System.Security.Cryptography;

namespace ContentPipeline.ServiceDefaults.Security;

/// <summary>
/// <c>keys [--name NAME] [--role ROLE …]</c>: prints a new random key, for the client to send, and the configuration
/// lines that let a service accept it (its hash only: the key itself is kept nowhere but by whoever holds it).
/// </summary>
public static class KeysCommand
{
    public static int Run(string[] args, TextWriter output)
    {
        var name = CommandLine.Option(args, "--name") ?? "client";
        var roles = args.Select((a, i) => (a, i)).Where(p => p.a == "--role" && p.i + 1 < args.Length).Select(p => args[p.i + 1]).ToList();
        if (roles.Count == 0) roles.Add(ApiRoles.Write);
        var unknown = roles.Where(r => !ApiRoles.All.Contains(r)).ToList();
        if (unknown.Count > 0)
        {
            output.WriteLine($"Unknown role '{string.Join("', '", unknown)}': roles are {string.Join(", ", ApiRoles.All)}.");
            output.WriteLine("Usage: keys [--name NAME] [--role write|edit|operate]…");
            return 2;
        }

        var key = "cpk_" + Base64Url(RandomNumberGenerator.GetBytes(32));
        var hash = ApiKeyRing.HashLine(key);
        output.WriteLine($"A new key for '{name}' ({string.Join(", ", roles)}). Give it to the client, which sends it as {ApiKeyRing.Header}; it is shown only now:");
        output.WriteLine();
        output.WriteLine($"  {key}");
        output.WriteLine();
        output.WriteLine("Configure the service with its hash, as environment variables (docker-compose .env; use the next free index N for 0):");
        output.WriteLine();
        output.WriteLine($"  ApiKeys__0__Name={name}");
        output.WriteLine($"  ApiKeys__0__Hash={hash}");
        for (var i = 0; i < roles.Count; i++) output.WriteLine($"  ApiKeys__0__Roles__{i}={roles[i]}");
        output.WriteLine();
        output.WriteLine("or in appsettings.json:");
        output.WriteLine();
        output.WriteLine($"  \"ApiKeys\": [ {{ \"Name\": \"{name}\", \"Hash\": \"{hash}\", \"Roles\": [ {string.Join(", ", roles.Select(r => $"\"{r}\""))} ] }} ]");
        return 0;
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

}
