using System.Text;
using ContentPipeline.Ingest.Articles;
using ContentPipeline.ServiceDefaults;
using ContentPipeline.Ingest.Pages;
using ContentPipeline.ServiceDefaults.Logging;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace ContentPipeline.Ingest.Api;

public static class PageEndpoints
{
    /// <summary>Saved news pages run to a few hundred kilobytes; ten megabytes leaves room for inline images.</summary>
    public const int MaxPageBytes = 10 * 1024 * 1024;

    public static IEndpointRouteBuilder MapPageEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/pages", SubmitPage).WithTags("Pages").WithSummary("Submit a raw page (text/html or text/plain) with its URL");
        return app;
    }

    private static async Task<Results<Accepted<SubmitResponse>, ProblemHttpResult>> SubmitPage(
        string? url, HttpRequest request, ArticleStore store, ILogger<ArticleStore> logger, CancellationToken ct)
    {
        var pageUrl = ArticleIdentity.CanonicalUrl(url);
        if (pageUrl is null) return ApiProblems.BadRequest("The page URL is missing or invalid", "Give the page's absolute http(s) address as ?url=…");

        MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType);
        var mediaType = contentType?.MediaType.Value ?? "";
        if (mediaType is not ("text/html" or "text/plain"))
            return ApiProblems.Unsupported($"Send the page as text/html or text/plain, not '{request.ContentType}'.");

        if (request.ContentLength > MaxPageBytes)
            return ApiProblems.TooLarge($"The page is {request.ContentLength} bytes; at most {MaxPageBytes} are accepted.");
        var encoding = contentType?.Encoding ?? Encoding.UTF8;
        string page;
        using (var reader = new StreamReader(request.Body, encoding))
            page = await reader.ReadToEndAsync(ct);
        if (page.Length > MaxPageBytes)
            return ApiProblems.TooLarge($"The page is over {MaxPageBytes} bytes long; at most {MaxPageBytes} are accepted.");
        if (mediaType == "text/html" && HtmlNesting.Depth(page) > HtmlNesting.MaxDepth)
            return ApiProblems.Unprocessable("Page nested too deeply",
                $"The page nests elements more than {HtmlNesting.MaxDepth} levels deep; no real article page does. Send the article's own HTML.");

        var input = mediaType == "text/html" ? PageExtractor.FromHtml(page, pageUrl) : PageExtractor.FromText(page, pageUrl);
        if (input is null) return ApiProblems.Unprocessable("No article found", "The page has no title and no paragraphs of text to take an article from.");
        var (article, errors) = ArticleValidation.Validate(input);
        if (article is null) return ArticleProblems.Invalid(errors);

        var result = (await store.SubmitAsync([article], ct))[0];
        using (logger.BeginArticleScope(result.Id, result.Version))
            logger.LogInformation("Page {PageUrl} extracted: {Outcome}", pageUrl, result.Outcome);
        return TypedResults.Accepted($"/api/articles/{result.Id}", new SubmitResponse(result.Id, result.Version, result.Outcome));
    }
}
