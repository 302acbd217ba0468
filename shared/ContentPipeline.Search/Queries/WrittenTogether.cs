using System.Text.RegularExpressions;

namespace ContentPipeline.Search.Queries;

/// <summary>
/// Words people type joined that the text writes apart: Vietnamese syllables run together as in a web address or a
/// hashtag ("hanoi", "saigon", "vietnam" for "Hà Nội", "Sài Gòn", "Việt Nam"), and letters run into digits ("covid19",
/// "iphone15" for "Covid-19", "iPhone 15"). A query word is also looked for as those parts standing together.
/// </summary>
/// <remarks>
/// Splitting by the spelling rules of Vietnamese syllables needs no vocabulary, so both engines read a query the same
/// way. A word that is itself a syllable ("mai", "hoai", "nguyen") is never split; of the ways to split the rest, those
/// with the fewest syllables are kept ("sai gon", not "sa i gon"), up to three when several tie ("ha noi", "han oi":
/// the text decides which stands together).
/// </remarks>
public static partial class WrittenTogether
{
    /// <summary>The most ways one word is looked for apart, and the most syllables one split may have.</summary>
    private const int MostSplits = 3, MostSyllables = 5;

    /// <summary>The longest syllable, folded: "nghieng", "nghuong".</summary>
    private const int LongestSyllable = 7;

    private const int Uncut = int.MaxValue - 1;

    /// <summary>Folded onsets, longest first, so "ngh" is tried before "ng" and "n".</summary>
    private static readonly string[] Onsets =
        ["ngh", "ch", "gh", "gi", "kh", "ng", "nh", "ph", "qu", "th", "tr", "b", "c", "d", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", ""];

    /// <summary>Every rhyme of Vietnamese with its marks taken off (ă, â → a; ê → e; ô, ơ → o; ư → u).</summary>
    private static readonly HashSet<string> Rhymes =
    [
        "a", "ai", "ao", "au", "ay", "ac", "ach", "am", "an", "ang", "anh", "ap", "at",
        "e", "eo", "eu", "ec", "ech", "em", "en", "eng", "enh", "ep", "et",
        "i", "ia", "iu", "ich", "im", "in", "inh", "ip", "it", "iec", "iem", "ien", "ieng", "iep", "iet", "ieu",
        "o", "oa", "oai", "oay", "oac", "oach", "oam", "oan", "oang", "oanh", "oap", "oat", "oe", "oeo", "oen", "oet",
        "oi", "oc", "om", "on", "ong", "op", "ot", "ooc", "oong",
        "u", "ua", "ue", "uenh", "ui", "uy", "uya", "uyu", "uyt", "uych", "uynh", "uyen", "uyet", "uc", "um", "un", "ung",
        "up", "ut", "uu", "uan", "uang", "uat", "uay", "uoc", "uoi", "uom", "uon", "uong", "uop", "uot", "uou", "uo",
        "y", "ynh", "yt", "yen", "yet", "yeu", "yem",
        // Place names of the Central Highlands: Đắk Lắk.
        "ak",
    ];

    /// <summary>
    /// The other forms a folded query <paramref name="word"/> is looked for in, each a run of parts that must stand
    /// together: none for a word that is a syllable, a number or a word of another language.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<string>> Splits(string word)
    {
        if (AtDigits(word) is { Count: > 1 and <= MostSyllables } parts) return [parts];
        if (word.Length is < 4 or > MostSyllables * LongestSyllable || !word.All(char.IsAsciiLetterLower) || IsSyllable(word)) return [];
        return CutIntoSyllables(word, atLeastTwo: false);
    }

    /// <summary>
    /// The syllables a folded word may also be, typed joined, besides what <see cref="Splits"/> always looks for: a
    /// syllable of four letters or more ("duan": "Duẩn", or "dự án"; "nguyen": "ngu yên"), and three letters that are no
    /// syllable ("yte": "y tế"); fewest syllables first. Asked only when the words as typed find little
    /// (<see cref="SearchRelaxation.TyposWorthTrying"/>): most syllables of four letters cut into two ("hoan": "hồ an")
    /// and the text nearly always meant the syllable, and three letters are often a name's initials.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<string>> SyllablesJoined(string word)
    {
        if (!word.All(char.IsAsciiLetterLower)) return [];
        var syllable = IsSyllable(word);
        return word.Length switch
        {
            3 when !syllable => CutIntoSyllables(word, atLeastTwo: false),
            >= 4 and <= LongestSyllable when syllable => CutIntoSyllables(word, atLeastTwo: true),
            _ => [],
        };
    }

    private static IReadOnlyList<IReadOnlyList<string>> CutIntoSyllables(string word, bool atLeastTwo)
    {
        // The fewest syllables the word cuts into from each place on, from the end back: every word is cut in a few
        // dozen syllable checks, however it is typed. With atLeastTwo, the whole word is no way to cut it.
        var fewest = new int[word.Length + 1];
        for (var from = word.Length - 1; from >= 0; from--)
        {
            fewest[from] = Uncut;
            for (var length = 1; length <= Math.Min(LongestSyllable, word.Length - from) && !(atLeastTwo && from == 0 && length == word.Length); length++)
                if (fewest[from + length] != Uncut && IsSyllable(word.Substring(from, length)))
                    fewest[from] = Math.Min(fewest[from], fewest[from + length] + 1);
        }
        if (fewest[0] > MostSyllables) return [];
        var splits = new List<IReadOnlyList<string>>();
        Cut(word, 0, [], fewest, splits);
        return splits;
    }

    /// <summary>
    /// The query with each code of a few letters and a number ("U23", "F0", "MH370") typed as one word, however it was
    /// typed: "U.23", "U-23", and a lone letter before a number, "U 23". Papers write a code every way; the joined word
    /// is also looked for as its parts standing together (<see cref="Splits"/>), so every spelling finds the others,
    /// and never the letter and the number apart ("khối u nặng 23 kg").
    /// </summary>
    public static string JoinCodes(string query) => CodeSpaced().Replace(CodeMarked().Replace(query, "$1$2"), "$1$2");

    // Not in a longer word or number, and not a number's dotted groups ("U.12.000").
    [GeneratedRegex(@"(?<![\p{L}\p{M}\p{N}.-])(\p{L}{1,3})[.-](\d+)(?![\p{L}\p{M}\p{N}]|[.,]\d)")]
    private static partial Regex CodeMarked();

    [GeneratedRegex(@"(?<![\p{L}\p{M}\p{N}.-])(\p{L})[ \u00A0]+(\d+)(?![\p{L}\p{M}\p{N}]|[.,]\d)")]
    private static partial Regex CodeSpaced();

    /// <summary>Whether <paramref name="folded"/> is one Vietnamese syllable, marks taken off.</summary>
    public static bool IsSyllable(string folded)
    {
        foreach (var onset in Onsets)
        {
            if (!folded.StartsWith(onset, StringComparison.Ordinal)) continue;
            var rhyme = folded[onset.Length..];
            if (Rhymes.Contains(rhyme) && Fits(onset, rhyme)) return true;
            // "gì", "gìn": "gi" before a rhyme of its own i.
            if (onset == "gi" && Rhymes.Contains("i" + rhyme)) return true;
        }
        return false;
    }

    /// <summary>Spelling rules that rule most loanwords out: k, gh, ngh only before e, i, y; c, g, ng never; qu never before u.</summary>
    private static bool Fits(string onset, string rhyme)
    {
        var front = rhyme[0] is 'e' or 'i' or 'y';
        return onset switch
        {
            "k" or "gh" or "ngh" => front,
            "c" or "g" or "ng" => !front,
            "qu" => rhyme[0] != 'u',
            _ => true,
        };
    }

    /// <summary>Every way to cut the rest of the word into its fewest syllables, up to <see cref="MostSplits"/>.</summary>
    private static void Cut(string word, int from, List<string> taken, int[] fewest, List<IReadOnlyList<string>> splits)
    {
        if (from == word.Length)
        {
            splits.Add([.. taken]);
            return;
        }
        for (var length = 1; length <= Math.Min(LongestSyllable, word.Length - from) && splits.Count < MostSplits; length++)
        {
            if (fewest[from + length] != fewest[from] - 1 || !IsSyllable(word.Substring(from, length))) continue;
            taken.Add(word.Substring(from, length));
            Cut(word, from + length, taken, fewest, splits);
            taken.RemoveAt(taken.Count - 1);
        }
    }

    /// <summary>A word of letters and digits cut where one meets the other ("covid19" → "covid", "19"); null otherwise.</summary>
    private static List<string>? AtDigits(string word)
    {
        if (!word.All(char.IsAsciiLetterOrDigit) || !word.Any(char.IsAsciiDigit) || !word.Any(char.IsAsciiLetter)) return null;
        var parts = new List<string>();
        var start = 0;
        for (var i = 1; i <= word.Length; i++)
        {
            if (i < word.Length && char.IsAsciiDigit(word[i]) == char.IsAsciiDigit(word[i - 1])) continue;
            parts.Add(word[start..i]);
            start = i;
        }
        return parts;
    }
}
