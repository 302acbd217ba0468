using System.Text.RegularExpressions;
using ContentPipeline.Contracts;
using ContentPipeline.Text;

namespace ContentPipeline.Enrichment.Understanding;

/// <summary>
/// One article understood, and what it added to the corpus (to be written down before it is announced); what exact
/// copies of it share (<see cref="StoryIndex.CopyKey"/>).
/// </summary>
public sealed record Enrichment(EnrichedArticle Article, CorpusContribution? Contribution, string Fingerprint, ulong CopyKey);

/// <summary>
/// Turns an article's raw text into what search and recommendation need. Deterministic for the same content and
/// corpus state; an article counts in the corpus once, so enriching a version again changes nothing.
/// </summary>
public sealed partial class ArticleEnricher(CorpusStatistics corpus, StoryIndex stories, LanguageDetection languages)
{
    private const int WordsPerMinute = 220;

    [GeneratedRegex(@"(?<=^|[.!?…]\s+)[^.!?…]{10,}[.!?…]")]
    private static partial Regex Sentence();

    [GeneratedRegex(@"\(\s*([\p{Lu}][\p{Lu}&.\-]{1,11})\s*\)")]
    private static partial Regex ParenthesisedAcronym();

    public CorpusStatistics Corpus => corpus;

    public Enrichment Enrich(string articleId, ArticleContent content)
    {
        var title = VietnameseText.Normalize(content.Title);
        var lead = VietnameseText.Normalize(content.Lead);
        var body = VietnameseText.Normalize(content.Body);
        var all = string.Join('\n', new[] { title, lead, body }.Where(t => t.Length > 0));
        var terms = new ArticleTerms(title, lead, body);

        // A teaser is counted when its full article arrives; until then it is only a headline.
        var contribution = content.IsTeaser ? null : corpus.Add(articleId, terms, content.Category);
        var inferred = content.Category is null ? CategoryClassifier.Infer(terms, corpus) : null;
        var signature = StoryIndex.Signature(terms.Runs);
        var copyKey = StoryIndex.CopyKey(terms.Runs);
        var story = stories.Assign(articleId, signature, copyKey);
        var fingerprint = StoryIndex.Encode(signature);

        var article = new EnrichedArticle
        {
            Content = content,
            NormalizedTitle = title,
            NormalizedLead = lead,
            NormalizedBody = body,
            FoldedTitle = VietnameseText.Fold(title).ToLowerInvariant(),
            Slug = VietnameseText.Slug(title),
            Language = content.Language is { Length: > 0 } declared ? declared.ToLowerInvariant()[..Math.Min(2, declared.Length)] : languages.Detect(all),
            Category = content.Category ?? inferred?.Category,
            CategoryInferred = inferred is not null,
            CategoryConfidence = inferred?.Confidence,
            Keywords = KeywordExtractor.Extract(terms, corpus),
            Entities = EntityRecognizer.Find(all),
            Acronyms = Acronyms(all, terms),
            Summary = lead.Length > 0 ? lead : FirstSentences(body, 2),
            ReadingTimeSeconds = (int)Math.Ceiling(terms.Runs.Sum(r => r.Syllables.Length) * 60.0 / WordsPerMinute),
            StoryFingerprint = fingerprint,
            StoryId = story,
        };
        return new Enrichment(article, contribution, fingerprint, copyKey);
    }

    /// <summary>Acronyms from the built-in list whose short or long form the text uses, and "(ABC)" definitions whose preceding words spell them.</summary>
    private static IReadOnlyList<AcronymDefinition> Acronyms(string text, ArticleTerms terms)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match m in ParenthesisedAcronym().Matches(text))
        {
            var acronym = m.Groups[1].Value;
            if (Expansion(text.AsSpan(0, m.Index), acronym) is { } expansion) result[acronym] = expansion;
        }
        // Listed whichever form the text uses, so search can find "HĐND" in an article that only says "Hội đồng nhân
        // dân", and the reverse.
        var spelledOut = SpelledOut(terms);
        foreach (var (acronym, expansion) in VietnameseLexicon.Acronyms)
            if (UsesWord(text, acronym) || spelledOut.Contains(acronym)) result.TryAdd(acronym, expansion);
        return result.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => new AcronymDefinition(r.Key, r.Value)).ToList();
    }

    /// <summary>Built-in acronyms by the syllables of their expansion: "hội đồng nhân dân" → HĐND.</summary>
    private static readonly (string Acronym, ulong[] Syllables)[] Expansions =
        [.. VietnameseLexicon.Acronyms.Select(a => (a.Key, Syllables.Read(VietnameseText.Normalize(a.Value)).SelectMany(r => r).Select(s => s.Hash).ToArray()))];

    /// <summary>The built-in acronyms whose expansion the article spells out, found in one pass over its syllables.</summary>
    private static HashSet<string> SpelledOut(ArticleTerms terms)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        foreach (var run in terms.Runs)
        {
            for (var i = 0; i < run.Syllables.Length; i++)
            {
                foreach (var (acronym, expansion) in Expansions)
                {
                    if (expansion.Length == 0 || run.Syllables[i].Hash != expansion[0] || i + expansion.Length > run.Syllables.Length) continue;
                    var whole = true;
                    for (var k = 1; k < expansion.Length && whole; k++) whole = run.Syllables[i + k].Hash == expansion[k];
                    if (whole) found.Add(acronym);
                }
            }
        }
        return found;
    }

    /// <summary>The text has the word on its own, not inside a longer one ("TP" in "TP Hà Nội", not in "TPHCM").</summary>
    private static bool UsesWord(string text, string word)
    {
        for (var at = text.IndexOf(word, StringComparison.Ordinal); at >= 0; at = text.IndexOf(word, at + 1, StringComparison.Ordinal))
        {
            var end = at + word.Length;
            if ((at == 0 || !char.IsLetterOrDigit(text[at - 1])) && (end == text.Length || !char.IsLetterOrDigit(text[end]))) return true;
        }
        return false;
    }

    /// <summary>"công nhân, viên chức, lao động" for "CNVCLĐ": the run of preceding words whose initials spell it.</summary>
    private static string? Expansion(ReadOnlySpan<char> before, string acronym)
    {
        // An expansion is a few words long: looking further back only costs time.
        var window = before.Length > 200 ? before[^200..].ToString() : before.ToString();
        var letters = VietnameseText.Fold(new string(acronym.Where(char.IsLetter).ToArray())).ToLowerInvariant();
        var words = Syllables.Word().Matches(window).TakeLast(letters.Length).ToList();
        if (words.Count < letters.Length) return null;
        var initials = string.Concat(words.Select(w => VietnameseText.Fold(w.Value[..1]).ToLowerInvariant()));
        if (initials != letters) return null;
        return window[words[0].Index..].TrimEnd(' ', ',', ':');
    }

    private static string FirstSentences(string text, int count)
    {
        var sentences = Sentence().Matches(text).Take(count).Select(m => m.Value.Trim()).ToList();
        if (sentences.Count > 0) return string.Join(' ', sentences);
        return text.Length <= 300 ? text : text[..300].TrimEnd() + "…";
    }
}
