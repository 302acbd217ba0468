using System.Text.Json.Serialization;
using ContentPipeline.Search;

namespace ContentPipeline.Recommendation.Related;

public sealed record RecommendedItem(string Id, string Title, string? Lead, string? Url, DateTimeOffset? PublishedAt, double Score, string Reason)
{
    /// <summary>Which story the item belongs to: a page shows one item per story.</summary>
    [JsonIgnore] public string? StoryId { get; init; }

    /// <summary>Its lead image, for the thumbnail; null when it has none.</summary>
    public string? ImageUrl { get; init; }

    /// <summary>What the image shows; null when the source did not say.</summary>
    public string? ImageAlt { get; init; }

    public static RecommendedItem Of(IndexedArticle article, double score, string reason) =>
        new(article.Id, article.Title, article.Lead, article.Url, article.PublishedAt, Math.Round(score, 4), reason)
        {
            StoryId = article.StoryId, ImageUrl = article.ImageUrl, ImageAlt = article.ImageAlt,
        };
}

/// <summary>
/// An article in a kept related list and its score (rounded as shown): sixteen bytes, where the item a reader is shown
/// (<see cref="RelatedArticles.Item"/>) is made when asked for. Sixty are kept per article: as items with their
/// reasons they were about a tenth of recommendation's live heap (a gcdump at 6,300 articles, docs/benchmarks.md).
/// </summary>
public readonly record struct RelatedCandidate(IndexedArticle Article, double Score)
{
    public static RelatedCandidate Of(IndexedArticle article, double score) => new(article, Math.Round(score, 4));
}

/// <summary>
/// "Có thể bạn quan tâm": the articles whose words and subject are most like this one's
/// (<see cref="ArticleNeighbours"/>), nearer still when written about the same time, and not several that repeat each
/// other; one per story, never the article itself, its own story, the articles its page already links to, or what the
/// caller excludes.
/// </summary>
public sealed class RelatedArticles(ArticleNeighbours neighbours, double similarityFloor = RelatedArticles.SimilarityFloor)
{
    /// <summary>How far apart in time two articles are when the later one's similarity counts three quarters.</summary>
    public static readonly TimeSpan RecencyHalfLife = TimeSpan.FromDays(30);

    /// <summary>
    /// The share of a candidate's score that its similarity to an item ranked before it takes away: at 0.2 a
    /// near-copy of an earlier item keeps four fifths (bench/Recommendation.Bench -- quality weighs the trade).
    /// </summary>
    public const double Diversity = 0.2;

    /// <summary>
    /// Below this score (similarity times recency) an item is not shown: a shorter list beats a wrong one. Chosen by
    /// bench/Recommendation.Bench -- quality, which prints what share of items at each score share the article's topic
    /// and the score under which they do no better than twice chance, per corpus; this is the lowest of those
    /// (docs/benchmarks.md) but bbc_news's 0.050, whose band below 0.075 is on that line (0.410 against 0.406) where
    /// unc_dantri's is well below it (0.140 against 0.200). It holds once the site's topics are learnt: before, on a
    /// site of a few dozen articles, scores run on a smaller scale (the words' cosine alone, divided by the topics'
    /// weights too) and no floor applies.
    /// </summary>
    public const double SimilarityFloor = 0.075;

    /// <summary>
    /// How many articles of one story a kept list holds: a page shows one, the next stands in when the caller excludes
    /// the first (or a copy of it). Kept lists holding every article of a story used up their depth on big stories and
    /// came back with six or seven items at size 20 (issue 19).
    /// </summary>
    public const int PerStory = 2;

    /// <summary>How many of the first candidates are ordered for diversity (a page holds at most 20); those after follow by score.</summary>
    private const int DiverseHead = 20;

    /// <summary>
    /// Candidates best first, never the article itself or another of its story, <see cref="PerStory"/> of each other
    /// story, so that one left out by the caller leaves its story's next in line. Null when the article is not known.
    /// </summary>
    public IReadOnlyList<RecommendedItem>? Ranked(string articleId, int depth) =>
        neighbours.Get(articleId) is { } article && Candidates(articleId, depth) is { } candidates
            ? candidates.Select(c => Item(article, c)).ToList()
            : null;

    /// <summary>
    /// <see cref="Ranked"/> as the kept lists hold it; <paramref name="alsoConsider"/> (the articles whose lists hold
    /// this one) are weighed whether or not this article's own terms find them.
    /// </summary>
    public RelatedCandidate[]? Candidates(string articleId, int depth, IEnumerable<string>? alsoConsider = null)
    {
        var article = neighbours.Get(articleId);
        if (article is null) return null;
        // Every candidate with its exact similarity: recency may lift one from far down, and a story with many
        // articles must not use up the depth (PerStory).
        var nearest = neighbours.Nearest(articleId, int.MaxValue, c => Admits(article, c), alsoConsider);
        if (nearest is null) return null;
        var floor = neighbours.TopicsLearnt > 0 ? similarityFloor : 0;
        var perStory = new Dictionary<string, int>(StringComparer.Ordinal);
        var scored = nearest
            .Select(n => (n.Article, Score: n.Similarity * Recency(article.PublishedAt, n.Article.PublishedAt)))
            .OrderByDescending(c => c.Score)
            .Where(c => c.Score >= floor && (perStory[c.Article.StoryId] = perStory.GetValueOrDefault(c.Article.StoryId) + 1) <= PerStory)
            .ToList();
        return Diversify(scored)
            .Take(depth)
            .Select(c => RelatedCandidate.Of(c.Article, c.Score))
            .ToArray();
    }

    /// <summary>The item a reader of <paramref name="reading"/> is shown for <paramref name="candidate"/>, with why.</summary>
    public RecommendedItem Item(IndexedArticle reading, RelatedCandidate candidate) =>
        RecommendedItem.Of(candidate.Article, candidate.Score, Reason(reading, candidate.Article));

    /// <summary>
    /// The item <paramref name="candidate"/> makes in <paramref name="readingId"/>'s list, at the score the reading
    /// article has in the candidate's list (similarity and recency are symmetric, but for where each side's nearest
    /// articles draw its topics: close enough to place it until the list is next computed); null when the reading
    /// article is unknown or the candidate may not stand there (one story, or linked from the reading article's page).
    /// </summary>
    public RelatedCandidate? CandidateFor(string readingId, IndexedArticle candidate, double score) =>
        neighbours.Get(readingId) is { } reading && Admits(reading, candidate)
            ? RelatedCandidate.Of(candidate, score)
            : null;

    private static bool Admits(IndexedArticle reading, IndexedArticle candidate) =>
        candidate.StoryId != reading.StoryId && !reading.LinkedArticleIds.Contains(candidate.Id);

    /// <summary>
    /// 1 for articles of the same moment, falling towards a half as they lie further apart: a 2019 article gets 2019's
    /// neighbours, a breaking story today's, while a much older article on the very same subject still qualifies.
    /// </summary>
    public static double Recency(DateTimeOffset? reading, DateTimeOffset? candidate)
    {
        if (reading is null || candidate is null) return 1;
        var apart = Math.Abs((reading.Value - candidate.Value).TotalDays);
        return 0.5 + 0.5 * Math.Pow(2, -apart / RecencyHalfLife.TotalDays);
    }

    /// <summary>
    /// Maximal marginal relevance over the head of the list: each next item is the one whose score, less
    /// <see cref="Diversity"/> of it for each unit of similarity to the nearest item already chosen, is highest, so
    /// five rewrites of one angle do not fill the block. Scaled by the score, not subtracted from it: scores run
    /// small on a small site and large on a big one.
    /// </summary>
    private IEnumerable<(IndexedArticle Article, double Score)> Diversify(List<(IndexedArticle Article, double Score)> ranked)
    {
        var head = ranked.Take(DiverseHead).ToList();
        var similar = neighbours.Similarities(head.Select(c => c.Article.Id).ToList());
        var closest = new double[head.Count];
        var chosen = new bool[head.Count];
        double Marginal(int i) => head[i].Score * (1 - Diversity * closest[i]);
        for (var round = 0; round < head.Count; round++)
        {
            var next = -1;
            for (var i = 0; i < head.Count; i++)
                if (!chosen[i] && (next < 0 || Marginal(i) > Marginal(next))) next = i;
            chosen[next] = true;
            yield return head[next];
            for (var i = 0; i < head.Count; i++) closest[i] = Math.Max(closest[i], similar[next, i]);
        }
        foreach (var rest in ranked.Skip(DiverseHead)) yield return rest;
    }

    /// <summary>The first <paramref name="size"/> items the page does not show yet (nor a copy of), one per story; they join what it shows.</summary>
    public static IReadOnlyList<RecommendedItem> Page(IEnumerable<RecommendedItem> ranked, int size, ShownOnPage shown)
    {
        var page = new List<RecommendedItem>(size);
        var stories = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in ranked)
        {
            if (page.Count == size) break;
            if (item.StoryId is not null && stories.Contains(item.StoryId)) continue;
            if (!shown.TryAdd(item.Id, item.StoryId)) continue;
            if (item.StoryId is not null) stories.Add(item.StoryId);
            page.Add(item);
        }
        return page;
    }

    /// <summary>
    /// A name more than this share of the site's articles name ("Hà Nội", "Trung Quốc" on a Vietnamese news site) says
    /// little about why two articles go together: the section says as much.
    /// </summary>
    public const double CommonNameShare = 0.02;

    /// <summary>On a small site every shared name tells something.</summary>
    private const int MinCommonNames = 10;

    /// <summary>
    /// Why a reader of <paramref name="reading"/> may want <paramref name="candidate"/>, in Vietnamese: the most telling
    /// thing both share — people, places and bodies both name (at most two) or a keyword both are most about
    /// ("Cùng nói về bẫy tín dụng đen"), whichever the fewest articles have, and only what few articles share — else
    /// their shared section.
    /// </summary>
    private string Reason(IndexedArticle reading, IndexedArticle candidate)
    {
        var common = Math.Max(MinCommonNames, (int)(neighbours.Count * CommonNameShare));
        var shared = reading.Entities.Where(e => candidate.Entities.Contains(e, StringComparer.OrdinalIgnoreCase))
            .Select(e => (Name: e, Articles: neighbours.ArticlesNaming(e)))
            .OrderBy(e => e.Articles)  // stable: equally telling names keep the reading article's order
            .ToList();
        var telling = shared.Where(e => e.Articles <= common).Take(2).ToList();
        // A name too many articles give ("Thái Lan") is no more telling as a keyword, where fewer count it.
        var keyword = neighbours.SharedKeywords(reading.Id, candidate.Id)
            .Where(k => k.Articles <= common && !IsCommonName(k.Keyword))
            .OrderBy(k => k.Articles)
            .Select(k => ((string Keyword, int Articles)?)k)
            .FirstOrDefault();
        if (keyword is { } rarer && (telling.Count == 0 || rarer.Articles < telling[0].Articles)) return $"Cùng nói về {rarer.Keyword}";
        if (telling.Count > 0) return $"Cùng nhắc đến {string.Join(", ", telling.Select(e => e.Name))}";
        if (reading.Category is not null && reading.Category == candidate.Category) return $"Cùng chuyên mục {candidate.Category}, nội dung gần nhau";
        return shared.Count > 0 ? $"Cùng nhắc đến {shared[0].Name}" : "Nội dung gần với bài đang đọc";

        bool IsCommonName(string keyword) => reading.Entities.FirstOrDefault(e => e.Equals(keyword, StringComparison.OrdinalIgnoreCase)) is { } name
            && neighbours.ArticlesNaming(name) > common;
    }
}
