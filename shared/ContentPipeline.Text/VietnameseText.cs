using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace ContentPipeline.Text;

/// <summary>
/// The Vietnamese text rules every stage shares: NFC with one tone-mark placement, accent folding, slugs.
/// Search and enrichment must agree on these, or "hoá" indexed by one never matches "hóa" typed into the other.
/// </summary>
public static partial class VietnameseText
{
    private const char Grave = '\u0300', Acute = '\u0301', Tilde = '\u0303', Hook = '\u0309', DotBelow = '\u0323';
    private const string Vowels = "aăâeêioôơuưy";
    private const string QualityVowels = "ăâêôơư";
    private static readonly string[] Finals = ["", "c", "ch", "m", "n", "ng", "nh", "p", "t"];

    /// <summary>Vietnam's time zone, UTC+7 all year (no daylight saving): how Vietnamese sites print times.</summary>
    public static readonly TimeSpan VietnamTime = TimeSpan.FromHours(7);

    [GeneratedRegex(@"[^a-z0-9]+")]
    private static partial Regex NonSlug();

    /// <summary>
    /// NFC, with every tone mark moved to one canonical place (the classic placement: "hòa", "thủy", "Thùy"),
    /// so "hoá"/"hóa" and "thuỷ"/"thủy" become the same string. Words that are not Vietnamese syllables are left as they are.
    /// A dateline glued to the sentence after it, as scraped VnExpress sapos have them ("HÀ NỘIPhó chủ tịch"), is split
    /// from it ("HÀ NỘI Phó chủ tịch"): glued, the two words are one token nobody searches for.
    /// </summary>
    public static string Normalize(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        return WithDatelinesApart(WithTonesPlaced(text));
    }

    /// <summary>
    /// A space where a line opening with a run of capitals (a dateline: "HÀ NỘI", "TP HCM", "MỸ") runs into a
    /// capitalised word ("Phó"), as in many of vnexpress_title_sapo_train's sapos. Not split: an acronym's plural
    /// ("KOLs"), capitals after other words, and brand names that merely look alike ("VPBank", "FUNiX", "PVOil"): a line
    /// opening with two or three plain capitals is split only when the word glued to them is Vietnamese ("ANHCác").
    /// </summary>
    private static string WithDatelinesApart(string text)
    {
        StringBuilder? apart = null;
        var copied = 0;
        var lineStart = 0;
        for (var i = 0; i + 1 < text.Length; i++)
        {
            if (text[i] == '\n') { lineStart = i + 1; continue; }
            if (i - lineStart < 2 || !char.IsLower(text[i + 1]) || !char.IsUpper(text[i]) || !char.IsUpper(text[i - 1]) || !char.IsUpper(text[i - 2])) continue;
            if (text[i + 1] == 's' && (i + 2 == text.Length || !char.IsLetter(text[i + 2]))) continue;
            var dateline = text.AsSpan(lineStart, i - lineStart);
            if (dateline.ContainsAnyExcept(DatelineCharacters) || !LooksLikeDateline(dateline, GluedWord(text, i))) continue;
            apart ??= new StringBuilder(text.Length + 8);
            apart.Append(text, copied, i - copied).Append(' ');
            copied = i;
        }
        return apart is null ? text : apart.Append(text, copied, text.Length - copied).ToString();
    }

    // Capitals, spaces and the punctuation of "BÀ RỊA - VŨNG TÀU", "TP. HCM": any other character is not a dateline.
    private static readonly System.Buffers.SearchValues<char> DatelineCharacters = System.Buffers.SearchValues.Create(
        " .-–" + string.Concat(Enumerable.Range(0, 0x1F00).Select(c => (char)c).Where(char.IsUpper)));

    private static bool LooksLikeDateline(ReadOnlySpan<char> capitals, ReadOnlySpan<char> glued) =>
        capitals.Contains(' ') || capitals.Trim().Length >= 4 || !Ascii.IsValid(capitals) || !Ascii.IsValid(glued);

    private static ReadOnlySpan<char> GluedWord(string text, int start)
    {
        var end = start + 1;
        while (end < text.Length && char.IsLetter(text[end])) end++;
        return text.AsSpan(start, end - start);
    }

    private static string WithTonesPlaced(string text)
    {
        var nfc = text.IsNormalized(NormalizationForm.FormC) ? text : text.Normalize(NormalizationForm.FormC);
        // Most words have one vowel, or no tone: only a toned vowel next to another vowel ("oá", "ủy") can sit in two
        // places, so only such words are looked at, and the text is copied only when one of them moves.
        StringBuilder? moved = null;
        var copied = 0;
        for (var i = 0; i < nfc.Length;)
        {
            // Only a toned vowel next to another vowel can need moving: skip ahead to the next toned vowel first.
            if (VowelInfo(nfc[i]) != VowelKind.Toned) { i++; continue; }
            var toned = i;
            var start = i;
            while (start > 0 && IsWordPart(nfc[start - 1])) start--;
            i = toned + 1;
            while (i < nfc.Length && IsWordPart(nfc[i])) i++;
            var ambiguous = (toned > start && VowelInfo(nfc[toned - 1]) != VowelKind.None) || (toned + 1 < i && VowelInfo(nfc[toned + 1]) != VowelKind.None);
            if (!ambiguous) continue;
            var word = nfc.AsSpan(start, i - start);
            var placed = Placed(word);
            if (placed is null) continue;
            moved ??= new StringBuilder(nfc.Length);
            moved.Append(nfc, copied, start - copied).Append(placed);
            copied = i;
        }
        return moved is null ? nfc : moved.Append(nfc, copied, nfc.Length - copied).ToString();
    }

    // Words with a tone mark that could sit in two places are common ("người", "được", "của"): each is settled once
    // per thread, then found again by its characters. Bounded, so odd input cannot grow it forever.
    private const int PlacedCacheLimit = 50_000;
    [ThreadStatic] private static Dictionary<string, string?>? t_placed;

    /// <summary>The word with its tone mark in the canonical place, or null when it is already there.</summary>
    private static string? Placed(ReadOnlySpan<char> word)
    {
        var cache = t_placed ??= new Dictionary<string, string?>(4096, StringComparer.Ordinal);
        if (cache.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(word, out var known)) return known;
        var text = word.ToString();
        var placed = PlaceToneMark(text);
        var result = placed == text ? null : placed;
        if (cache.Count < PlacedCacheLimit) cache[text] = result;
        return result;
    }

    private static bool IsWordPart(char c) => char.IsLetter(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark;

    private enum VowelKind : byte { None, Plain, Toned }

    /// <summary>Every Vietnamese vowel letter lies below U+1F00: a flat table answers faster than a dictionary.</summary>
    private static readonly VowelKind[] VowelKinds = BuildVowelKinds();

    private static VowelKind[] BuildVowelKinds()
    {
        var kinds = new VowelKind[0x1F00];
        foreach (var vowel in Vowels + Vowels.ToUpperInvariant())
        {
            kinds[vowel] = VowelKind.Plain;
            foreach (var tone in new[] { Grave, Acute, Tilde, Hook, DotBelow })
            {
                var toned = (vowel + tone.ToString()).Normalize(NormalizationForm.FormC);
                if (toned.Length == 1) kinds[toned[0]] = VowelKind.Toned;
            }
        }
        return kinds;
    }

    private static VowelKind VowelInfo(char c) => c < VowelKinds.Length ? VowelKinds[c] : VowelKind.None;

    /// <summary>Accent-free form: every diacritic removed, "đ" to "d". Case is kept.</summary>
    public static string Fold(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        return string.Create(text.Length - CombiningMarks(text), text, static (folded, source) =>
        {
            var at = 0;
            foreach (var c in source)
            {
                if (IsCombiningMark(c)) continue;
                folded[at++] = FoldChar(c);
            }
        });
    }

    /// <summary>One character as <see cref="Fold"/> writes it (a combining mark, which it drops, is left as it is).</summary>
    public static char FoldChar(char c) => c < FoldedLetters.Length ? FoldedLetters[c] : c;

    /// <summary>True for a combining mark (a tone or vowel mark written apart from its letter), which <see cref="Fold"/> drops.</summary>
    public static bool IsCombiningMark(char c) => c >= '\u0300' && CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark;

    /// <summary>Every letter below U+2000 without its diacritics ("ệ" → "e", "đ" → "d"), worked out once by decomposition.</summary>
    private static readonly char[] FoldedLetters = BuildFoldedLetters();

    private static char[] BuildFoldedLetters()
    {
        var folded = new char[0x2000];
        for (var c = 0; c < folded.Length; c++)
        {
            var letter = (char)c;
            folded[c] = letter switch
            {
                'đ' => 'd',
                'Đ' => 'D',
                _ when char.IsSurrogate(letter) || !char.IsLetter(letter) => letter,
                _ => letter.ToString().Normalize(NormalizationForm.FormD).FirstOrDefault(d => !IsCombiningMark(d), letter),
            };
        }
        return folded;
    }

    private static int CombiningMarks(string text)
    {
        var marks = 0;
        foreach (var c in text) if (IsCombiningMark(c)) marks++;
        return marks;
    }

    /// <summary>URL slug as Vietnamese news sites write it: "Lan tỏa … HĐND các cấp" → "lan-toa-…-hdnd-cac-cap".</summary>
    public static string Slug(string? text, int maxLength = 120)
    {
        var slug = NonSlug().Replace(Fold(text).ToLowerInvariant(), "-").Trim('-');
        if (slug.Length <= maxLength) return slug;
        var cut = slug.LastIndexOf('-', maxLength);
        return slug[..(cut > 0 ? cut : maxLength)];
    }

    /// <summary>True for the five Vietnamese tone marks (as combining characters).</summary>
    public static bool IsToneMark(char c) => c is Grave or Acute or Tilde or Hook or DotBelow;

    private static string PlaceToneMark(string word)
    {
        var decomposed = word.Normalize(NormalizationForm.FormD);
        char tone = '\0';
        var toneCount = 0;
        var bare = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (IsToneMark(c)) { tone = c; toneCount++; }
            else bare.Append(c);
        }
        if (toneCount != 1) return word;

        var letters = bare.ToString().Normalize(NormalizationForm.FormC);
        var target = ToneSlot(letters);
        if (target < 0) return word;

        var placed = letters[..(target + 1)] + tone + letters[(target + 1)..];
        return placed.Normalize(NormalizationForm.FormC);
    }

    /// <summary>Index of the vowel that carries the tone, or -1 when the word is not a Vietnamese syllable.</summary>
    private static int ToneSlot(string letters)
    {
        var lower = letters.ToLowerInvariant();
        var start = 0;
        while (start < lower.Length && !IsVowel(lower[start])) start++;
        if (start == lower.Length) return -1;
        // "qu" and "gi" + vowel: the u / i belongs to the initial consonant.
        if (start > 0 && ((lower[start - 1] == 'q' && lower[start] == 'u') || (lower[start - 1] == 'g' && lower[start] == 'i'))
            && start + 1 < lower.Length && IsVowel(lower[start + 1]))
            start++;

        var end = start;
        while (end < lower.Length && IsVowel(lower[end])) end++;
        var final = lower[end..];
        if (Array.IndexOf(Finals, final) < 0) return -1;
        if (lower[..start].Any(IsVowel) || !lower[..start].All(char.IsLetter)) return -1;

        var cluster = lower[start..end];
        if (cluster.Length > 3) return -1;
        var horn = cluster.IndexOf('ơ');
        if (horn >= 0) return start + horn;
        for (var i = 0; i < cluster.Length; i++)
            if (QualityVowels.Contains(cluster[i])) return start + i;
        if (cluster.Length == 1) return start;
        if (final.Length > 0) return end - 1;
        return cluster.Length == 3 ? start + 1 : start;
    }

    private static bool IsVowel(char c) => Vowels.Contains(c);
}
