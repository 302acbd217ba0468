using System.Runtime.InteropServices;
using ContentPipeline.Contracts;

namespace ContentPipeline.Enrichment.Understanding;

/// <summary>
/// Keywords by TF-IDF over syllables and syllable runs, with corpus statistics for the IDF. A run of up to four
/// syllables that mostly occurs whole ("hội đồng nhân dân") takes the place of its parts, so a multi-syllable word
/// scores as a unit and not as three common syllables.
/// </summary>
public static class KeywordExtractor
{
    private const int MaxKeywords = 12;
    private const double SingleSyllable = 0.7;

    /// <summary>A syllable run seen in the article, known by its hash and its first place; spelt out only if chosen.</summary>
    private struct Candidate
    {
        public ulong Hash;
        public int Run, Start, Length, Occurrences;
        public double Weight, Score;
        public bool Absorbed;
    }

    [ThreadStatic] private static Dictionary<ulong, int>? t_index;
    [ThreadStatic] private static List<Candidate>? t_candidates;

    public static IReadOnlyList<WeightedKeyword> Extract(ArticleTerms terms, CorpusStatistics corpus) => corpus.Read(view => Extract(terms, view));

    private static IReadOnlyList<WeightedKeyword> Extract(ArticleTerms terms, CorpusStatistics.View corpus)
    {
        var runs = terms.Runs;
        // Each thread keeps its working tables from one article to the next: allocating them afresh for every article
        // (and growing them as it is read) was a good part of enrichment's garbage.
        var index = t_index ??= new Dictionary<ulong, int>(4096);
        var candidates = t_candidates ??= new List<Candidate>(4096);
        index.Clear();
        candidates.Clear();
        void Count(ulong hash, int run, int start, int length)
        {
            ref var at = ref CollectionsMarshal.GetValueRefOrAddDefault(index, hash, out var exists);
            if (!exists)
            {
                at = candidates.Count;
                candidates.Add(new Candidate { Hash = hash, Run = run, Start = start, Length = length });
            }
            ref var candidate = ref CollectionsMarshal.AsSpan(candidates)[at];
            candidate.Occurrences++;
            candidate.Weight += runs[run].Weight;
        }

        // Syllables and pairs as the article's terms counted them; longer runs only where their first pair recurs: a
        // run of three or four syllables seen once is a chance juxtaposition, not a term.
        foreach (var (hash, term) in terms.Counts)
        {
            index[hash] = candidates.Count;
            candidates.Add(new Candidate { Hash = hash, Run = term.Run, Start = term.Start, Length = term.Length, Occurrences = term.Occurrences, Weight = term.Weight });
        }
        for (var r = 0; r < runs.Count; r++)
        {
            var (syllables, _, pairs) = runs[r];
            for (var i = 0; i + 2 < syllables.Length; i++)
            {
                if (!syllables[i].Content || !syllables[i + 1].Content || !syllables[i + 2].Content || terms.Counts[pairs[i]].Occurrences < 2) continue;
                var three = Syllables.Extend(pairs[i], syllables[i + 2].Text);
                Count(three, r, i, 3);
                if (i + 3 < syllables.Length && syllables[i + 3].Content) Count(Syllables.Extend(three, syllables[i + 3].Text), r, i, 4);
            }
        }

        var all = CollectionsMarshal.AsSpan(candidates);
        foreach (ref var candidate in all)
        {
            if (candidate.Length > 2 && candidate.Occurrences < 2) continue;
            // Syllables and pairs have their own document frequency; a longer run is as rare as its pairs are on average.
            // A pair is a word only if its syllables keep each other's company across the corpus: "cảnh sát" nearly
            // always appear together, "hướng lạng" (the end of one word and the start of the next) almost never.
            var syllables = runs[candidate.Run].Syllables;
            var (idf, cohesion) = (0.0, 1.0);
            if (candidate.Length == 1) idf = corpus.Idf(candidate.Hash);
            for (var i = candidate.Start; i < candidate.Start + candidate.Length - 1; i++)
            {
                var pair = runs[candidate.Run].Pairs[i];
                idf += corpus.Idf(pair) / (candidate.Length - 1);
                cohesion = Math.Min(cohesion, Cohesion(pair, syllables[i].Hash, syllables[i + 1].Hash, corpus));
            }
            // Most Vietnamese words are two syllables: a lone syllable is more often part of one than a word itself.
            candidate.Score = candidate.Weight * idf * Math.Sqrt(cohesion) * (candidate.Length == 1 ? SingleSyllable : Math.Sqrt(candidate.Length));
        }

        // A part (every shorter run inside: "hội đồng nhân" … "dân") that mostly occurs inside a longer run gives the
        // run its score and drops out. Only runs that recur
        // (or stand in the title) can take their parts' place: a pair seen once says nothing about its syllables.
        for (var length = 4; length >= 2; length--)
        {
            foreach (ref var longer in all)
            {
                if (longer.Length != length || longer.Score == 0 || (longer.Occurrences < 2 && longer.Weight < ArticleTerms.TitleWeight)) continue;
                var run = runs[longer.Run];
                for (var start = longer.Start; start < longer.Start + longer.Length; start++)
                {
                    var partHash = run.Syllables[start].Hash;
                    for (var end = start + 1; end <= longer.Start + longer.Length; end++)
                    {
                        if (end > start + 1) partHash = Syllables.Extend(partHash, run.Syllables[end - 1].Text);
                        if (end - start == longer.Length || !index.TryGetValue(partHash, out var p)) continue;
                        ref var part = ref all[p];
                        if (part.Absorbed || part.Score == 0 || part.Occurrences > longer.Occurrences * 1.5) continue;
                        part.Absorbed = true;
                        longer.Score = Math.Max(longer.Score, part.Score);
                    }
                }
            }
        }

        // Highest score first; equal scores in hash order, so the choice never depends on the order of the text.
        var order = new List<int>();
        var keys = new List<(double, ulong)>();
        for (var i = 0; i < all.Length; i++)
        {
            if (all[i].Absorbed || all[i].Score == 0) continue;
            order.Add(i);
            keys.Add((-all[i].Score, all[i].Hash));
        }
        CollectionsMarshal.AsSpan(keys).Sort(CollectionsMarshal.AsSpan(order));
        var chosen = new List<(string Text, double Score)>();
        foreach (var i in order)
        {
            var candidate = candidates[i];
            var text = Syllables.Join(runs[candidate.Run].Syllables.AsSpan(candidate.Start, candidate.Length));
            if (chosen.Any(c => Overlaps(c.Text, text))) continue;
            chosen.Add((text, candidate.Score));
            if (chosen.Count == MaxKeywords) break;
        }
        if (chosen.Count == 0) return [];
        var top = chosen[0].Score;
        return [.. chosen.Select(c => new WeightedKeyword(c.Text, Math.Round(c.Score / top, 3)))];
    }

    /// <summary>How often a pair's syllables occur together, out of how often the rarer of them occurs at all (0..1).</summary>
    private static double Cohesion(ulong pair, ulong first, ulong second, CorpusStatistics.View corpus) =>
        (corpus.DocumentFrequency(pair) + 1.0) / (Math.Min(corpus.DocumentFrequency(first), corpus.DocumentFrequency(second)) + 1.0);

    /// <summary>One keyword inside the other, as whole syllables.</summary>
    private static bool Overlaps(string a, string b) =>
        $" {a} ".Contains($" {b} ", StringComparison.Ordinal) || $" {b} ".Contains($" {a} ", StringComparison.Ordinal);
}
