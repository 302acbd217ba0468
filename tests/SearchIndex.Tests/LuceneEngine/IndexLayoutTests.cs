using ContentPipeline.Search;
using ContentPipeline.Search.LuceneEngine;
using ContentPipeline.Testing;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Store;
using Lucene.Net.Util;
using Microsoft.Extensions.Logging;

namespace ContentPipeline.SearchIndex.Tests.LuceneEngine;

public sealed class IndexLayoutTests
{
    [Fact]
    public async Task An_index_written_with_other_fields_is_reported_when_opened()
    {
        using var folder = new TempDirectory();
        // An index as the first release wrote it: documents, no layout mark.
        using (var directory = FSDirectory.Open(folder.Path))
        using (var writer = new IndexWriter(directory, new IndexWriterConfig(LuceneVersion.LUCENE_48, new StandardAnalyzer(LuceneVersion.LUCENE_48))))
            writer.AddDocument([new StringField("id", "old", Field.Store.YES)]);

        var log = new ListLogger();
        new LuceneArticleIndex(folder.Path, log).Dispose();
        var error = Assert.Single(log.Errors);
        Assert.Contains("rebuilt", error);

        // A new index is marked, and opens quietly the next time.
        using var fresh = new TempDirectory();
        var index = new LuceneArticleIndex(fresh.Path, new ListLogger());
        await index.UpsertAsync("a", 1, LuceneIndex.Article("Hà Nội"), TestContext.Current.CancellationToken);
        index.Dispose();
        var reopened = new ListLogger();
        new LuceneArticleIndex(fresh.Path, reopened).Dispose();
        Assert.Empty(reopened.Errors);
    }

    [Fact]
    public async Task Versions_of_documents_written_before_they_were_doc_values_are_still_checked()
    {
        using var folder = new TempDirectory();
        // A document as earlier releases wrote its identity: the version stored, no doc value.
        using (var directory = FSDirectory.Open(folder.Path))
        using (var writer = new IndexWriter(directory, new IndexWriterConfig(LuceneVersion.LUCENE_48, new StandardAnalyzer(LuceneVersion.LUCENE_48))))
        {
            writer.AddDocument([new StringField("id", "old", Field.Store.YES), new StringField("kind", "article", Field.Store.NO), new StoredField("version", 5L)]);
            writer.SetCommitData(new Dictionary<string, string> { ["contentpipeline.layout"] = LuceneFields.Layout });
        }

        using var index = new LuceneArticleIndex(folder.Path, new ListLogger());
        var ct = TestContext.Current.CancellationToken;
        Assert.Equal(WriteOutcome.Stale, await index.UpsertAsync("old", 4, LuceneIndex.Article("Hà Nội"), ct));
        Assert.Equal(WriteOutcome.AlreadyApplied, await index.UpsertAsync("old", 5, LuceneIndex.Article("Hà Nội"), ct));
        Assert.Equal(WriteOutcome.Applied, await index.UpsertAsync("old", 6, LuceneIndex.Article("Hà Nội"), ct));
        Assert.Equal(WriteOutcome.Stale, await index.UpsertAsync("old", 5, LuceneIndex.Article("Hà Nội"), ct));
    }

    private sealed class ListLogger : ILogger<LuceneArticleIndex>
    {
        public List<string> Errors { get; } = [];
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= LogLevel.Error) Errors.Add(formatter(state, exception));
        }
    }
}
