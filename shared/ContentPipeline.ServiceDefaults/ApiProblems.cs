using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ContentPipeline.ServiceDefaults;

/// <summary>problem+json answers, each with a detail a person can act on.</summary>
public static class ApiProblems
{
    public static ProblemHttpResult BadRequest(string title, string detail, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: title, extensions: extensions);

    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Not found");

    public static ProblemHttpResult TooLarge(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status413PayloadTooLarge, title: "Request too large");

    /// <summary>
    /// Refuses a body declared larger than <paramref name="limit"/> before reading it, and makes reading past the limit
    /// fail (413) when no length was declared; null when the body may be read.
    /// </summary>
    public static ProblemHttpResult? BodyOver(HttpContext http, long limit, string what)
    {
        if (http.Request.ContentLength > limit)
            return TooLarge($"The body is {http.Request.ContentLength} bytes; {what} may carry at most {limit}.");
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = limit;
        return null;
    }

    public static ProblemHttpResult Unsupported(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported content type");

    public static ProblemHttpResult Unprocessable(string title, string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status422UnprocessableEntity, title: title);
}
