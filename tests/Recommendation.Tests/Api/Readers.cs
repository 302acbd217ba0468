using System.Net;
using System.Net.Http.Json;

namespace ContentPipeline.Recommendation.Tests.Api;

/// <summary>Readers as the widget reports them: each with an anonymous id of its own, one request each.</summary>
internal static class Readers
{
    public static async Task SendAsync(HttpClient http, string type, string articleId, int readers)
    {
        for (var i = 0; i < readers; i++)
        {
            var response = await http.PostAsJsonAsync("/api/events", new { readerId = $"reader-{Guid.NewGuid():N}", events = new[] { new { type, articleId } } });
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }
    }
}
