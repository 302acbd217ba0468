namespace ContentPipeline.Enrichment.Understanding;

/// <summary>A run of syllables with their hashes, which syllables carry meaning, and the weight of the part it came from.</summary>
public sealed record SyllableRun(string[] Syllables, ulong[] Hashes, bool[] Content, double Weight);

/// <summary>
/// The countable terms of one article: its content syllables and syllable pairs (hashed), each with a weighted count
/// (title 3, lead 2, body 1), and the runs they came from for longer phrases. Everything later stages need is
/// computed here once.
/// </summary>
public sealed class ArticleTerms
{
    public const double TitleWeight = 3, LeadWeight = 2, BodyWeight = 1;

    public IReadOnlyList<SyllableRun> Runs { get; }

    /// <summary>Weighted count per term hash (syllable or syllable pair).</summary>
    public Dictionary<ulong, double> Counts { get; } = [];

    /// <summary>How many content syllables the article has: the length its counts are out of.</summary>
    public int Tokens { get; private set; }

    public ArticleTerms(string title, string lead, string body)
    {
        var runs = new List<SyllableRun>();
        foreach (var (text, weight) in new[] { (title, TitleWeight), (lead, LeadWeight), (body, BodyWeight) })
        {
            foreach (var syllables in Understanding.Syllables.Runs(text))
            {
                var run = new SyllableRun(syllables, new ulong[syllables.Length], new bool[syllables.Length], weight);
                for (var i = 0; i < syllables.Length; i++)
                {
                    run.Hashes[i] = Understanding.Syllables.Hash(syllables[i]);
                    run.Content[i] = Understanding.Syllables.IsContent(syllables[i]);
                }
                runs.Add(run);
            }
        }
        Runs = runs;
        foreach (var run in runs)
        {
            for (var i = 0; i < run.Syllables.Length; i++)
            {
                if (!run.Content[i]) continue;
                Tokens++;
                Add(run.Hashes[i], run.Weight);
                if (i + 1 < run.Syllables.Length && run.Content[i + 1]) Add(Understanding.Syllables.Extend(run.Hashes[i], run.Syllables[i + 1]), run.Weight);
            }
        }
    }

    private void Add(ulong term, double weight)
    {
        ref var count = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(Counts, term, out _);
        count += weight;
    }
}
