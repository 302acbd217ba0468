using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ContentPipeline.ServiceDefaults;

/// <summary>
/// Over-long addresses and headers answered as problem+json. Kestrel's own refusals (414, 431) have no body, so its
/// limits are set well above the product's and the product's are checked here, where the answer can say what to do.
/// </summary>
public static class RequestSizeLimits
{
    public const int MaxTargetChars = 8 * 1024;
    public const int MaxHeaderBytes = 32 * 1024;

    public static WebApplicationBuilder AddRequestSizeLimits(this WebApplicationBuilder builder)
    {
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestLineSize = 8 * MaxTargetChars;
            kestrel.Limits.MaxRequestHeadersTotalSize = 4 * MaxHeaderBytes;
        });
        return builder;
    }

    public static WebApplication UseRequestSizeLimits(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            var request = context.Request;
            var target = request.Path.Value!.Length + request.QueryString.Value!.Length;
            if (target > MaxTargetChars)
            {
                await ProblemResponses.WriteAsync(context, StatusCodes.Status414UriTooLong, "Address too long",
                    $"The address is {target} characters long; at most {MaxTargetChars} are accepted. Send long input in a request body.");
                return;
            }
            var headers = request.Headers.Sum(h => h.Key.Length + h.Value.Sum(v => v?.Length ?? 0) + 4);
            if (headers > MaxHeaderBytes)
            {
                await ProblemResponses.WriteAsync(context, StatusCodes.Status431RequestHeaderFieldsTooLarge, "Headers too large",
                    $"The request's headers come to about {headers} bytes; at most {MaxHeaderBytes} are accepted.");
                return;
            }
            await next(context);
        });
        return app;
    }
}
