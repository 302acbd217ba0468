using System.Text;
using ContentPipeline.Text;

namespace ContentPipeline.Search.Queries;

/// <summary>
/// A syllable typed in Telex with the keyboard's Vietnamese input switched off, as people do: "vieejt" for "việt",
/// "ddaf" for "đà", "nguwowif" for "người", "hocj" for "học". Letters mark the vowels (aa â, aw ă, ee ê, oo ô, ow ơ,
/// uw ư, uow ươ, dd đ; w anywhere in the syllable), and s, f, r, x, j the tones, typed after the vowel or at the end.
/// </summary>
/// <param name="Syllable">The syllable it reads as, with its marks (NFC, tone placed as the index places it).</param>
/// <param name="Sure">
/// Whether it is surely Telex: a doubled vowel or "dd" marks it (a few loanwords and names have one too: "xoong",
/// "Moon", which the query still looks for as typed). A syllable marked only by w or a tone key may be another
/// language's word ("bus", "cow", "now") and is read so only in a query with a sure one, or when a search finds little.
/// </param>
public sealed record TelexReading(string Syllable, bool Sure)
{
    /// <summary>The syllable folded, as the index matches it.</summary>
    public string Folded => VietnameseText.Fold(Syllable);

    private const string Plain = "aeiouy", Marked = "âăêôơư", Vowels = Plain + Marked;
    private static readonly Dictionary<char, char> Tones = new() { ['s'] = '\u0301', ['f'] = '\u0300', ['r'] = '\u0309', ['x'] = '\u0303', ['j'] = '\u0323' };
    private static readonly HashSet<string> FinalConsonants = ["", "c", "ch", "m", "n", "ng", "nh", "p", "t"];

    /// <summary>The Telex reading of a folded word of plain letters, or null when it has no mark or reads as no Vietnamese syllable.</summary>
    public static TelexReading? Of(string typed)
    {
        if (typed.Length is < 2 or > 10 || !typed.All(char.IsAsciiLetterLower)) return null;
        var letters = new StringBuilder(typed);
        var tone = TakeTone(letters);
        var doubled = Mark(letters, "dd", 'đ', onlyFirst: true) | Mark(letters, "aa", 'â') | Mark(letters, "ee", 'ê') | Mark(letters, "oo", 'ô');
        var horned = TakeHorn(letters);
        if (tone is null && !doubled && !horned) return null;
        var syllable = letters.ToString();
        // â and ă never end a syllable ("lă" is "law", not Vietnamese).
        if (!WrittenTogether.IsSyllable(VietnameseText.Fold(syllable)) || syllable[^1] is 'â' or 'ă') return null;
        if (tone is { } mark) syllable = syllable.Insert(ToneCarrier(syllable) + 1, mark.ToString()).Normalize(NormalizationForm.FormC);
        return new TelexReading(VietnameseText.Normalize(syllable), doubled);
    }

    /// <summary>Takes the tone key out: s, f, r, x or j after a vowel, the last letter or followed only by a final consonant.</summary>
    private static char? TakeTone(StringBuilder letters)
    {
        var at = letters.Length - 1;
        while (at >= 1 && !Tones.ContainsKey(letters[at])) at--;
        if (at < 1) return null;
        var before = letters.ToString(0, at);
        var after = letters.ToString(at + 1, letters.Length - at - 1).Replace("w", "");
        // A key letter with no vowel before it ("tr") or with a vowel after it ("rosa") is a letter of the word.
        if (!before.Any(Plain.Contains) || !FinalConsonants.Contains(after)) return null;
        var tone = Tones[letters[at]];
        letters.Remove(at, 1);
        return tone;
    }

    private static bool Mark(StringBuilder letters, string keys, char marked, bool onlyFirst = false)
    {
        var at = letters.ToString().IndexOf(keys, StringComparison.Ordinal);
        if (at < 0 || (onlyFirst && at != 0)) return false;
        letters.Remove(at, keys.Length).Insert(at, marked);
        return true;
    }

    /// <summary>
    /// Takes every w out and marks the vowel it stands for: uo → ươ, oa → oă, else the first u → ư, o → ơ or a → ă;
    /// with no vowel, w is ư. Left as it is when no vowel takes it ("new").
    /// </summary>
    private static bool TakeHorn(StringBuilder letters)
    {
        var text = letters.ToString();
        var w = text.IndexOf('w');
        if (w < 0) return false;
        text = text.Replace("w", "");
        var first = FirstVowel(text);
        if (first < 0)
        {
            letters.Clear().Append(text).Insert(w, 'ư');
            return true;
        }
        var uo = text.IndexOf("uo", first, StringComparison.Ordinal);
        var oa = text.IndexOf("oa", first, StringComparison.Ordinal);
        var at = uo >= 0 ? uo : oa >= 0 ? oa + 1 : text.IndexOfAny(['u', 'o', 'a'], first);
        if (at < 0) return false;
        letters.Clear().Append(text);
        if (uo >= 0) letters[uo + 1] = 'ơ';
        letters[at] = letters[at] switch { 'u' => 'ư', 'o' => 'ơ', _ => 'ă' };
        return true;
    }

    /// <summary>The first letter of the vowels, "qu" and "gi" before a vowel counted as the onset; -1 when none.</summary>
    private static int FirstVowel(string syllable)
    {
        var first = syllable.AsSpan().IndexOfAny(Vowels.AsSpan());
        var onset = first == 1 && syllable.Length > 2 && ((syllable[0] == 'q' && syllable[1] == 'u') || (syllable[0] == 'g' && syllable[1] == 'i'))
            && Vowels.Contains(syllable[2]);
        return onset ? 2 : first;
    }

    /// <summary>
    /// Where the tone mark goes (the classic placement, which <see cref="VietnameseText.Normalize"/> keeps): on the last
    /// marked vowel (ơ of ươ); else on the last vowel before a final consonant; else on the middle of three vowels or the
    /// first of two ("hòa", "thủy").
    /// </summary>
    private static int ToneCarrier(string syllable)
    {
        var first = FirstVowel(syllable);
        var last = first;
        while (last + 1 < syllable.Length && Vowels.Contains(syllable[last + 1])) last++;
        for (var at = last; at >= first; at--)
            if (Marked.Contains(syllable[at])) return at;
        if (last + 1 < syllable.Length) return last;
        return (last - first) switch { 0 => first, 1 => first, _ => first + 1 };
    }
}
