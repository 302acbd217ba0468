using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.OpenApi;

namespace ContentPipeline.ServiceDefaults;

/// <summary>Examples in the OpenAPI document, so the reference page shows a real request and answer, not only schemas.</summary>
public static class OpenApiExamples
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>An example value for each named query parameter, and an example body of the 200 answer.</summary>
    public static RouteHandlerBuilder WithExamples(this RouteHandlerBuilder endpoint, object? ok, params (string Parameter, string Value)[] parameters) =>
        endpoint.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
                foreach (var (name, value) in parameters.Where(p => p.Parameter == parameter.Name))
                    parameter.Example = JsonValue.Create(value);
            if (ok is not null && operation.Responses?.TryGetValue("200", out var response) == true)
                foreach (var media in response.Content?.Values ?? [])
                    media.Example = JsonSerializer.SerializeToNode(ok, ok.GetType(), Web);
            return Task.CompletedTask;
        });
}
