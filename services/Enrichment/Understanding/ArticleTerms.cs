namespace ContentPipeline.Enrichment.Understanding;

/// <summary>
/// A run of syllables (with their hashes, and which carry meaning), the weight of the part it came from, and the hash
/// of each syllable with the next (<c>Pairs[i]</c> for syllables i and i + 1; the last is unused).
/// </summary>
public sealed record SyllableRun(Syllables.Syllable[] Syllables, double Weight, ulong[] Pairs);

/// <summary>
/// The countable terms of one article: its content syllables and syllable pairs (hashed), each with a weighted count
/// (title 3, lead 2, body 1), and the runs they came from for longer phrases. Everything later stages need is
/// computed here once.
/// </summary>
public sealed class ArticleTerms
{
    public const double TitleWeight = 3, LeadWeight = 2, BodyWeight = 1;

    public IReadOnlyList<SyllableRun> Runs { get; }

    /// <summary>A syllable or pair of the article: its weighted count, how often it occurs, and where it first does.</summary>
    public struct Term
    {
        public double Weight;
        public int Occurrences, Run, Start, Length;
    }

    /// <summary>Every syllable and syllable pair of the article, by hash.</summary>
    public Dictionary<ulong, Term> Counts { get; }

    /// <summary>How many content syllables the article has: the length its counts are out of.</summary>
    public int Tokens { get; private set; }

    public ArticleTerms(string title, string lead, string body)
    {
        var runs = new List<SyllableRun>();
        var seen = new HashSet<ulong>();
        foreach (var (text, weight) in new[] { (title, TitleWeight), (lead, LeadWeight), (body, BodyWeight) })
        {
            foreach (var read in Understanding.Syllables.Read(text))
            {
                // A headline repeated as the body's first line (common in scraped text) is one sentence, not two.
                if (!seen.Add(RunHash(read))) continue;
                var pairs = new ulong[read.Length];
                for (var i = 0; i + 1 < read.Length; i++) pairs[i] = Understanding.Syllables.Extend(read[i].Hash, read[i + 1].Text);
                runs.Add(new SyllableRun(read, weight, pairs));
            }
        }
        Runs = runs;
        // A syllable and a pair per syllable at most: sized once, never grown.
        Counts = new Dictionary<ulong, Term>(Math.Min(2 * runs.Sum(r => r.Syllables.Length), 65_536));
        for (var r = 0; r < runs.Count; r++)
        {
            var (syllables, weight, pairs) = runs[r];
            for (var i = 0; i < syllables.Length; i++)
            {
                if (!syllables[i].Content) continue;
                Tokens++;
                Add(syllables[i].Hash, weight, r, i, 1);
                if (i + 1 < syllables.Length && syllables[i + 1].Content) Add(pairs[i], weight, r, i, 2);
            }
        }
    }

    private static ulong RunHash(Syllables.Syllable[] run)
    {
        var hash = 14695981039346656037UL;
        foreach (var syllable in run) hash = (hash ^ syllable.Hash) * 1099511628211UL;
        return hash;
    }

    private void Add(ulong hash, double weight, int run, int start, int length)
    {
        ref var term = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(Counts, hash, out var known);
        if (!known) (term.Run, term.Start, term.Length) = (run, start, length);
        term.Weight += weight;
        term.Occurrences++;
    }
}
