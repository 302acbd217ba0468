using System.Text;
using ContentPipeline.Ingest.Articles;
using ContentPipeline.ServiceDefaults;
using ContentPipeline.Ingest.Pages;
using ContentPipeline.ServiceDefaults.Logging;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using ContentPipeline.ServiceDefaults.Security;

namespace ContentPipeline.Ingest.Api;

/// <summary>
/// The page's own article (absent on list pages), the articles it links to inline, the teaser articles taken from the
/// page and which of them stood in each named block.
/// </summary>
public sealed record PageResponse(string? Id, long? Version, SubmitOutcome? Outcome, IReadOnlyList<string> LinkedArticleIds,
    IReadOnlyList<string> Teasers, IReadOnlyDictionary<string, IReadOnlyList<string>> Blocks);

public static class PageEndpoints
{
    /// <summary>Saved news pages run to a few hundred kilobytes; ten megabytes leaves room for inline images.</summary>
    public const int MaxPageBytes = 10 * 1024 * 1024;

    public static IEndpointRouteBuilder MapPageEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/pages", SubmitPage).WithTags("Pages").WithSummary("Submit a raw page (text/html or text/plain) with its URL (needs a key with the write role)")
            .RequireAuthorization(ApiRoles.Write);
        return app;
    }

    private static async Task<Results<Accepted<PageResponse>, ProblemHttpResult>> SubmitPage(
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
        // Read as bytes, at most one over the cap, so the charset can come from the page itself when the header has none.
        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        for (int read; (read = await request.Body.ReadAsync(chunk, ct)) > 0 && buffer.Length <= MaxPageBytes;) buffer.Write(chunk, 0, read);
        if (buffer.Length > MaxPageBytes)
            return ApiProblems.TooLarge($"The page is over {MaxPageBytes} bytes long; at most {MaxPageBytes} are accepted.");
        var pageText = PageDecoding.Decode(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), contentType?.Charset.Value);
        if (mediaType == "text/html" && HtmlNesting.Depth(pageText) > HtmlNesting.MaxDepth)
            return ApiProblems.Unprocessable("Page nested too deeply",
                $"The page nests elements more than {HtmlNesting.MaxDepth} levels deep; no real article page does. Send the article's own HTML.");

        var page = mediaType == "text/html" ? PageExtractor.FromHtml(html: pageText, url: pageUrl) : PageExtractor.FromText(pageText, pageUrl);
        if (page.Article is null && page.Teasers.Count == 0)
            return ApiProblems.Unprocessable("No article found", "The page has no article text and no links to articles to take teasers from.");

        ValidArticle? article = null;
        if (page.Article is not null)
        {
            var (valid, errors) = ArticleValidation.Validate(page.Article);
            if (valid is null) return ArticleProblems.Invalid(errors);
            article = valid;
        }
        var teaserIds = new Dictionary<ArticleInput, string>(ReferenceEqualityComparer.Instance);
        var teasers = new List<ValidArticle>();
        foreach (var input in page.Teasers)
        {
            if (ArticleValidation.Validate(input).Article is not { } teaser || teaser.Id == article?.Id) continue;
            teaserIds[input] = teaser.Id;
            teasers.Add(teaser);
        }
        var blocks = page.Blocks.GroupBy(b => b.Name).ToDictionary(g => g.Key,
            g => (IReadOnlyList<string>)[.. g.SelectMany(b => b.Teasers).Select(t => teaserIds.GetValueOrDefault(t)).OfType<string>().Distinct()]);

        var results = await store.SubmitAsync([.. article is null ? [] : new[] { article }, .. teasers], ct);
        var main = article is null ? null : results[0];
        using (logger.BeginArticleScope(main?.Id ?? "-", main?.Version ?? 0))
            logger.LogInformation("Page {PageUrl} extracted: article {Outcome}, {TeaserCount} teasers", pageUrl, main?.Outcome, teasers.Count);
        return TypedResults.Accepted(main is null ? (string?)null : $"/api/articles/{main.Id}",
            new PageResponse(main?.Id, main?.Version, main?.Outcome, article?.Content.LinkedArticleIds ?? [], [.. teasers.Select(t => t.Id)], blocks));
    }
}
