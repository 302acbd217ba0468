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

    /// <summary>A syllable run seen in the article, known by its hash and its first place; spelt out only if chosen.</summary>
    private struct Candidate
    {
        public ulong Hash;
        public int Run, Start, Length, Occurrences;
        public double Weight, Score;
        public bool Absorbed;
    }

    public static IReadOnlyList<WeightedKeyword> Extract(ArticleTerms terms, CorpusStatistics corpus) => corpus.Read(view => Extract(terms, view));

    private static IReadOnlyList<WeightedKeyword> Extract(ArticleTerms terms, CorpusStatistics.View corpus)
    {
        var runs = terms.Runs;
        var index = new Dictionary<ulong, int>();
        var candidates = new List<Candidate>();
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

        // Syllables and pairs first; longer runs only where their first pair recurs (or stands in the title): a run
        // of three or four syllables seen once is a chance juxtaposition, not a term.
        var pairs = new ulong[runs.Count][];
        for (var r = 0; r < runs.Count; r++)
        {
            var run = runs[r];
            pairs[r] = new ulong[run.Syllables.Length];
            for (var i = 0; i < run.Syllables.Length; i++)
            {
                if (!run.Content[i]) continue;
                Count(run.Hashes[i], r, i, 1);
                if (i + 1 >= run.Syllables.Length || !run.Content[i + 1]) continue;
                pairs[r][i] = Syllables.Extend(run.Hashes[i], run.Syllables[i + 1]);
                Count(pairs[r][i], r, i, 2);
            }
        }
        for (var r = 0; r < runs.Count; r++)
        {
            var run = runs[r];
            for (var i = 0; i + 2 < run.Syllables.Length; i++)
            {
                if (pairs[r][i] == 0 || !run.Content[i + 2]) continue;
                if (candidates[index[pairs[r][i]]].Occurrences < 2 && run.Weight < ArticleTerms.TitleWeight) continue;
                var three = Syllables.Extend(pairs[r][i], run.Syllables[i + 2]);
                Count(three, r, i, 3);
                if (i + 3 < run.Syllables.Length && run.Content[i + 3]) Count(Syllables.Extend(three, run.Syllables[i + 3]), r, i, 4);
            }
        }

        var all = CollectionsMarshal.AsSpan(candidates);
        foreach (ref var candidate in all)
        {
            if (candidate.Length > 2 && candidate.Occurrences < 2 && candidate.Weight < ArticleTerms.TitleWeight) continue;
            // Syllables and pairs have their own document frequency; a longer run is as rare as its pairs are on average.
            var idf = candidate.Length <= 2 ? corpus.Idf(candidate.Hash) : AveragePairIdf(pairs[candidate.Run], candidate.Start, candidate.Length, corpus);
            candidate.Score = candidate.Weight * idf * Math.Sqrt(candidate.Length);
        }

        // A part that mostly occurs inside a longer run gives the run its score and drops out.
        for (var length = 4; length >= 2; length--)
        {
            foreach (ref var longer in all)
            {
                if (longer.Length != length || longer.Score == 0) continue;
                foreach (var partHash in Parts(runs[longer.Run], longer.Start, longer.Length))
                {
                    if (!index.TryGetValue(partHash, out var p)) continue;
                    ref var part = ref all[p];
                    if (part.Absorbed || part.Score == 0 || part.Occurrences > longer.Occurrences * 1.5) continue;
                    part.Absorbed = true;
                    longer.Score = Math.Max(longer.Score, part.Score);
                }
            }
        }

        var ranked = new List<int>();
        for (var i = 0; i < all.Length; i++) if (!all[i].Absorbed && all[i].Score > 0) ranked.Add(i);
        ranked.Sort((a, b) => candidates[b].Score.CompareTo(candidates[a].Score) is var byScore and not 0 ? byScore : candidates[a].Hash.CompareTo(candidates[b].Hash));
        var chosen = new List<(string Text, double Score)>();
        foreach (var i in ranked)
        {
            var candidate = candidates[i];
            var text = string.Join(' ', runs[candidate.Run].Syllables, candidate.Start, candidate.Length);
            if (chosen.Any(c => Overlaps(c.Text, text))) continue;
            chosen.Add((text, candidate.Score));
            if (chosen.Count == MaxKeywords) break;
        }
        if (chosen.Count == 0) return [];
        var top = chosen[0].Score;
        return [.. chosen.Select(c => new WeightedKeyword(c.Text, Math.Round(c.Score / top, 3)))];
    }

    private static double AveragePairIdf(ulong[] pairs, int start, int length, CorpusStatistics.View corpus)
    {
        var sum = 0.0;
        for (var i = start; i < start + length - 1; i++) sum += corpus.Idf(pairs[i]);
        return sum / (length - 1);
    }

    /// <summary>The hashes of every shorter run inside a run: "hội đồng nhân" … "dân".</summary>
    private static List<ulong> Parts(SyllableRun run, int from, int length)
    {
        var parts = new List<ulong>();
        for (var start = from; start < from + length; start++)
        {
            var hash = run.Hashes[start];
            for (var end = start + 1; end <= from + length; end++)
            {
                if (end > start + 1) hash = Syllables.Extend(hash, run.Syllables[end - 1]);
                if (end - start < length) parts.Add(hash);
            }
        }
        return parts;
    }

    /// <summary>One keyword inside the other, as whole syllables.</summary>
    private static bool Overlaps(string a, string b) =>
        $" {a} ".Contains($" {b} ", StringComparison.Ordinal) || $" {b} ".Contains($" {a} ", StringComparison.Ordinal);
}
