using System.Diagnostics;
using System.Text.Json;
using ContentPipeline.Bench;
using ContentPipeline.Contracts;
using ContentPipeline.Enrichment.Understanding;
using ContentPipeline.Text;

// Enrichment on unc_dantri, on one thread: speed and memory next to the floor every enrichment pays (NFC and
// splitting into syllables), section inference with a held-back fifth, and story grouping (false merges, and
// rewrites found). Usage: dotnet run -c Release --project bench/Enrichment.Bench [-- path/to/unc_dantri.jsonl]
const int Copies = 3, Rounds = 3;
var path = BenchCorpus.Find(args.FirstOrDefault() ?? "unc_dantri.jsonl");
var articles = File.ReadLines(path).Select(line => JsonDocument.Parse(line).RootElement).Select(e =>
{
    var body = e.GetProperty("body").GetString()!;
    return (Id: e.GetProperty("id").GetString()!, Content: new ArticleContent
    {
        Title = e.GetProperty("title").GetString() ?? body.Split('\n', 2)[0],
        Lead = e.GetProperty("lead").GetString(),
        Body = body,
        Category = e.GetProperty("category").GetString(),
    });
}).ToList();
var languages = new LanguageDetection(["vi", "en"]);
Console.WriteLine($"{articles.Count:N0} articles from {path}; {Copies} copies with new ids per round; best of {Rounds} rounds, one thread");

// Speed: the floor, then the whole enrichment, each over the same articles.
var floor = Best(() => Rate(() =>
{
    var syllables = 0;
    foreach (var (_, content) in Copy())
        syllables += Syllables.Read(VietnameseText.Normalize(content.Title) + "\n" + VietnameseText.Normalize(content.Lead) + "\n" + VietnameseText.Normalize(content.Body)).Sum(r => r.Length);
    return syllables;
}));
var enrichment = Best(() => Rate(() =>
{
    var enricher = new ArticleEnricher(new CorpusStatistics(), new StoryIndex(), languages);
    var keywords = 0;
    foreach (var (id, content) in Copy()) keywords += enricher.Enrich(id, content).Article.Keywords.Count;
    return keywords;
}));
var peak = Process.GetCurrentProcess().PeakWorkingSet64 / 1e6;

// Sections: every fifth article without its section, after the rest taught the sections (all five folds).
var folds = Enumerable.Range(0, 5).Select(fold =>
{
    var enricher = new ArticleEnricher(new CorpusStatistics(), new StoryIndex(), languages);
    foreach (var (id, content) in articles.Where((_, i) => i % 5 != fold)) enricher.Enrich(id, content);
    return articles.Where((_, i) => i % 5 == fold)
        .Select(a => (Truth: a.Content.Category, Guess: enricher.Enrich(a.Id, a.Content with { Category = null }).Article))
        .ToList();
}).ToList();
var guesses = folds.SelectMany(f => f).ToList();
double Accuracy(IEnumerable<(string? Truth, EnrichedArticle Guess)> set) => set.Count(g => g.Guess.Category == g.Truth) / (double)Math.Max(1, set.Count());
var sure = guesses.Where(g => g.Guess.CategoryConfidence >= 0.8).ToList();

// Stories: unc_dantri has no duplicates, so every shared story id is a false merge; each article's rewrite (another
// headline, a dropped paragraph, a dateline and a credit) should join its original.
var stories = new ArticleEnricher(new CorpusStatistics(), new StoryIndex(), languages);
var storyIds = articles.Select(a => stories.Enrich(a.Id, a.Content).Article.StoryId).ToList();
var mergedPairs = articles.Select((a, i) => (a.Id, Story: storyIds[i])).Where(p => p.Story != p.Id).ToList();
var merged = mergedPairs.Count;
var withText = articles.Where(a => a.Content.Body.Split('\n').Length >= 3).ToList();
var found = withText.Count(a =>
{
    var paragraphs = a.Content.Body.Split('\n');
    var rewrite = a.Content with
    {
        Title = "Cập nhật: " + a.Content.Title,
        Body = "HÀ NỘI - " + string.Join('\n', paragraphs.Where((_, i) => i != paragraphs.Length / 2)) + "\nTheo Dân trí",
    };
    return stories.Enrich(a.Id + "-rewrite", rewrite).Article.StoryId == a.Id;
});

Console.WriteLine();
Console.WriteLine("| path (one thread) | articles/s | peak RSS |");
Console.WriteLine("| --- | ---: | ---: |");
Console.WriteLine($"| floor: NFC + tone placement + syllable split | {floor:N0} | |");
Console.WriteLine($"| enrichment: all of it, corpus statistics updated as it goes | {enrichment:N0} | {peak:N0} MB (whole process, language models included) |");
// What EnrichedArticle sends once instead of twice: a text normalising leaves as it was.
int Unchanged(Func<ArticleContent, string?> text) => articles.Count(a => VietnameseText.Normalize(text(a.Content)) == (text(a.Content) ?? ""));
Console.WriteLine($"Already normalised as given (each sent once on the bus): titles {Unchanged(c => c.Title):N0}, leads {Unchanged(c => c.Lead):N0}, " +
    $"bodies {Unchanged(c => c.Body):N0} of {articles.Count:N0}");
Console.WriteLine();
Console.WriteLine($"Section inference, held-back fifth (5 folds, {guesses.Count:N0} articles, {articles.Select(a => a.Content.Category).Distinct().Count()} sections): accuracy {Accuracy(guesses):P1}; "
    + $"{sure.Count / (double)guesses.Count:P0} of guesses have confidence >= 0.8, and those are right {Accuracy(sure):P1} of the time");
Console.WriteLine($"Stories: {merged} of {articles.Count:N0} distinct articles merged into another's story (false merges, {merged / (double)articles.Count:P2}); "
    + $"{found:N0} of {withText.Count:N0} rewrites joined their original ({found / (double)withText.Count:P1})");
// Named, so anyone can read the merged pairs in the corpus and judge them.
foreach (var (id, story) in mergedPairs) Console.WriteLine($"  merged: {id} joined the story of {story}");

IEnumerable<(string Id, ArticleContent Content)> Copy() =>
    Enumerable.Range(0, Copies).SelectMany(copy => articles.Select(a => ($"{a.Id}-r{copy}", a.Content)));

double Rate(Func<int> run)
{
    var paused = GC.GetTotalPauseDuration();
    var allocated = GC.GetTotalAllocatedBytes();
    var clock = Stopwatch.StartNew();
    var result = run();
    var elapsed = clock.Elapsed;
    var rate = Copies * articles.Count / elapsed.TotalSeconds;
    Console.WriteLine($"  {rate:N0} articles/s (checksum {result}; {(GC.GetTotalAllocatedBytes() - allocated) / (Copies * articles.Count) / 1024:N0} KB allocated an article, "
        + $"{(GC.GetTotalPauseDuration() - paused) / elapsed:P0} of the time in collections)");
    return rate;
}

static double Best(Func<double> run) => Enumerable.Range(0, Rounds).Select(_ => run()).Max();
