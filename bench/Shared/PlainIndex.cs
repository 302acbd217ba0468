using System.Text;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Queries.Mlt;
using Lucene.Net.QueryParsers.Classic;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Lucene.Net.Util;

namespace ContentPipeline.Bench;

/// <summary>
/// The baseline the issues name: one Lucene field of the same text, NFC, standard tokens, lower case, ASCII folding;
/// searched through the classic QueryParser with OR between words, or asked for MoreLikeThis with its default
/// settings. What a team gets from Lucene without our work.
/// </summary>
internal sealed class PlainIndex : IDisposable
{
    private readonly RAMDirectory _directory = new();
    private readonly Analyzer _analyzer = Analyzer.NewAnonymous((_, reader) =>
    {
        var tokenizer = new StandardTokenizer(LuceneVersion.LUCENE_48, reader);
        return new TokenStreamComponents(tokenizer, new ASCIIFoldingFilter(new LowerCaseFilter(LuceneVersion.LUCENE_48, tokenizer)));
    });
    private DirectoryReader? _reader;
    private IndexSearcher? _searcher;

    // MoreLikeThis reads a document's terms from its term vectors.
    private static readonly FieldType TextWithVectors = new(TextField.TYPE_NOT_STORED) { StoreTermVectors = true };

    public void Add(IEnumerable<(string Id, string Text)> documents)
    {
        using var writer = new IndexWriter(_directory, new IndexWriterConfig(LuceneVersion.LUCENE_48, _analyzer));
        foreach (var (id, text) in documents)
            writer.AddDocument([new StringField("id", id, Field.Store.YES), new Field("text", Nfc(text), TextWithVectors)]);
        writer.Commit();
        _reader = DirectoryReader.Open(_directory);
        _searcher = new IndexSearcher(_reader);
    }

    public IReadOnlyList<string> Search(string text, int size)
    {
        var parser = new QueryParser(LuceneVersion.LUCENE_48, "text", _analyzer) { DefaultOperator = Operator.OR };
        var query = parser.Parse(QueryParserBase.Escape(Nfc(text)));
        return _searcher!.Search(query, size).ScoreDocs.Select(hit => _searcher.Doc(hit.Doc).Get("id")).ToList();
    }

    /// <summary>For every document, the ids MoreLikeThis (default settings) finds like it, best first, never itself.</summary>
    public Dictionary<string, IReadOnlyList<string>> MoreLikeThisForAll(int size)
    {
        var mlt = new MoreLikeThis(_reader!) { Analyzer = _analyzer, FieldNames = ["text"] };
        var lists = new Dictionary<string, IReadOnlyList<string>>();
        for (var doc = 0; doc < _reader!.MaxDoc; doc++)
        {
            var id = _reader.Document(doc).Get("id");
            var query = new BooleanQuery { { mlt.Like(doc), Occur.SHOULD }, { new TermQuery(new Term("id", id)), Occur.MUST_NOT } };
            lists[id] = _searcher!.Search(query, size).ScoreDocs.Select(hit => _searcher.Doc(hit.Doc).Get("id")).ToList();
        }
        return lists;
    }

    private static string Nfc(string text) => text.Normalize(NormalizationForm.FormC);

    public void Dispose()
    {
        _reader?.Dispose();
        _directory.Dispose();
        _analyzer.Dispose();
    }
}
