namespace ContentPipeline.ServiceDefaults;

/// <summary>
/// <c>healthcheck [URL]</c>: exit 0 when the service answers ready, 1 otherwise. For container healthchecks: the
/// image has no curl, and its /bin/sh (dash) cannot open TCP connections.
/// </summary>
public static class HealthCheckCommand
{
    public const string DefaultUrl = "http://127.0.0.1:8080/health/ready";

    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        var url = args.Skip(1).FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? DefaultUrl;
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(4) };
        try
        {
            using var response = await http.GetAsync(url);
            var body = await response.Content.ReadAsStringAsync();
            output.WriteLine($"{(int)response.StatusCode} {body}");
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            output.WriteLine($"{url}: {ex.Message}");
            return 1;
        }
    }
}
