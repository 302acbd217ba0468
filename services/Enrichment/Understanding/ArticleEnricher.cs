using System.Text.RegularExpressions;
using ContentPipeline.Contracts;
using ContentPipeline.Text;

namespace ContentPipeline.Enrichment.Understanding;

/// <summary>
/// Turns an article's raw text into what search and recommendation need. Pure: the same content always gives
/// the same result, which makes enrichment deterministic and safe to repeat.
/// </summary>
public static partial class ArticleEnricher
{
    private const int WordsPerMinute = 220;

    /// <summary>Every lower-case letter that carries a Vietnamese diacritic: đ, the six vowels with marks, each with any tone.</summary>
    private static readonly HashSet<char> VietnameseLetters = BuildVietnameseLetters();

    private static HashSet<char> BuildVietnameseLetters()
    {
        var letters = new HashSet<char> { 'đ' };
        foreach (var vowel in "aăâeêioôơuưy")
            foreach (var tone in "\0\u0300\u0301\u0303\u0309\u0323")
            {
                var letter = (tone == '\0' ? vowel.ToString() : vowel + tone.ToString()).Normalize(System.Text.NormalizationForm.FormC);
                if (letter.Length == 1 && letter[0] is not ('a' or 'e' or 'i' or 'o' or 'u' or 'y')) letters.Add(letter[0]);
            }
        return letters;
    }

    [GeneratedRegex(@"[\p{L}\p{M}\p{Nd}]+(?:[.&-][\p{L}\p{M}\p{Nd}]+)*")]
    private static partial Regex Word();

    [GeneratedRegex(@"(?<=^|[.!?…]\s+)[^.!?…]{10,}[.!?…]")]
    private static partial Regex Sentence();

    [GeneratedRegex(@"\p{Lu}[\p{Ll}\p{M}]*(?:\s+\p{Lu}[\p{Ll}\p{M}]*)+")]
    private static partial Regex CapitalisedRun();

    [GeneratedRegex(@"\(\s*([\p{Lu}][\p{Lu}&.\-]{1,11})\s*\)")]
    private static partial Regex ParenthesisedAcronym();

    public static EnrichedArticle Enrich(string articleId, ArticleContent content)
    {
        var title = VietnameseText.Normalize(content.Title);
        var lead = VietnameseText.Normalize(content.Lead);
        var body = VietnameseText.Normalize(content.Body);
        var all = string.Join('\n', new[] { title, lead, body }.Where(t => t.Length > 0));
        var wordCount = Word().Count(lead) + Word().Count(body) + Word().Count(title);

        return new EnrichedArticle
        {
            Content = content,
            NormalizedTitle = title,
            NormalizedLead = lead,
            NormalizedBody = body,
            FoldedTitle = VietnameseText.Fold(title).ToLowerInvariant(),
            Slug = VietnameseText.Slug(title),
            Language = content.Language is { Length: > 0 } declared ? declared.ToLowerInvariant()[..Math.Min(2, declared.Length)] : DetectLanguage(all),
            Category = content.Category,
            CategoryInferred = false,
            Keywords = Keywords(title, lead, body),
            Entities = Entities(all),
            Acronyms = Acronyms(all),
            Summary = lead.Length > 0 ? lead : FirstSentences(body, 2),
            ReadingTimeSeconds = (int)Math.Ceiling(wordCount * 60.0 / WordsPerMinute),
            // Until story fingerprints group rewrites of one story, every article is its own story.
            StoryId = articleId,
        };
    }

    /// <summary>
    /// Vietnamese when Vietnamese-only letters are frequent, or, for accent-free text, when common Vietnamese
    /// syllables outnumber common English words. Anything else is reported as English.
    /// </summary>
    public static string DetectLanguage(string text)
    {
        if (text.Length == 0) return "und";
        var letters = 0;
        var vietnamese = 0;
        foreach (var c in text)
        {
            if (!char.IsLetter(c)) continue;
            letters++;
            if (VietnameseLetters.Contains(char.ToLowerInvariant(c))) vietnamese++;
        }
        if (letters > 0 && vietnamese * 100 / letters >= 3) return "vi";
        var words = Word().Matches(text.ToLowerInvariant()).Select(m => m.Value).ToList();
        var vi = words.Count(w => w is "cua" or "va" or "cac" or "nhung" or "duoc" or "trong" or "nguoi" or "khong" or "cho" or "voi" or "la" or "mot");
        var en = words.Count(w => w is "the" or "and" or "of" or "to" or "is" or "in" or "that" or "for" or "with" or "was");
        return vi > en ? "vi" : "en";
    }

    /// <summary>Syllables and syllable pairs, title and lead counting more than the body; pairs count more than single syllables.</summary>
    private static IReadOnlyList<WeightedKeyword> Keywords(string title, string lead, string body)
    {
        var scores = new Dictionary<string, double>(StringComparer.Ordinal);
        void Count(string text, double weight)
        {
            var words = Word().Matches(text).Select(m => m.Value.ToLowerInvariant()).ToList();
            for (var i = 0; i < words.Count; i++)
            {
                var word = words[i];
                if (IsContentWord(word)) scores[word] = scores.GetValueOrDefault(word) + weight;
                if (i + 1 < words.Count && IsContentWord(word) && IsContentWord(words[i + 1]))
                {
                    var pair = $"{word} {words[i + 1]}";
                    scores[pair] = scores.GetValueOrDefault(pair) + weight * 1.5;
                }
            }
        }
        Count(title, 3);
        Count(lead, 2);
        Count(body, 1);
        if (scores.Count == 0) return [];
        var top = scores.OrderByDescending(s => s.Value).ThenBy(s => s.Key, StringComparer.Ordinal).Take(12).ToList();
        var max = top[0].Value;
        return top.Select(s => new WeightedKeyword(s.Key, Math.Round(s.Value / max, 3))).ToList();
    }

    private static bool IsContentWord(string word) =>
        word.Length > 1 && !VietnameseLexicon.StopWords.Contains(word) && !word.All(char.IsDigit);

    /// <summary>
    /// Runs of capitalised syllables, split where a known place starts ("Hà Nội Nguyễn Thị Bích Ngọc" is a place and
    /// a person), then typed by the gazetteer, the words before them, organisation heads and surnames.
    /// </summary>
    private static IReadOnlyList<NamedEntity> Entities(string text)
    {
        var found = new Dictionary<(string, EntityType), int>();
        foreach (Match run in CapitalisedRun().Matches(text))
        {
            foreach (var (name, offset) in SplitAtPlaces(run.Value))
            {
                if (!name.Contains(' ') && !VietnameseLexicon.Places.Contains(name)) continue;
                var start = run.Index + offset;
                var before = text[Math.Max(0, start - 40)..start].TrimEnd().ToLowerInvariant();
                var type = Classify(name, before);
                if (type is null) continue;
                var key = (type == EntityType.Place ? PlaceName(name, before) : name, type.Value);
                found[key] = found.GetValueOrDefault(key) + 1;
            }
        }
        return found.OrderByDescending(e => e.Value).ThenBy(e => e.Key.Item1, StringComparer.Ordinal)
            .Select(e => new NamedEntity(e.Key.Item1, e.Key.Item2, e.Value)).ToList();
    }

    private static IEnumerable<(string Name, int Offset)> SplitAtPlaces(string run)
    {
        var words = Regex.Matches(run, @"\S+").ToList();
        var chunkStart = 0;
        for (var i = 0; i < words.Count;)
        {
            var placeEnd = LongestPlaceAt(words, i);
            if (placeEnd < 0) { i++; continue; }
            if (i > chunkStart) yield return Chunk(words, chunkStart, i);
            yield return Chunk(words, i, placeEnd);
            chunkStart = i = placeEnd;
        }
        if (chunkStart < words.Count) yield return Chunk(words, chunkStart, words.Count);
    }

    private static int LongestPlaceAt(List<Match> words, int start)
    {
        for (var end = Math.Min(words.Count, start + 5); end > start; end--)
            if (VietnameseLexicon.Places.Contains(string.Join(' ', words.Skip(start).Take(end - start).Select(w => w.Value)))) return end;
        return -1;
    }

    private static (string, int) Chunk(List<Match> words, int from, int to) =>
        (string.Join(' ', words.Skip(from).Take(to - from).Select(w => w.Value)), words[from].Index);

    private static EntityType? Classify(string name, string before)
    {
        if (VietnameseLexicon.OrganisationHeads.Any(h => name.StartsWith(h + " ", StringComparison.Ordinal))) return EntityType.Organisation;
        if (VietnameseLexicon.Places.Contains(name) || VietnameseLexicon.PlacePrefixes.Any(p => before.EndsWith(p.ToLowerInvariant(), StringComparison.Ordinal)))
            return EntityType.Place;
        var first = name.Split(' ')[0];
        if (VietnameseLexicon.Surnames.Contains(first) && name.Count(c => c == ' ') is >= 1 and <= 3) return EntityType.Person;
        if (VietnameseLexicon.PersonTitles.Any(t => before.EndsWith(t, StringComparison.Ordinal))) return EntityType.Person;
        return null;
    }

    private static string PlaceName(string name, string before)
    {
        var prefix = VietnameseLexicon.PlacePrefixes.FirstOrDefault(p => before.EndsWith(p.ToLowerInvariant(), StringComparison.Ordinal) && p is "quận" or "huyện" or "thị xã");
        return prefix is null ? name : $"{prefix} {name}";
    }

    /// <summary>Acronyms from the built-in list that the text uses, and "(ABC)" definitions whose preceding words spell them.</summary>
    private static IReadOnlyList<AcronymDefinition> Acronyms(string text)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match m in ParenthesisedAcronym().Matches(text))
        {
            var acronym = m.Groups[1].Value;
            if (Expansion(text[..m.Index], acronym) is { } expansion) result[acronym] = expansion;
        }
        var words = Word().Matches(text).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);
        foreach (var (acronym, expansion) in VietnameseLexicon.Acronyms)
            if (words.Contains(acronym)) result.TryAdd(acronym, expansion);
        return result.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => new AcronymDefinition(r.Key, r.Value)).ToList();
    }

    /// <summary>"công nhân, viên chức, lao động" for "CNVCLĐ": the shortest run of preceding words whose initials spell it.</summary>
    private static string? Expansion(string before, string acronym)
    {
        var letters = VietnameseText.Fold(new string(acronym.Where(char.IsLetter).ToArray())).ToLowerInvariant();
        var words = Word().Matches(before).TakeLast(letters.Length).ToList();
        if (words.Count < letters.Length) return null;
        var initials = string.Concat(words.Select(w => VietnameseText.Fold(w.Value[..1]).ToLowerInvariant()));
        if (initials != letters) return null;
        return before[words[0].Index..].TrimEnd(' ', ',', ':');
    }

    private static string FirstSentences(string text, int count)
    {
        var sentences = Sentence().Matches(text).Take(count).Select(m => m.Value.Trim()).ToList();
        if (sentences.Count > 0) return string.Join(' ', sentences);
        return text.Length <= 300 ? text : text[..300].TrimEnd() + "…";
    }
}
