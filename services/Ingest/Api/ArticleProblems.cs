using ContentPipeline.Ingest.Articles;
using ContentPipeline.ServiceDefaults;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ContentPipeline.Ingest.Api;

internal static class ArticleProblems
{
    /// <summary>400 listing every problem, also per field under "errors".</summary>
    public static ProblemHttpResult Invalid(IReadOnlyList<ArticleError> errors) =>
        ApiProblems.BadRequest("The article is not valid", string.Join("; ", errors),
            new Dictionary<string, object?> { ["errors"] = errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()) });
}
