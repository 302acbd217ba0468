using System.Security.Cryptography;
using System.Text;
using ContentPipeline.Contracts;
using ContentPipeline.Text;

namespace ContentPipeline.Ingest.Articles;

/// <summary>Article ids: given by the client, or derived from the canonical URL so the same page always gets the same id.</summary>
public static class ArticleIdentity
{
    /// <summary>Null when the id is acceptable, else what is wrong with it (the rules every consumer checks too).</summary>
    public static string? Problem(string id) => ArticleRules.IdProblem(id);

    /// <summary>The canonical form of an http(s) URL, or null when it is not one.</summary>
    public static string? CanonicalUrl(string? url)
    {
        if (!Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")) return null;
        var query = string.Join('&', uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Where(p => !p.StartsWith("utm_", StringComparison.OrdinalIgnoreCase)));
        var builder = new UriBuilder(uri) { Fragment = "", Query = query, Host = uri.Host.ToLowerInvariant() };
        if (uri.IsDefaultPort) builder.Port = -1;
        var canonical = builder.Uri.ToString();
        return canonical.EndsWith('/') && builder.Path.Length > 1 ? canonical.TrimEnd('/') : canonical;
    }

    /// <summary>"dantri-com-vn-vinamilk-lot-top-…-3fa2b1c4d5": readable host and page name, plus a hash of the whole URL.</summary>
    public static string FromUrl(string canonicalUrl)
    {
        var uri = new Uri(canonicalUrl);
        var host = VietnameseText.Slug(uri.Host.StartsWith("www.", StringComparison.Ordinal) ? uri.Host[4..] : uri.Host, 40);
        var page = VietnameseText.Slug(Path.GetFileNameWithoutExtension(uri.AbsolutePath.TrimEnd('/')), 70);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalUrl)))[..10];
        return string.Join('-', new[] { host, page, hash }.Where(p => p.Length > 0));
    }
}
