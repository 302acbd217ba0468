using System.Text;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.QueryParsers.Classic;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Lucene.Net.Util;

namespace ContentPipeline.Search.Bench;

/// <summary>
/// The baseline the issue names: one Lucene field of the same text, NFC, standard tokens, lower case, ASCII folding,
/// queried through the classic QueryParser with OR between words. What a team gets from Lucene without our work.
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

    public void Add(IEnumerable<(string Id, string Text)> documents)
    {
        using var writer = new IndexWriter(_directory, new IndexWriterConfig(LuceneVersion.LUCENE_48, _analyzer));
        foreach (var (id, text) in documents)
            writer.AddDocument([new StringField("id", id, Field.Store.YES), new TextField("text", Nfc(text), Field.Store.NO)]);
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

    private static string Nfc(string text) => text.Normalize(NormalizationForm.FormC);

    public void Dispose()
    {
        _reader?.Dispose();
        _directory.Dispose();
        _analyzer.Dispose();
    }
}
