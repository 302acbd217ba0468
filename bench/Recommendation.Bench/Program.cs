using System.Text;
using System.Text.Json;
using ContentPipeline.Contracts;
using ContentPipeline.Enrichment.Understanding;
using ContentPipeline.Recommendation.Related;
using ContentPipeline.Search.LuceneEngine;
using ContentPipeline.Text;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Queries.Mlt;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Lucene.Net.Util;
using Microsoft.Extensions.Logging.Abstractions;

// Related-article quality on unc_dantri with the topic withheld from the engine: P@5 and P@10 of items that share
// the source article's topic, next to Lucene's plain MoreLikeThis (title + lead + body, NFC, ASCII folding, default
// settings) on the same text in the same run; also coverage (share of articles that appear in some list), full lists,
// intra-list diversity (share of item pairs from different stories) and lists holding two items of one story.
// Usage: dotnet run -c Release --project bench/Recommendation.Bench [-- path/to/unc_dantri.jsonl]
const int Depth = 10;
var path = args.FirstOrDefault() ?? FindCorpus();
var records = File.ReadLines(path).Select(line => JsonDocument.Parse(line).RootElement).Select(e =>
{
    var body = e.GetProperty("body").GetString()!;
    return (Id: e.GetProperty("id").GetString()!, Topic: e.GetProperty("category").GetString()!, Content: new ArticleContent
    {
        Title = e.GetProperty("title").GetString() ?? body.Split('\n', 2)[0],
        Lead = e.GetProperty("lead").GetString(),
        Body = body,
        // No Category: the topic is what the lists are judged by, so the engine must not see it.
    });
}).ToList();
var topics = records.ToDictionary(r => r.Id, r => r.Topic);

var enricher = new ArticleEnricher(new CorpusStatistics(), new StoryIndex(), new LanguageDetection(["vi"]));
var enriched = records.Select(r => (r.Id, Article: enricher.Enrich(r.Id, r.Content).Article)).ToList();
var stories = enriched.ToDictionary(a => a.Id, a => a.Article.StoryId);
if (enriched.Any(a => a.Article.Category is not null)) throw new InvalidOperationException("a topic reached the engine");

var folder = System.IO.Directory.CreateTempSubdirectory("related-bench-").FullName;
var index = new LuceneArticleIndex(folder, NullLogger<LuceneArticleIndex>.Instance);
await Task.WhenAll(enriched.Select(a => index.UpsertAsync(a.Id, 1, a.Article, default)));
var related = new RelatedArticles(index);
var ours = new Dictionary<string, IReadOnlyList<string>>();
foreach (var (id, _) in enriched)
    ours[id] = (await related.ForAsync(id, Depth, new HashSet<string>(), default))!.Select(i => i.Id).ToList();

var plain = PlainMoreLikeThis(records.Select(r => (r.Id, string.Join('\n', r.Content.Title, r.Content.Lead ?? "", r.Content.Body))).ToList());

Console.WriteLine($"{records.Count:N0} articles from {path}, {topics.Values.Distinct().Count()} topics withheld; lists of {Depth}");
Console.WriteLine();
Console.WriteLine("| engine | P@5 | P@10 | full lists | coverage | diversity | lists with one story twice |");
Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
Console.WriteLine(Row("plain MoreLikeThis (baseline)", plain));
Console.WriteLine(Row("ours: RelatedArticles", ours));
index.Dispose();
System.IO.Directory.Delete(folder, true);

string Row(string label, Dictionary<string, IReadOnlyList<string>> lists)
{
    double Precision(int k) => lists.Average(l => l.Value.Take(k).Count(id => topics[id] == topics[l.Key]) / (double)k);
    var full = lists.Count(l => l.Value.Count >= Depth) / (double)lists.Count;
    var coverage = lists.Values.SelectMany(l => l).Distinct().Count() / (double)lists.Count;
    var pairs = lists.Values.SelectMany(l => l.SelectMany((a, i) => l.Skip(i + 1).Select(b => (a, b)))).ToList();
    var diversity = pairs.Count(p => stories[p.a] != stories[p.b]) / (double)Math.Max(1, pairs.Count);
    var repeats = lists.Values.Count(l => l.Select(id => stories[id]).Distinct().Count() < l.Count);
    return $"| {label} | {Precision(5):F3} | {Precision(10):F3} | {full:P1} | {coverage:P1} | {diversity:F3} | {repeats:N0} |";
}

static Dictionary<string, IReadOnlyList<string>> PlainMoreLikeThis(List<(string Id, string Text)> documents)
{
    using var directory = new RAMDirectory();
    using var analyzer = Analyzer.NewAnonymous((_, reader) =>
    {
        var tokenizer = new StandardTokenizer(LuceneVersion.LUCENE_48, reader);
        return new TokenStreamComponents(tokenizer, new ASCIIFoldingFilter(new LowerCaseFilter(LuceneVersion.LUCENE_48, tokenizer)));
    });
    // MoreLikeThis reads a document's terms from its term vectors.
    var withVectors = new FieldType(TextField.TYPE_NOT_STORED) { StoreTermVectors = true };
    using (var writer = new IndexWriter(directory, new IndexWriterConfig(LuceneVersion.LUCENE_48, analyzer)))
        foreach (var (id, text) in documents)
            writer.AddDocument([new StringField("id", id, Field.Store.YES), new Field("text", text.Normalize(NormalizationForm.FormC), withVectors)]);
    using var reader = DirectoryReader.Open(directory);
    var searcher = new IndexSearcher(reader);
    var mlt = new MoreLikeThis(reader) { Analyzer = analyzer, FieldNames = ["text"] };
    var lists = new Dictionary<string, IReadOnlyList<string>>();
    for (var doc = 0; doc < reader.MaxDoc; doc++)
    {
        var id = reader.Document(doc).Get("id");
        var query = new BooleanQuery { { mlt.Like(doc), Occur.SHOULD }, { new TermQuery(new Term("id", id)), Occur.MUST_NOT } };
        lists[id] = searcher.Search(query, Depth).ScoreDocs.Select(hit => searcher.Doc(hit.Doc).Get("id")).ToList();
    }
    return lists;
}

static string FindCorpus()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        var candidate = Path.Combine(dir.FullName, "shared", "data", "corpus", "unc_dantri.jsonl");
        if (File.Exists(candidate)) return candidate;
    }
    throw new FileNotFoundException("unc_dantri.jsonl not found; pass its path as the first argument.");
}
