using System.Text.RegularExpressions;

namespace ContentPipeline.Ingest.Articles;

/// <summary>
/// A headline for an article its source gave none (most scraped corpora: 2,424 of unc_dantri's 2,653): the first
/// sentence a reader can use as a link, from the lead if there is one (the editor's summary), else from the body.
/// A sentence does not end at an abbreviation ("UBND TP. Hà Nội" is one), a photo caption is skipped ("… (Ảnh:
/// Getty)." opens many bodies), a sentence of fewer than <see cref="MinWords"/> words is passed over, and a long one
/// is cut at a word with "…".
/// </summary>
public static partial class DerivedTitle
{
    public const int MinWords = 4, MaxChars = 100;

    /// <summary>
    /// Words that end with a full stop without ending the sentence: Vietnamese titles and place prefixes (initials,
    /// "Q." or "N.V.Đ.", are recognised apart).
    /// </summary>
    private static readonly HashSet<string> Abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "TP", "TT", "TX", "Q", "P", "H", "X", "TS", "PGS", "GS", "ThS", "BS", "KS", "CN", "NXB", "ĐH", "THPT", "THCS",
        "TSKH", "Th.S", "PGS.TS", "GS.TS", "GS.TSKH", "TS.BS", "BS.CKII", "BS.CKI", "CKI", "CKII", "Mr", "Mrs", "Ms", "Dr", "St", "Co", "Ltd", "Inc",
        "Jr", "Sr", "vs", "No", "tr", "v.v",
    };

    public static string From(string? lead, string body)
    {
        // Composed (NFC), so that "Ảnh" is one letter whichever form the source sent.
        var paragraphs = Paragraphs(lead?.Normalize()).Concat(Paragraphs(body.Normalize())).ToList();
        foreach (var paragraph in paragraphs.Where(p => !IsCaption(p)))
            foreach (var sentence in Sentences(paragraph))
                if (Headline(sentence) is { } headline && WordCount(headline) >= MinWords) return Shorten(headline);
        // Nothing long enough: the first words there are, even a caption's, rather than no title.
        return Shorten(Headline(paragraphs.FirstOrDefault() ?? "") ?? "");
    }

    private static IEnumerable<string> Paragraphs(string? text) =>
        (text ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    /// <summary>A photo caption: "… (Ảnh: Reuters)." at its end, or "Ảnh: …" / "Nguồn ảnh: …" at its start.</summary>
    private static bool IsCaption(string paragraph) => TrailingCredit().IsMatch(paragraph) || LeadingCredit().IsMatch(paragraph);

    /// <summary>The paragraph's sentences: each ends at ".", "!", "?" or "…" before a space, unless the word before the full stop is an abbreviation.</summary>
    private static IEnumerable<string> Sentences(string paragraph)
    {
        var start = 0;
        for (var i = 0; i < paragraph.Length; i++)
        {
            var c = paragraph[i];
            if (c is not ('.' or '!' or '?' or '…')) continue;
            // Closing quotes and brackets belong to the sentence they close.
            var end = i + 1;
            while (end < paragraph.Length && paragraph[end] is '"' or '”' or '’' or '\'' or ')' or '»') end++;
            if (end < paragraph.Length && !char.IsWhiteSpace(paragraph[end])) continue;
            if (c == '.' && EndsWithAbbreviation(paragraph.AsSpan(start, i - start))) continue;
            yield return paragraph[start..end].Trim();
            start = end;
            i = end - 1;
        }
        if (start < paragraph.Length && paragraph[start..].Trim() is { Length: > 0 } rest) yield return rest;
    }

    private static readonly System.Buffers.SearchValues<char> WordStarts = System.Buffers.SearchValues.Create(" (\"“");

    private static bool EndsWithAbbreviation(ReadOnlySpan<char> beforeStop)
    {
        var wordStart = beforeStop.LastIndexOfAny(WordStarts);
        var word = beforeStop[(wordStart + 1)..];
        if (word.Length == 0) return false;
        if (Initials().IsMatch(word)) return true;
        var lookup = Abbreviations.GetAlternateLookup<ReadOnlySpan<char>>();
        return lookup.Contains(word);
    }

    /// <summary>The sentence as a headline: without a trailing photo credit or a final full stop; null when nothing is left.</summary>
    private static string? Headline(string sentence)
    {
        var headline = TrailingCredit().Replace(sentence, "").Trim();
        if (headline.EndsWith('.') && !headline.EndsWith("..", StringComparison.Ordinal)) headline = headline[..^1].TrimEnd();
        return headline.Length == 0 ? null : headline;
    }

    private static string Shorten(string headline)
    {
        if (headline.Length <= MaxChars) return headline;
        var cut = headline.LastIndexOf(' ', MaxChars - 1);
        var kept = headline[..(cut > MaxChars / 2 ? cut : MaxChars - 1)].TrimEnd(',', ';', ':', '-', '–', ' ');
        return kept + "…";
    }

    private static int WordCount(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Count(w => w.Any(char.IsLetterOrDigit));

    [GeneratedRegex(@"\s*[(\[]\s*(?:nguồn\s+)?ảnh\s*:[^)\]]*[)\]]\s*\.?\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex TrailingCredit();

    /// <summary>A letter, or letters each followed by a full stop: "Q", "N.V.Đ" (a person named by initials).</summary>
    [GeneratedRegex(@"^(?:\p{L}\.)*\p{L}$")]
    private static partial Regex Initials();

    [GeneratedRegex(@"^\s*(?:nguồn\s+)?ảnh\s*:", RegexOptions.IgnoreCase)]
    private static partial Regex LeadingCredit();
}
