using ContentPipeline.Bench;
using ContentPipeline.Enrichment.Understanding;
using ContentPipeline.Recommendation.Related;
using ContentPipeline.Search;

namespace ContentPipeline.Recommendation.Bench;

/// <summary>
/// Related-article quality on unc_dantri with the topic withheld from the engine: P@5 and P@10 of items that share
/// the source article's topic, next to Lucene's plain MoreLikeThis (title + lead + body, NFC, ASCII folding, default
/// settings) on the same text in the same run; also coverage (share of articles that appear in some list), full lists,
/// intra-list diversity (1 − cosine similarity of two items of a list, averaged over pairs; the same cosine for both
/// engines), lists holding two items of one story, lists holding a copy of the article (the same text under another id)
/// or one text twice, and lists full at the largest page size. Ours twice: on the words alone, and as the service ranks once
/// it has learnt the site's latent topics (<see cref="TopicSpace"/>), so every run shows what they add.
/// </summary>
internal static class Quality
{
    private const int Depth = 10;

    /// <summary>The largest related page the API serves (<c>RecommendationEndpoints.MaxRelatedSize</c>).</summary>
    private const int MaxPage = 20;

    /// <param name="keptTerms">By how many of its strongest terms ours finds each article (<see cref="ArticleNeighbours.KeptTerms"/> unless given).</param>
    public static void Run(string corpusFile, int keptTerms = ArticleNeighbours.KeptTerms)
    {
        var path = BenchCorpus.Find(corpusFile);
        var articles = BenchCorpus.Load(path, withholdCategory: true);
        if (articles.Any(a => a.Enriched.Category is not null)) throw new InvalidOperationException("a topic reached the engine");
        var topics = articles.ToDictionary(a => a.Id, a => a.Category!);
        var stories = articles.ToDictionary(a => a.Id, a => a.Enriched.StoryId);
        // Copies by the corpus's text, not by the engine's stories: the same normalised title, lead and body (every
        // record vnexpress_title_sapo_train marks duplicate_of is one) count as one article.
        var firstWithText = new Dictionary<string, string>(StringComparer.Ordinal);
        var copyOf = articles.ToDictionary(a => a.Id, a =>
        {
            var text = string.Join('\u0001', a.Enriched.NormalizedTitle, a.Enriched.NormalizedLead, a.Enriched.NormalizedBody);
            return firstWithText.TryAdd(text, a.Id) ? a.Id : firstWithText[text];
        });

        var neighbours = new ArticleNeighbours(keptTerms: keptTerms);
        foreach (var a in articles) neighbours.Put(new StoredArticle(IndexedArticle.Of(a.Id, 1, a.Enriched), ArticleWords.Of(a.Enriched)));
        var related = new RelatedArticles(neighbours);
        var took = new List<double>();
        var fullAtMost = 0;
        Dictionary<string, IReadOnlyList<string>> Lists() => articles.ToDictionary(a => a.Id, article =>
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            // As the kept lists do: ranked at their depth, then a page of one item per story.
            var ranked = related.Ranked(article.Id, RelatedLists.Depth)!;
            IReadOnlyList<string> page = RelatedArticles.Page(ranked, Depth, new ShownOnPage(neighbours, [])).Select(i => i.Id).ToList();
            took.Add(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            if (RelatedArticles.Page(ranked, MaxPage, new ShownOnPage(neighbours, [])).Count == MaxPage) fullAtMost++;
            return page;
        });
        // What the words alone give, then what the service ranks by once every article is read in at start.
        var wordsOnly = Lists();
        took.Clear();
        fullAtMost = 0;
        var learning = System.Diagnostics.Stopwatch.StartNew();
        neighbours.LearnTopics();
        var learnt = learning.Elapsed;
        var ours = Lists();

        using var plainIndex = new PlainIndex();
        plainIndex.Add(articles.Select(a => (a.Id, string.Join('\n', a.IndexedTitle, a.Lead ?? "", a.Body))));
        var plain = plainIndex.MoreLikeThisForAll(Depth);

        Console.WriteLine($"{articles.Count:N0} articles from {path}, {topics.Values.Distinct().Count()} topics withheld; lists of {Depth}; " +
            $"ours finds each article by its {keptTerms:N0} strongest terms");
        Console.WriteLine();
        Console.WriteLine("| engine | P@5 | P@10 | full lists | coverage | diversity | lists with one story twice | lists with a copy of the article | lists with one text twice |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        Console.WriteLine(Row("plain MoreLikeThis (baseline)", plain));
        Console.WriteLine(Row("ours, words only (latent topics not yet learnt)", wordsOnly));
        Console.WriteLine(Row("ours: RelatedArticles", ours));
        Console.WriteLine();
        PrintByTopic(articles, topics, plain, ours);
        // Where at least 20 other stories share a term with the article, its list at the largest size is full.
        var eligible = articles.Count(a => neighbours.Nearest(a.Id, int.MaxValue, c => c.StoryId != stories[a.Id])!.Select(n => n.Article.StoryId).Distinct().Take(MaxPage).Count() == MaxPage);
        Console.WriteLine($"Lists full at size {MaxPage}: {fullAtMost:N0} of {articles.Count:N0}; {eligible:N0} articles share a term with {MaxPage} stories or more.");
        // What each score is worth, on the lists as they would be without a floor: what chooses the floor.
        var unfloored = new RelatedArticles(neighbours, similarityFloor: 0);
        PrintScores(articles.SelectMany(a => unfloored.Ranked(a.Id, RelatedLists.Depth)!.Select(i => (i.Score, topics[i.Id] == topics[a.Id]))).ToList(), topics);
        Console.WriteLine($"Latent topics learnt in {learnt.TotalMilliseconds:N0} ms. Computing one list, one at a time: p50 {ClosedLoop.P(took, 50):F1} ms, p99 {ClosedLoop.P(took, 99):F1} ms");

        // What content can tell of the topics at all: enrichment's section classifier, taught the topics of four fifths of
        // the articles, guesses the fifth (five folds). An article whose words lead a classifier that has seen thousands of
        // labelled articles to another topic has neighbours, by the same words, in that other topic too.
        static void PrintByTopic(List<BenchArticle> articles, Dictionary<string, string> topics,
            Dictionary<string, IReadOnlyList<string>> plain, Dictionary<string, IReadOnlyList<string>> ours)
        {
            var guessedRight = new Dictionary<string, bool>(StringComparer.Ordinal);
            for (var fold = 0; fold < 5; fold++)
            {
                var taught = new ArticleEnricher(new CorpusStatistics(), new StoryIndex(), new LanguageDetection(["vi", "en"]));
                foreach (var a in articles.Where((_, i) => i % 5 != fold)) taught.Enrich(a.Id, a.Enriched.Content with { Category = a.Category });
                foreach (var a in articles.Where((_, i) => i % 5 == fold)) guessedRight[a.Id] = taught.Enrich(a.Id, a.Enriched.Content).Article.Category == a.Category;
            }
            double Right(IEnumerable<BenchArticle> set) => set.Average(a => guessedRight[a.Id] ? 1.0 : 0.0);
            double P5(Dictionary<string, IReadOnlyList<string>> lists, IEnumerable<BenchArticle> set) =>
                set.Average(a => lists[a.Id].Take(5).Count(id => topics[id] == a.Category) / 5.0);
            Console.WriteLine("By topic: the share of articles enrichment's section classifier, taught the topics of the other four fifths, gets right, next to P@5:");
            Console.WriteLine();
            Console.WriteLine("| topic | articles | classifier taught 4/5: right | plain P@5 | ours P@5 |");
            Console.WriteLine("| --- | ---: | ---: | ---: | ---: |");
            foreach (var group in articles.GroupBy(a => a.Category!).OrderByDescending(g => g.Count()))
                Console.WriteLine($"| {group.Key} | {group.Count():N0} | {Right(group):F3} | {P5(plain, group):F3} | {P5(ours, group):F3} |");
            Console.WriteLine($"| all | {articles.Count:N0} | {Right(articles):F3} | {P5(plain, articles):F3} | {P5(ours, articles):F3} |");
            Console.WriteLine();
        }

        static void PrintScores(List<(double Score, bool SameTopic)> items, Dictionary<string, string> topics)
        {
            // Two articles drawn at random share a topic this often: an item no likelier than that is a wrong one.
            var chance = topics.Values.GroupBy(t => t).Sum(g => Math.Pow(g.Count() / (double)topics.Count, 2));
            Console.WriteLine();
            Console.WriteLine($"Items of the kept lists ({RelatedLists.Depth} deep, no floor) by score (a random pair shares a topic {chance:F3} of the time):");
            Console.WriteLine();
            Console.WriteLine("| scores | items | same topic |");
            Console.WriteLine("| --- | ---: | ---: |");
            const double Width = 0.025;
            var bins = items.GroupBy(i => Math.Min((int)(i.Score / Width), 20)).OrderBy(g => g.Key)
                .Select(g => (From: g.Key * Width, Items: g.Count(), SameTopic: g.Count(i => i.SameTopic) / (double)g.Count())).ToList();
            foreach (var (from, count, sameTopic) in bins)
                Console.WriteLine($"| {(from >= 20 * Width ? $"{from:F3} and above" : $"{from:F3}–{from + Width:F3}")} | {count:N0} | {sameTopic:F3} |");
            // The floor: above every score band (of 50 items or more) whose items share the article's topic no more
            // than twice as often as two articles drawn at random.
            var poor = bins.Where(b => b.Items >= 50 && b.SameTopic <= 2 * chance).Select(b => b.From + Width).DefaultIfEmpty(0).Max();
            Console.WriteLine();
            Console.WriteLine($"Floor this corpus suggests: {poor:F3} (no band below it does better than twice chance, {2 * chance:F3}); " +
                $"RelatedArticles.SimilarityFloor is {RelatedArticles.SimilarityFloor:F3}.");
            Console.WriteLine();
        }

        string Row(string label, Dictionary<string, IReadOnlyList<string>> lists)
        {
            double Precision(int k) => lists.Average(l => l.Value.Take(k).Count(id => topics[id] == topics[l.Key]) / (double)k);
            var full = lists.Count(l => l.Value.Count >= Depth) / (double)lists.Count;
            var coverage = lists.Values.SelectMany(l => l).Distinct().Count() / (double)lists.Count;
            var diversity = lists.Values.Average(Unlikeness);
            var repeats = lists.Values.Count(l => l.Select(id => stories[id]).Distinct().Count() < l.Count);
            // Intra-list diversity: how unlike each other a list's items are, 1 − their cosine, averaged over its pairs.
            double Unlikeness(IReadOnlyList<string> list)
            {
                var similar = neighbours.Similarities(list);
                var pairs = list.SelectMany((_, a) => Enumerable.Range(a + 1, list.Count - a - 1).Select(b => 1 - similar[a, b])).ToList();
                return pairs.Count == 0 ? 0 : pairs.Average();
            }
            var copies = lists.Count(l => l.Value.Any(id => copyOf[id] == copyOf[l.Key]));
            var textTwice = lists.Values.Count(l => l.Select(id => copyOf[id]).Distinct().Count() < l.Count);
            return $"| {label} | {Precision(5):F3} | {Precision(10):F3} | {full:P1} | {coverage:P1} | {diversity:F3} | {repeats:N0} | {copies:N0} | {textTwice:N0} |";
        }
    }
}
