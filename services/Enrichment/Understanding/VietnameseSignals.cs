namespace ContentPipeline.Enrichment.Understanding;

/// <summary>What gives Vietnamese away: its own letters, or, written without accents, its commonest syllables.</summary>
public static class VietnameseSignals
{
    /// <summary>
    /// Lower-case letters no other Latin-script language writes: đ; ă, ơ, ư; any vowel with a hook or a dot below; a
    /// circumflex with a tone on top ("ế"). French "é", "è", "ê" or Portuguese "ã" do not count.
    /// </summary>
    private static readonly HashSet<char> Letters = BuildLetters();

    private static readonly HashSet<string> CommonSyllables = new(StringComparer.Ordinal)
    {
        "cua", "va", "cac", "nhung", "duoc", "trong", "nguoi", "khong", "cho", "voi", "la", "mot", "da", "nay", "den", "tai",
        "nam", "ngay", "theo", "ve", "de", "thanh", "pho", "nhan", "dan", "viec", "cung", "nhieu",
    };

    private static readonly HashSet<string> CommonEnglish = new(StringComparer.Ordinal)
    {
        "the", "and", "of", "to", "is", "in", "that", "for", "with", "was", "on", "are", "be", "by", "it", "as", "at", "from",
    };

    private static HashSet<char> BuildLetters()
    {
        var letters = new HashSet<char> { 'đ' };
        foreach (var vowel in "aăâeêioôơuưy")
            foreach (var tone in "\0\u0300\u0301\u0303\u0309\u0323")
            {
                var letter = (tone == '\0' ? vowel.ToString() : vowel + tone.ToString()).Normalize(System.Text.NormalizationForm.FormC);
                if (letter.Length != 1) continue;
                var exclusive = vowel is 'ă' or 'ơ' or 'ư' || tone is '\u0309' or '\u0323' || (vowel is 'â' or 'ê' or 'ô' && tone != '\0');
                if (exclusive) letters.Add(letter[0]);
            }
        return letters;
    }

    /// <summary>Share of letters that exist only in Vietnamese (about 0.1 in Vietnamese prose, 0 in English or French).</summary>
    public static double LetterShare(string text)
    {
        int letters = 0, vietnamese = 0;
        foreach (var c in text)
        {
            if (!char.IsLetter(c)) continue;
            letters++;
            if (Letters.Contains(char.ToLowerInvariant(c))) vietnamese++;
        }
        return letters == 0 ? 0 : (double)vietnamese / letters;
    }

    /// <summary>Accent-free Vietnamese: its commonest syllables clearly outnumber the commonest English words.</summary>
    public static bool AccentFreeVietnamese(string text)
    {
        int vi = 0, en = 0;
        foreach (var word in text.ToLowerInvariant().Split([' ', ',', '.', ';', ':', '\n', '"', '(', ')'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (CommonSyllables.Contains(word)) vi++;
            else if (CommonEnglish.Contains(word)) en++;
        }
        return vi >= 2 && vi > 2 * en;
    }
}
