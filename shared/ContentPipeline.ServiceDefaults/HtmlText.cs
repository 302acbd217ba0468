using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace ContentPipeline.ServiceDefaults;

/// <summary>Text written into HTML the services render themselves (the embed fragment, the demo pages).</summary>
public static class HtmlText
{
    // Escapes what HTML needs escaped and leaves Vietnamese letters as they are (WebUtility writes "à" as "&#224;").
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public static string Encode(string text) => Encoder.Encode(text);
}
