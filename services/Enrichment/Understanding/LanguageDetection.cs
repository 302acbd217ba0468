using Lingua;

namespace ContentPipeline.Enrichment.Understanding;

/// <summary>
/// Which language an article is in, among the configured few (Lingua with all languages costs gigabytes and misreads
/// accent-free Vietnamese). Text with Vietnamese letters is Vietnamese; accent-free text is Vietnamese when its common
/// syllables say so, whatever the models think; the rest is left to Lingua.
/// </summary>
public sealed class LanguageDetection
{
    /// <summary>Enough text to tell languages apart; more only costs time.</summary>
    private const int SampleChars = 400;

    private readonly LanguageDetector _detector;
    private readonly Dictionary<Language, string> _codes;

    public LanguageDetection(IEnumerable<string> isoCodes)
    {
        var languages = Enum.GetValues<Language>()
            .Where(l => l != Language.Unknown && isoCodes.Any(code => LanguageInfo.IsoCode6391(l).ToString().Equals(code, StringComparison.OrdinalIgnoreCase)))
            .ToArray();
        if (!languages.Contains(Language.Vietnamese)) languages = [Language.Vietnamese, .. languages];
        if (languages.Length < 2) languages = [.. languages, Language.English];
        _detector = LanguageDetectorBuilder.FromLanguages(languages).WithLowAccuracyMode().WithPreloadedLanguageModels().Build();
        _codes = languages.ToDictionary(l => l, l => LanguageInfo.IsoCode6391(l).ToString().ToLowerInvariant());
    }

    public string Detect(string text)
    {
        if (string.IsNullOrWhiteSpace(text)) return "und";
        var sample = text.Length > SampleChars ? text[..SampleChars] : text;
        if (VietnameseSignals.LetterShare(sample) >= 0.03 || VietnameseSignals.AccentFreeVietnamese(sample)) return "vi";
        var language = _detector.DetectLanguageOf(sample);
        return _codes.TryGetValue(language, out var code) ? code : "und";
    }
}
