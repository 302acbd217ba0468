using ContentPipeline.Contracts;

namespace ContentPipeline.ServiceDefaults.Messaging;

/// <summary>
/// A message that breaks the article rules: retrying cannot help, so it is parked in the endpoint's error queue at
/// once, with this reason in its fault headers, and nothing of it is applied.
/// </summary>
public sealed class InvalidMessageException(string message) : Exception(message)
{
    /// <summary>Throws when <paramref name="problems"/> is not empty.</summary>
    public static void ThrowIfAny(IReadOnlyList<string> problems, string articleId, long version, string messageType)
    {
        if (problems.Count > 0)
            throw new InvalidMessageException($"{messageType} for '{Shorten(articleId)}' version {version} breaks the article rules: {string.Join(" ", problems)}");
    }

    /// <summary>The rules a withdrawal (or any message naming an article by id and version) must meet.</summary>
    public static void ThrowIfBadId(string articleId, long version, string messageType) =>
        ThrowIfAny(ArticleRules.IdentityProblems(articleId, version), articleId, version, messageType);

    private static string Shorten(string? id) => id is null ? "(no id)" : id.Length <= 140 ? id : id[..140] + "…";
}
