namespace ContentPipeline.Enrichment.Understanding;

/// <summary>A section inferred for an article that came without one, and how sure the inference is (0..1).</summary>
public sealed record InferredCategory(string Category, double Confidence);

/// <summary>
/// Multinomial naive Bayes over syllables and syllable pairs, trained by the corpus statistics as labelled articles
/// arrive: no model trained elsewhere, nothing to ship, and it learns each site's own sections.
/// </summary>
public static class CategoryClassifier
{
    /// <summary>Below this many labelled articles a guess is noise, and none is made.</summary>
    public const int MinimumLabelled = 20;

    public static InferredCategory? Infer(ArticleTerms terms, CorpusStatistics corpus) => corpus.Read(view => Infer(terms, view));

    private static InferredCategory? Infer(ArticleTerms terms, CorpusStatistics.View corpus)
    {
        var categories = corpus.Categories();
        var labelled = categories.Sum(c => c.Documents);
        if (categories.Count < 2 || labelled < MinimumLabelled || terms.Counts.Count == 0) return null;

        // log P(c) + Σ n(t)·log((n(c,t) + 1) / (tokens(c) + V)): the denominator's share is the same for every term,
        // so it is taken once per section, and a term absent from a section adds log 1 = 0 there.
        var vocabulary = Math.Max(1, corpus.Vocabulary);
        var scores = new double[categories.Count];
        var total = 0.0;
        foreach (var (term, counted) in terms.Counts)
        {
            var count = counted.Weight;
            total += count;
            var row = corpus.CategoryTermCounts(term);
            for (var i = 0; i < categories.Count; i++)
            {
                var index = categories[i].Index;
                if (index < row.Length && row[index] > 0) scores[i] += count * Math.Log(row[index] + 1.0);
            }
        }
        for (var i = 0; i < categories.Count; i++)
            scores[i] += Math.Log((categories[i].Documents + 1.0) / (labelled + categories.Count)) - total * Math.Log(categories[i].Tokens + vocabulary);

        // Naive Bayes is sure of itself to a fault; scaling by the article's length gives a confidence that means
        // something (a long article about football is surer than a headline).
        var scale = 1.0 / Math.Max(1.0, Math.Sqrt(total));
        var best = 0;
        for (var i = 1; i < scores.Length; i++) if (scores[i] > scores[best]) best = i;
        var mass = scores.Sum(s => Math.Exp((s - scores[best]) * scale));
        return new InferredCategory(categories[best].Name, Math.Round(1.0 / mass, 3));
    }
}
