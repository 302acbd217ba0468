using ContentPipeline.Bench;
using ContentPipeline.Recommendation.Related;
using ContentPipeline.Search;

namespace ContentPipeline.Recommendation.Bench;

/// <summary>
/// What related items say about why they are there: over every article's first five items (topics learnt, as the
/// service ranks once every article is read in), how many name a keyword both are about, people or places both name,
/// only the shared section, or nothing; and a dozen random articles' lists with their reasons, to be read.
/// </summary>
internal static class Reasons
{
    private const int Items = 5;
    private const int Shown = 12;

    public static void Run(string corpusFile)
    {
        var articles = BenchCorpus.Load(BenchCorpus.Find(corpusFile));
        var neighbours = new ArticleNeighbours();
        foreach (var a in articles) neighbours.Put(new StoredArticle(IndexedArticle.Of(a.Id, 1, a.Enriched), ArticleWords.Of(a.Enriched)));
        neighbours.LearnTopics();
        var related = new RelatedArticles(neighbours);
        var random = new Random(3);
        var shown = articles.Select(a => a.Id).OrderBy(_ => random.Next()).Take(Shown).ToHashSet();
        var kinds = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var article in articles)
        {
            var items = related.Ranked(article.Id, Items) ?? [];
            foreach (var item in items)
            {
                var kind = Kind(item.Reason);
                kinds[kind] = kinds.GetValueOrDefault(kind) + 1;
            }
            if (!shown.Contains(article.Id)) continue;
            Console.WriteLine($"- **{Short(article.Enriched.Content.Title)}** (keywords: {string.Join(", ", article.Enriched.Keywords.Take(ReasonKeywords.Kept).Select(k => k.Term))})");
            foreach (var item in items) Console.WriteLine($"  - {Short(item.Title)} — *{item.Reason}*");
        }
        var all = kinds.Values.Sum();
        Console.WriteLine();
        Console.WriteLine($"| {corpusFile}: reasons of the first {Items} items | items | share |");
        Console.WriteLine("| --- | ---: | ---: |");
        foreach (var (kind, count) in kinds) Console.WriteLine($"| {kind} | {count:N0} | {count / (double)all:P1} |");
    }

    private static string Kind(string reason) =>
        reason.StartsWith("Cùng nói về ", StringComparison.Ordinal) ? "a keyword both are about (Cùng nói về …)"
        : reason.StartsWith("Cùng nhắc đến ", StringComparison.Ordinal) ? "names both give (Cùng nhắc đến …)"
        : reason.StartsWith("Cùng chuyên mục ", StringComparison.Ordinal) ? "the section only (Cùng chuyên mục …)"
        : "nothing named (Nội dung gần với bài đang đọc)";

    private static string Short(string text) => text.Length <= 80 ? text : text[..80] + "…";
}
