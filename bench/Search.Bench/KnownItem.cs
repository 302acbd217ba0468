using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using ContentPipeline.Search.LuceneEngine;
using ContentPipeline.Text;
using Microsoft.Extensions.Logging.Abstractions;

using ContentPipeline.Bench;

namespace ContentPipeline.Search.Bench;

/// <summary>
/// Known-item search as people type on phones: the query is a few consecutive words of one article's title, typed
/// accent-free or as written, and the article is the one to find. MRR@10 and Recall@10 for our engine and for the
/// plain Lucene baseline on the same text, in the same run. The last kinds change one of five words (issue 18): swapped
/// for a word of another title (a word the article does not have), one letter of a word of four letters or more
/// replaced (a typo), or its tone mark replaced by another (typed as written, the article holds the word only folded);
/// and the last runs two neighbouring words of three together, as in a web address ("hanoi").
/// </summary>
internal static partial class KnownItem
{
    private const int Depth = 10;

    [GeneratedRegex(@"\S+")]
    private static partial Regex Token();

    public static async Task RunAsync(string corpusFile, int sample, int seed)
    {
        var clock = Stopwatch.StartNew();
        var articles = BenchCorpus.Load(corpusFile);
        var groups = articles.ToDictionary(a => a.Id, a => a.Group);
        Console.WriteLine($"{corpusFile}: {articles.Count:N0} articles enriched in {clock.Elapsed.TotalSeconds:F1} s");

        var folder = Directory.CreateTempSubdirectory("known-item-").FullName;
        var ours = new LuceneArticleIndex(folder, NullLogger<LuceneArticleIndex>.Instance);
        await Task.WhenAll(articles.Select(a => ours.UpsertAsync(a.Id, 1, a.Enriched, default)));
        using var plain = new PlainIndex();
        plain.Add(articles.Select(a => (a.Id, string.Join('\n', a.IndexedTitle, a.Lead ?? "", a.Body))));

        // Targets: articles with a title of their own, one copy of each repeated record, in a fixed random sample.
        var random = new Random(seed);
        var targets = articles.Where(a => a.Title is not null && a.Group == a.Id).OrderBy(_ => random.Next()).Take(sample).ToList();
        Console.WriteLine($"{targets.Count:N0} target titles (seed {seed}); indexed in {clock.Elapsed.TotalSeconds:F1} s");
        Console.WriteLine();
        Console.WriteLine("| query | queries | plain MRR@10 | ours MRR@10 | plain Recall@10 | ours Recall@10 |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: |");

        var vocabulary = articles.Where(a => a.Title is not null).SelectMany(a => Words(a.Title!)).Distinct().ToArray();
        (int Words, bool AccentFree, Change Change)[] kinds =
        [
            (3, true, Change.None), (3, false, Change.None), (5, true, Change.None), (5, false, Change.None),
            (5, true, Change.Swapped), (5, true, Change.Typo), (5, false, Change.Tone), (3, true, Change.Joined),
        ];
        var misses = new List<string>();
        var windows = new[] { 3, 5 }.ToDictionary(n => n, n => Ceiling.Windows(articles.Where(a => a.Title is not null && a.Group == a.Id), n));
        foreach (var (words, accentFree, change) in kinds)
        {
            var plainScore = new Score();
            var ourScore = new Score();
            var lostTo = new Dictionary<string, int>(StringComparer.Ordinal);
            var ceiling = new List<double>();
            var plainTime = TimeSpan.Zero;
            var ourTime = TimeSpan.Zero;
            foreach (var target in targets)
            {
                var query = Query(target.Title!, words, accentFree, random, change, vocabulary);
                if (query is null) continue;
                var started = Stopwatch.GetTimestamp();
                plainScore.Add(Rank(plain.Search(query, Depth), target.Group, groups));
                plainTime += Stopwatch.GetElapsedTime(started);
                started = Stopwatch.GetTimestamp();
                var results = await ours.SearchAsync(new SearchQuery { Text = query, Size = Depth }, default);
                ourTime += Stopwatch.GetElapsedTime(started);
                if (change == Change.None && accentFree) ceiling.Add(Ceiling.ReciprocalRank(windows[words], FoldedWords(query), target.Group));
                var rank = Rank(results.Items.Select(h => h.Article.Id), target.Group, groups);
                ourScore.Add(rank);
                if (rank != 1 && change == Change.None && results.Items.Count > 0)
                    CollectionsMarshal.GetValueRefOrAddDefault(lostTo, LostTo(query, target.IndexedTitle, results.Items[0].Article.Title), out _)++;
            }
            var label = $"{words} words, {(accentFree ? "accent-free" : "as written")}{change switch
            {
                Change.Swapped => ", one swapped for another title's word",
                Change.Typo => ", one letter changed in one word",
                Change.Tone => ", one word's tone changed",
                Change.Joined => ", two of them typed joined",
                _ => "",
            }}";
            Console.WriteLine($"| {label} | {ourScore.Queries:N0} | {plainScore.Mrr:F3} | {ourScore.Mrr:F3} | {plainScore.Recall:F3} | {ourScore.Recall:F3} |");
            Console.Error.WriteLine($"  {label}: plain {plainTime.TotalMilliseconds / plainScore.Queries:F2} ms, ours {ourTime.TotalMilliseconds / ourScore.Queries:F2} ms a query");
            if (ceiling.Count > 0) misses.Add($"{label}: the best MRR@10 any engine could reach, seeing only the words: {ceiling.Average():F3}");
            if (lostTo.Count > 0) misses.Add($"{label}: {lostTo.Values.Sum():N0} not first; the first hit was {string.Join(", ", lostTo.OrderByDescending(l => l.Value).Select(l => $"{l.Key} {l.Value:N0}"))}");
        }
        // What the article lost to, where the query had no word changed: another title holding the same words
        // together is as good an answer to them (a series, a repeat the corpus does not mark); a shorter one more so,
        // as fewer of its words were left out of the query.
        Console.WriteLine();
        foreach (var line in misses) Console.WriteLine(line);
        Console.WriteLine($"\n(total {clock.Elapsed.TotalSeconds:F0} s)");
        ours.Dispose();  // before the folder goes: Lucene may still be merging into it
        Directory.Delete(folder, true);
    }

    internal enum Change { None, Swapped, Typo, Tone, Joined }

    /// <summary>
    /// The best an engine can do with an accent-free query of n consecutive title words and nothing else: every title
    /// holding those words together (folded) may have given it, a title of w such runs each with chance 1/w, so the
    /// best ranking puts titles by that chance, ties in any order (an exact copy is one of them; the corpus does not mark
    /// every one).
    /// </summary>
    private static class Ceiling
    {
        /// <summary>For each run of n folded words, the groups of the titles holding it and the chance each gives it.</summary>
        public static Dictionary<string, Dictionary<string, double>> Windows(IEnumerable<BenchArticle> titled, int n)
        {
            var windows = new Dictionary<string, Dictionary<string, double>>(StringComparer.Ordinal);
            foreach (var article in titled)
            {
                var words = FoldedWords(article.Title!);
                for (var i = 0; i + n <= words.Length; i++)
                {
                    var chances = CollectionsMarshal.GetValueRefOrAddDefault(windows, string.Join(' ', words.Skip(i).Take(n)), out _) ??= [];
                    chances[article.Group] = chances.GetValueOrDefault(article.Group) + 1.0 / (words.Length - n + 1);
                }
            }
            return windows;
        }

        /// <summary>
        /// The target's reciprocal rank (top ten) under that best ranking, averaged over the orders of its ties; 1 should
        /// its title's runs not hold the query (never seen), so the ceiling errs high.
        /// </summary>
        public static double ReciprocalRank(Dictionary<string, Dictionary<string, double>> windows, IEnumerable<string> query, string group)
        {
            if (!windows.TryGetValue(string.Join(' ', query), out var chances) || !chances.TryGetValue(group, out var own)) return 1;
            var above = chances.Values.Count(c => c > own);
            var tied = chances.Values.Count(c => c == own) - 1;
            return Enumerable.Range(above + 1, tied + 1).Average(rank => rank <= Depth ? 1.0 / rank : 0);
        }
    }

    /// <summary>How the title that came first compares with the article's, for a query of words of the article's title.</summary>
    private static string LostTo(string query, string title, string first)
    {
        var (asked, target, winner) = (FoldedWords(query), FoldedWords(title), FoldedWords(first));
        var together = Enumerable.Range(0, Math.Max(0, winner.Length - asked.Length + 1)).Any(i => winner.AsSpan(i, asked.Length).SequenceEqual(asked));
        if (!together) return "a title without those words together";
        if (winner.SequenceEqual(target)) return "the same title under another id";
        return winner.Length < target.Length ? "a shorter title with those words together"
            : winner.Length == target.Length ? "a title as long with those words together"
            : "a longer title with those words together";
    }

    /// <summary>
    /// <paramref name="count"/> consecutive words of the title from a random place, one of them changed as
    /// <paramref name="change"/> says (swapped for a word of <paramref name="vocabulary"/>); null when the title is
    /// shorter or has no word the change applies to.
    /// </summary>
    internal static string? Query(string title, int count, bool accentFree, Random random, Change change = Change.None, string[]? vocabulary = null)
    {
        var words = Words(title);
        if (words.Count < count) return null;
        var picked = words.Skip(random.Next(words.Count - count + 1)).Take(count).ToList();
        if (change == Change.Swapped) picked[random.Next(count)] = vocabulary![random.Next(vocabulary.Length)];
        if (change is Change.Typo or Change.Tone)
        {
            var candidates = Enumerable.Range(0, count).Where(i => change == Change.Typo
                ? VietnameseText.Fold(picked[i]).Count(char.IsAsciiLetter) >= 4
                : ToneChanged(picked[i], random) is not null).ToList();
            if (candidates.Count == 0) return null;
            var at = candidates[random.Next(candidates.Count)];
            picked[at] = change == Change.Typo ? Mistyped(VietnameseText.Fold(picked[at]).ToLowerInvariant(), random) : ToneChanged(picked[at], random)!;
        }
        if (change == Change.Joined)
        {
            // Two neighbouring words run together, as in a web address or a hashtag ("hanoi").
            var candidates = Enumerable.Range(0, count - 1).Where(i => (picked[i] + picked[i + 1]).All(char.IsLetter)).ToList();
            if (candidates.Count == 0) return null;
            var at = candidates[random.Next(candidates.Count)];
            picked[at] += picked[at + 1];
            picked.RemoveAt(at + 1);
        }
        var query = string.Join(' ', picked);
        return accentFree ? VietnameseText.Fold(query).ToLowerInvariant() : query;
    }

    /// <summary>One letter replaced by another letter, as a thumb slips.</summary>
    internal static string Mistyped(string word, Random random)
    {
        var letters = Enumerable.Range(0, word.Length).Where(i => char.IsAsciiLetter(word[i])).ToList();
        var at = letters[random.Next(letters.Count)];
        char replacement;
        do replacement = (char)('a' + random.Next(26)); while (replacement == word[at]);
        return string.Concat(word.AsSpan(0, at), replacement.ToString(), word.AsSpan(at + 1));
    }

    private static readonly char[] Tones = ['\u0300', '\u0301', '\u0303', '\u0309', '\u0323'];

    /// <summary>The word with its tone mark replaced by another (or one added), or null when it has no vowel to carry one.</summary>
    private static string? ToneChanged(string word, Random random)
    {
        var decomposed = word.Normalize(System.Text.NormalizationForm.FormD);
        var tone = decomposed.IndexOfAny(Tones);
        if (tone < 0)
        {
            // No mark: put one on the first vowel.
            var vowel = decomposed.IndexOfAny("aeiouyAEIOUY".ToCharArray());
            if (vowel < 0) return null;
            return decomposed.Insert(vowel + 1, Tones[random.Next(Tones.Length)].ToString()).Normalize(System.Text.NormalizationForm.FormC);
        }
        var other = Tones.Where(t => t != decomposed[tone]).ToArray();
        return string.Concat(decomposed.AsSpan(0, tone), other[random.Next(other.Length)].ToString(), decomposed.AsSpan(tone + 1)).Normalize(System.Text.NormalizationForm.FormC);
    }

    private static string[] FoldedWords(string text) => [.. Words(VietnameseText.Fold(text).ToLowerInvariant())];

    private static List<string> Words(string title) =>
        Token().Matches(title).Select(m => m.Value.Trim(Punctuation)).Where(w => w.Length > 0).ToList();

    private static readonly char[] Punctuation = ".,:;!?\"'“”‘’()[]…-–—/".ToCharArray();

    /// <summary>1-based rank of the first hit in the target's group, or 0 when none is in the list.</summary>
    private static int Rank(IEnumerable<string> ids, string group, Dictionary<string, string> groups)
    {
        var rank = 0;
        foreach (var id in ids)
        {
            rank++;
            if (groups[id] == group) return rank;
        }
        return 0;
    }

    private sealed class Score
    {
        private double _reciprocal;
        private int _found;
        public int Queries { get; private set; }
        public double Mrr => Queries == 0 ? 0 : _reciprocal / Queries;
        public double Recall => Queries == 0 ? 0 : (double)_found / Queries;

        public void Add(int rank)
        {
            Queries++;
            if (rank == 0) return;
            _found++;
            _reciprocal += 1.0 / rank;
        }
    }
}
