namespace ContentPipeline.Search.Queries;

/// <summary>
/// Words people type joined that the text writes apart: Vietnamese syllables run together as in a web address or a
/// hashtag ("hanoi", "saigon", "vietnam" for "Hà Nội", "Sài Gòn", "Việt Nam"), and letters run into digits ("covid19",
/// "iphone15" for "Covid-19", "iPhone 15"). A query word is also looked for as those parts standing together.
/// </summary>
/// <remarks>
/// Splitting by the spelling rules of Vietnamese syllables needs no vocabulary, so both engines read a query the same
/// way. A word that is itself a syllable ("mai", "hoai", "nguyen") is never split; of the ways to split the rest, those
/// with the fewest syllables are kept ("sai gon", not "sa i gon"), both when two tie ("ha noi", "han oi": the text
/// decides which stands together).
/// </remarks>
public static class WrittenTogether
{
    /// <summary>The most ways one word is looked for apart, and the most syllables one split may have.</summary>
    private const int MostSplits = 3, MostSyllables = 5;

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
        if (AtDigits(word) is { Count: > 1 } parts) return [parts];
        if (word.Length is < 4 or > MostSyllables * 7 || !word.All(char.IsAsciiLetterLower) || IsSyllable(word)) return [];
        var splits = new List<List<string>>();
        Split(word, 0, [], splits);
        if (splits.Count == 0) return [];
        var fewest = splits.Min(s => s.Count);
        return splits.Where(s => s.Count == fewest).Take(MostSplits).ToList();
    }

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

    private static void Split(string word, int from, List<string> taken, List<List<string>> splits)
    {
        if (from == word.Length)
        {
            if (taken.Count > 1) splits.Add([.. taken]);
            return;
        }
        if (taken.Count == MostSyllables) return;
        // A syllable is at most seven letters ("nghieng", "nguyen" folded).
        for (var length = 1; length <= Math.Min(7, word.Length - from); length++)
        {
            var syllable = word.Substring(from, length);
            if (!IsSyllable(syllable)) continue;
            taken.Add(syllable);
            Split(word, from + length, taken, splits);
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
