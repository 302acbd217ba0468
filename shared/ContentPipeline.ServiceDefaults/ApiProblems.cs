using Microsoft.AspNetCore.Http;
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

    public static ProblemHttpResult Unsupported(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported content type");

    public static ProblemHttpResult Unprocessable(string title, string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status422UnprocessableEntity, title: title);
}
